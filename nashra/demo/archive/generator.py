"""Writing generated articles straight into the page tree, and removing them again.

Why not treebeard's ``add_child``: it locks and re-reads the parent and saves one page (and
its revision, search entry and references) at a time, about 40 a second; the benchmark
archive has 100,000. So the rows are written in bulk here, and this is the one place that
does it. The paths are still treebeard's: each step is the parent's next child number
written with the tree's own converter (``Page.numconv_obj()``), and ``numchild`` is set on
every parent afterwards (``update_numchild``), so the tree stays one treebeard can walk,
move and fix (``manage.py fixtree`` finds nothing to do).
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from nashra.home.models import HomePage
from nashra.news.models import ArticlePage
from nashra.search.indexing import drop_orphans

from .catalogue import ensure_authors, ensure_images, ensure_sections, ensure_sources, ensure_topics
from .words import Vocabulary

GENERATED_URI_PREFIX = "urn:nashra:bench:"
DELETE_CHUNK = 900  # ids per statement: under SQLite's most conservative variable limit


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _step(number):
    """Return the 4-character base-36 step treebeard gives the number-th child of a node."""
    return Page.numconv_obj().int2str(number).rjust(Page.steplen, Page.alphabet[0])


@dataclass
class EditionPlan:
    """One language edition's home, the sections articles go to and the things they cite."""

    language: str
    home: Page
    sections: list
    section_weights: list
    topics: list
    sources: list
    authors: list
    vocabulary: Vocabulary


TYPE_OF_WORK_WEIGHTS = {
    "news": 62,
    "analysis": 12,
    "opinion": 10,
    "interview": 5,
    "fact_check": 8,
    "sponsored": 3,
}


