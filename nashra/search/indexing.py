"""Keep the search index in step with what readers may see: one entry per live, public article."""

import html
import re
import time

from django.db import DEFAULT_DB_ALIAS, connection, transaction

from nashra.caching import store
from nashra.core import privacy
from nashra.news.models import ArticlePage

from .backends import IndexedTerms, get_backend
from .models import IndexVersion, SearchEntry
from .text import rules_version, term_string

_TAG = re.compile(r"<[^>]+>")
# Struct block keys whose text readers see (quote blocks, image captions, credits).
_TEXT_KEYS = ("quote", "attribution", "caption", "credit", "title", "text")


def stream_text(stream_value):
    """Return the readable text of a StreamField value, straight from its stored JSON.

    Reading the raw data avoids building every block object, which matters when a whole
    archive is reindexed.
    """
    parts = []

    def collect(value):
        if isinstance(value, str):
            parts.append(html.unescape(_TAG.sub(" ", value)))
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                collect(value["value"])
            else:
                for key in _TEXT_KEYS:
                    if isinstance(value.get(key), str):
                        collect(value[key])
        elif isinstance(value, list):
            for item in value:
                collect(item)

    raw = getattr(stream_value, "raw_data", stream_value) or []
    collect(list(raw))
    return " ".join(part.strip() for part in parts if part.strip())


# Text that shows on a page beside its body (a live page's updates), registered by the apps
# above as ``terms_of(pages) -> {page id: terms}``: already made into terms (``term_string``)
# and kept with their rows, so indexing a page again costs no new stemming of all of it; one
# query per batch. ``refresh()`` makes the kept terms again: ``rebuild_index`` calls it, for
# when the way text becomes terms changes.
text_sources = []


def register_text_source(terms_of, refresh=None):
    text_sources.append((terms_of, refresh))


def _extra_terms(pages):
    found = {}
    for terms_of, _refresh in text_sources:
        for page_id, terms in terms_of(pages).items():
            found[page_id] = f"{found.get(page_id, '')} {terms}".strip()
    return found


def _tags(page):
    """Return the terms of an article's topics (every spelling), sources and authors.

    A query naming a topic or an author finds its words here as a phrase (`names`).
    """
    names = [name for topic in page.topics.all() for name in [topic.name, *topic.alias_list]]
    names += [source.name for source in page.sources.all()]
    names += [author.name for author in page.authors.all()]
    return term_string(" ".join(names))


def _entry(page, extra_terms=""):
    entry = SearchEntry(
        page_id=page.pk,
        locale_id=page.locale_id,
        path=page.path,
        type_of_work=page.type_of_work,
        published_at=page.published_at,
    )
    terms = IndexedTerms(
        page_id=page.pk,
        title=term_string(page.title),
        lead=term_string(page.lead),
        tags=_tags(page),
        body=" ".join(filter(None, [term_string(stream_text(page.body)), extra_terms])),
        entry=entry,
    )
    return entry, terms


# Stamped whenever the index changes: search results kept under it (search.views) retire.
INDEX_TAG = "search:index"


def _changed():
    """Retire every kept search result: now, and again once the change is committed, since a
    search made meanwhile still saw the index as it was."""
    store.invalidate([INDEX_TAG])
    transaction.on_commit(lambda: store.invalidate([INDEX_TAG]))


def _write(pages):
    extra = _extra_terms(pages) if pages else {}
    pairs = [_entry(page, extra.get(page.pk, "")) for page in pages]
    entries, rows = zip(*pairs, strict=True) if pairs else ((), ())
    if not entries:
        return 0
    # Written over, not deleted first: two changes to one page committed at once (two live
    # updates posted in the same second) each index it, and the second waits for the first's
    # row instead of inserting a duplicate of it.
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["locale", "path", "type_of_work", "published_at"],
    )
    get_backend().write(list(rows))
    _changed()
    return len(entries)


def _articles():
    return ArticlePage.objects.prefetch_related("topics", "sources", "authors")


@transaction.atomic
def index_article(page):
    """Index one article if it is live and public, or drop it from the index if it is not."""
    if not page.live or privacy.is_private(page.path):
        remove_articles([page.pk])
        return
    _write(list(_articles().filter(pk=page.pk, live=True)))


@transaction.atomic
def remove_articles(page_ids):
    SearchEntry.objects.filter(pk__in=page_ids).delete()
    get_backend().delete(page_ids)
    _changed()


def drop_orphans(**kwargs):
    """Drop full-text rows whose article left the index without a signal (bulk deletes, flush)."""
    if "search_searchentry" in connection.introspection.table_names():  # not migrated away
        get_backend().drop_orphans()
        _changed()


def index_articles(queryset, batch_size=1000):
    """(Re)index the live, public articles of a queryset in batches; return how many."""
    ids = list(queryset.live().public().order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            done += _write(list(_articles().filter(pk__in=ids[start : start + batch_size])))
    return done


@transaction.atomic
def reindex_below(page):
    """Index again the articles at or below a page: the private leave, the public (re)enter.

    For a page moved, or made private or public by a view restriction.
    """
    articles = ArticlePage.objects.filter(path__startswith=page.path)
    remove_articles(list(articles.filter(privacy.private_q()).values_list("pk", flat=True)))
    return index_articles(articles)


def rebuild_index(batch_size=1000, stdout=None):
    """Empty the index and index every live, public article again; return the count."""
    started = time.monotonic()
    for _terms_of, refresh in text_sources:
        if refresh is not None:
            refresh()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        get_backend().clear()
        _changed()
    count = index_articles(ArticlePage.objects.all(), batch_size=batch_size)
    get_backend().optimize()
    IndexVersion.objects.update_or_create(pk=1, defaults={"version": rules_version()})
    if stdout is not None:
        elapsed = time.monotonic() - started
        stdout.write(f"Indexed {count} articles in {elapsed:.1f} s.")
    return count


def ensure_current(verbosity=1, using=DEFAULT_DB_ALIAS, stdout=None, **kwargs):
    """Index everything again when the terms were made by other rules (after ``migrate``).

    An index of the old terms would miss a reader's query (مسؤول folded to مسوول where a query
    now folds it to مسءول) until someone remembered ``rebuild_search_index``.
    """
    if (
        using != DEFAULT_DB_ALIAS
        or "search_indexversion" not in connection.introspection.table_names()
    ):
        return  # another database, or this one migrated back before the table
    stored = IndexVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    if stored == rules_version():
        return
    if SearchEntry.objects.exists():
        if verbosity and stdout is not None:
            stdout.write("The search's rules changed since the index was made: indexing again.")
        rebuild_index(stdout=stdout if verbosity else None)
    else:
        IndexVersion.objects.update_or_create(pk=1, defaults={"version": rules_version()})