class ArchiveGenerator:
    """Write count articles, split between the editions, straight into the database."""

    def __init__(self, count, *, seed=None, batch_size=2000, progress=None):
        self.count = count
        self.rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
        self.batch_size = batch_size
        self.progress = progress or (lambda message: None)
        self.now = timezone.now()
        # Keys follow the seed yet differ from run to run, as article numbers carry on.
        self.namespace = _uuid(self.rng)

    def run(self):
        """Generate the archive; return how many articles were written and how long it took."""
        started = time.monotonic()
        editions = self.prepare()
        number = self.first_number()
        next_step = self.next_steps(editions)
        written = 0
        while written < self.count:
            size = min(self.batch_size, self.count - written)
            articles = [
                self.article(editions, number + offset, next_step) for offset in range(size)
            ]
            with transaction.atomic():
                self.insert(articles)
            written += size
            number += size
            elapsed = time.monotonic() - started
            self.progress(
                _("%(done)s / %(total)s articles (%(rate)s/s)")
                % {
                    "done": f"{written:,}",
                    "total": f"{self.count:,}",
                    "rate": f"{written / elapsed:,.0f}",
                }
            )
        for edition in editions:
            update_numchild(edition.sections)
        return {"articles": written, "seconds": time.monotonic() - started}

    def prepare(self):
        homes = {
            home.locale.language_code: home for home in HomePage.objects.select_related("locale")
        }
        homes = {language: homes[language] for language in ("en", "ar") if language in homes}
        if not homes:
            raise ValueError(_("There is no edition to write articles to: run load_demo first."))
        locales = {language: home.locale for language, home in homes.items()}
        topics = ensure_topics(locales)
        sources, authors = ensure_sources(locales), ensure_authors(locales)
        self.images = [image.pk for image in ensure_images()]
        editions = []
        for language, home in homes.items():
            sections = ensure_sections(home)
            weights = [self.rng.uniform(1, 5) for section in sections]
            edition_topics = list(topics[language])
            self.rng.shuffle(edition_topics)  # which topics are the busy ones
            editions.append(
                EditionPlan(
                    language=language,
                    home=home,
                    sections=sections,
                    section_weights=Vocabulary._cumulate(weights),
                    topics=(
                        [topic.pk for topic in edition_topics],
                        Vocabulary._cumulate(
                            [1 / (rank + 1) ** 0.9 for rank in range(len(edition_topics))]
                        ),
                    ),
                    sources=[source.pk for source in sources[language]],
                    authors=[author.pk for author in authors[language]],
                    vocabulary=Vocabulary(language, random.Random(self.rng.random())),  # noqa: S311
                )
            )
        self.content_type_id = ContentType.objects.get_for_model(_article_model()).pk
        return editions

    def first_number(self):
        """Return the number after the highest already given, so reruns add new articles."""
        uris = _article_model().objects.filter(wire_uri__startswith=GENERATED_URI_PREFIX)
        numbers = [
            int(uri.rsplit(":", 1)[1]) for uri in uris.values_list("wire_uri", flat=True).iterator()
        ]
        return max(numbers, default=0) + 1

    @staticmethod
    def next_steps(editions):
        """Return {section pk: the step number its next child gets}."""
        steps = {}
        for edition in editions:
            for section in edition.sections:
                last = (
                    Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
                    .order_by("-path")
                    .values_list("path", flat=True)
                    .first()
                )
                steps[section.pk] = (
                    Page.numconv_obj().str2int(last[-Page.steplen :]) + 1 if last else 1
                )
        return steps

    def article(self, editions, number, next_step):
        """Return the page row, the article row and the links of one new article."""
        rng = self.rng
        edition = editions[0] if len(editions) == 1 or rng.random() < 0.5 else editions[1]
        words = edition.vocabulary
        section = rng.choices(edition.sections, cum_weights=edition.section_weights)[0]
        step = next_step[section.pk]
        next_step[section.pk] = step + 1
        title = words.title()
        slug = f"{slugify(title, allow_unicode=True)[:80].strip('-')}-{number}"
        if rng.random() < 0.03:
            published = self.now - datetime.timedelta(seconds=rng.uniform(60, 48 * 3600))
        else:
            published = self.now - datetime.timedelta(days=rng.uniform(2, 730))
        updated = None
        if rng.random() < 0.1:
            updated = min(published + datetime.timedelta(hours=rng.uniform(1, 72)), self.now)
        page = Page(
            path=section.path + _step(step),
            depth=section.depth + 1,
            numchild=0,
            translation_key=uuid.uuid5(self.namespace, str(number)),
            locale_id=section.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=updated or published,
            title=title,
            draft_title=title,
            slug=slug,
            content_type_id=self.content_type_id,
            url_path=f"{section.url_path}{slug}/",
            latest_revision_created_at=published,
        )
        body = []
        for index in range(rng.randint(4, 10)):
            if index and rng.random() < 0.08:
                body.append({"type": "subheading", "value": words.title(), "id": str(_uuid(rng))})
            paragraph = f"<p>{words.paragraph()}</p>"
            body.append({"type": "paragraph", "value": paragraph, "id": str(_uuid(rng))})
        if rng.random() < 0.15:
            quote = {"quote": words.lead(), "attribution": ""}
            body.insert(2, {"type": "quote", "value": quote, "id": str(_uuid(rng))})
        fields = {
            "type_of_work": rng.choices(
                list(TYPE_OF_WORK_WEIGHTS), weights=list(TYPE_OF_WORK_WEIGHTS.values())
            )[0],
            "embargo_until": None,
            "lead": words.lead(),
            "body": body,
            "hero_image_id": rng.choice(self.images) if rng.random() < 0.85 else None,
            "hero_caption": "",
            "hero_credit": "",
            "published_at": published,
            "updated_at": updated,
            "wire_uri": f"{GENERATED_URI_PREFIX}{number}",
            "translated_from_id": None,
            "remote_media": [],
        }
        topic_pks, topic_weights = edition.topics
        topics = rng.choices(topic_pks, cum_weights=topic_weights, k=rng.randint(1, 4))
        links = {
            "topics": dict.fromkeys(topics),
            "sources": [rng.choice(edition.sources)],
            "authors": dict.fromkeys(rng.choices(edition.authors, k=rng.choice((0, 1, 1, 1, 2)))),
        }
        return page, fields, links

    def insert(self, articles):
        pages = Page.objects.bulk_create([article[0] for article in articles], batch_size=1000)
        model = _article_model()
        columns = model._meta.local_concrete_fields
        rows = []
        for page, (_page, fields, _links) in zip(pages, articles, strict=True):
            fields["page_ptr_id"] = page.pk
            rows.append(
                [column.get_db_prep_save(fields[column.attname], connection) for column in columns]
            )
        _insert_rows(model._meta.db_table, [column.column for column in columns], rows)
        for name in ("topics", "sources", "authors"):
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [
                    through(**{source: page.pk, target: pk})
                    for page, (_page, _fields, links) in zip(pages, articles, strict=True)
                    for pk in links[name]
                ],
                batch_size=1000,
            )


def _insert_rows(table, columns, rows):
    """Insert rows into table, many to a statement: one round trip per row is what costs."""
    quote = connection.ops.quote_name
    per_statement = min(500, (connection.features.max_query_params or 65535) // len(columns))
    placeholders = "({})".format(", ".join(["%s"] * len(columns)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                "INSERT INTO {} ({}) VALUES {}".format(  # noqa: S608 - names from the model
                    quote(table),
                    ", ".join(quote(column) for column in columns),
                    ", ".join([placeholders] * len(chunk)),
                ),
                [value for row in chunk for value in row],
            )


def _article_model():
    return ArticlePage


def update_numchild(parents):
    """Set each parent's numchild to the number of pages right below it."""
    for parent in parents:
        count = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
        Page.objects.filter(pk=parent.pk).update(numchild=count)


def generate_archive(count, *, seed=None, batch_size=2000, progress=None):
    return ArchiveGenerator(count, seed=seed, batch_size=batch_size, progress=progress).run()


def clear_archive(progress=None):
    """Delete every generated article with what hangs off it; return how many went."""
    progress = progress or (lambda message: None)
    rows = _article_model().objects.filter(wire_uri__startswith=GENERATED_URI_PREFIX)
    rows = list(rows.values_list("pk", "path"))
    parent_paths = {path[: -Page.steplen] for pk, path in rows}
    ids = [pk for pk, path in rows]
    for start in range(0, len(ids), DELETE_CHUNK):
        with transaction.atomic():
            _delete_articles(ids[start : start + DELETE_CHUNK])
        if start and not start % (DELETE_CHUNK * 20):
            progress(
                _("%(done)s / %(total)s articles deleted")
                % {"done": f"{start:,}", "total": f"{len(ids):,}"}
            )
    update_numchild(Page.objects.filter(path__in=parent_paths))
    drop_orphans()  # bulk deletes send no signals: the full-text rows go here
    return len(ids)


def _delete_articles(ids):
    """Delete these articles in a few statements, doing what each relation's on_delete asks.

    Page.delete() would do it one page at a time; the rows pointing at the articles are
    removed (or unlinked) first, the article and page rows last.
    """
    model = _article_model()
    for relation in model._meta.get_fields(include_hidden=True):
        if relation.concrete or not relation.auto_created:
            continue
        if not (relation.one_to_many or relation.one_to_one) or relation.parent_link:
            continue
        field = relation.field
        if field.remote_field.parent_link:  # the other kinds of page built on Page
            continue
        rows = relation.related_model._base_manager.filter(**{f"{field.name}__in": ids})
        if relation.on_delete is models.SET_NULL:
            rows.update(**{field.name: None})
        elif relation.on_delete in (models.PROTECT, models.RESTRICT):
            if rows.exists():
                message = _("Generated articles are still referenced by %(model)s rows.")
                raise models.ProtectedError(
                    message % {"model": relation.related_model._meta.verbose_name}, set(rows)
                )
        elif relation.on_delete is not models.DO_NOTHING:  # logs outlive their page, as in Wagtail
            rows.delete()
    content_types = ContentType.objects.get_for_models(Page, model).values()
    for related in apps.get_models():
        for generic in related._meta.private_fields:
            if isinstance(generic, GenericForeignKey):
                object_field = related._meta.get_field(generic.fk_field)
                keys = [object_field.to_python(pk) for pk in ids]
                related._base_manager.filter(
                    **{f"{generic.ct_field}__in": content_types, f"{generic.fk_field}__in": keys}
                ).delete()
    keys = [str(pk) for pk in ids]
    ReferenceIndex.objects.filter(
        Q(base_content_type__in=content_types, object_id__in=keys)
        | Q(to_content_type__in=content_types, to_object_id__in=keys)
    ).delete()
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        for table, column in (
            (model._meta.db_table, model._meta.pk.column),
            (Page._meta.db_table, Page._meta.pk.column),
        ):
            cursor.execute(
                f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({placeholders})",  # noqa: S608
                ids,
            )
