"""What the sitemaps list, fetched a chunk of a few columns at a time.

An edition's archive can run to hundreds of thousands of pages, so no sitemap loads it
whole or builds page objects: rows come as dicts in key order (keyset pagination), URLs are
written from ``url_path`` and the edition's root, and each chunk's translations come in one
query by ``translation_key``.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from wagtail.models import Page

from nashra.core import privacy
from nashra.news.models import ArticlePage
from nashra.people.models import Author
from nashra.topics.models import Topic

from .editions import site_editions

# At most this many URLs in one sitemap file (Google's limit); tests lower it.
URL_LIMIT = 50_000
# Rows fetched per query while a sitemap file streams out.
CHUNK_SIZE = 1_000
# Google News reads articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1_000


@dataclass
class Entry:
    loc: str
    lastmod: datetime.datetime | None
    # (hreflang, URL) for every language version, itself and x-default included; empty
    # when the page has no translation.
    alternates: list = field(default_factory=list)


@dataclass
class NewsEntry:
    loc: str
    title: str
    published_at: datetime.datetime


def keyset_chunks(queryset, key, fields, offset, limit):
    """Yield lists of rows (dicts) in key order: `limit` rows from `offset`, CHUNK_SIZE a query.

    Only the first query skips rows by offset; the next ones continue after the last key seen.
    """
    rows_query = queryset.order_by(key).values(*fields)
    remaining, last = limit, None
    while remaining > 0:
        size = min(CHUNK_SIZE, remaining)
        if last is None:
            rows = list(rows_query[offset : offset + size])
        else:
            rows = list(rows_query.filter(**{f"{key}__gt": last})[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        remaining -= size
        last = rows[-1][key]


class Catalogue:
    """Everything the sitemaps of one request list, edition by edition."""

    KINDS = ("pages", "topics", "authors")

    def __init__(self, request):
        self.editions = site_editions(request)
        self.now = timezone.now()

    def edition(self, language_code):
        return next((e for e in self.editions if e.language_code == language_code), None)

    @cached_property
    def _by_locale(self):
        return {edition.locale_id: edition for edition in self.editions}

    def live_pages(self):
        """Return the pages a reader may see: live, not private, no embargo running."""
        return (
            Page.objects.live()
            .filter(privacy.public_q())
            .exclude(articlepage__embargo_until__gt=self.now)
        )

    def _snippets(self, kind):
        """Return the topics or authors with a live, public article in their edition."""
        model, relation = {"topics": (Topic, "articlepage"), "authors": (Author, "articles")}[kind]
        live_article = Q(
            **{f"{relation}__live": True, f"{relation}__locale": F("locale")}
        ) & privacy.public_q(f"{relation}__path")
        return model.objects.annotate(
            lastmod=Max(f"{relation}__last_published_at", filter=live_article)
        ).filter(lastmod__isnull=False)

    def _queryset(self, edition, kind):
        if kind == "pages":
            return self.live_pages().filter(path__startswith=edition.home.path)
        return self._snippets(kind).filter(locale_id=edition.locale_id)

    def stats(self, edition, kind):
        """Return (number of URLs, latest change) of one kind of an edition's pages."""
        if kind == "pages":
            found = self._queryset(edition, kind).aggregate(
                count=Count("pk"), lastmod=Max("last_published_at")
            )
        else:
            # Counted from the articles' side: aggregating the annotated topics again (a Max
            # of a Max) takes a subquery whose dates SQLite hands back as unreadable text.
            found = (
                ArticlePage.objects.live()
                .public()
                .filter(locale_id=edition.locale_id, **{f"{kind}__locale": F("locale")})
                .aggregate(count=Count(kind, distinct=True), lastmod=Max("last_published_at"))
            )
        return found["count"], found["lastmod"]

    def file_count(self, count):
        return -(-count // URL_LIMIT)

    def entries(self, edition, kind, number):
        """Yield lists of Entry: sitemap file `number` (from 1) of one kind of an edition."""
        offset = (number - 1) * URL_LIMIT
        if kind == "pages":
            key, fields = "path", ("url_path", "last_published_at", "first_published_at")
        else:
            key, fields = "pk", ("slug", "lastmod")
        fields = (key, "translation_key", *fields)
        queryset = self._queryset(edition, kind)
        for rows in keyset_chunks(queryset, key, fields, offset, URL_LIMIT):
            if kind == "pages":
                yield self._page_entries(edition, rows)
            else:
                yield self._snippet_entries(edition, kind, rows)

    def _page_entries(self, edition, rows):
        counterparts = self._counterparts(
            self.live_pages(), edition, rows, "url_path", lambda other, path: other.page_url(path)
        )
        entries = []
        for row in rows:
            loc = edition.page_url(row["url_path"])
            lastmod = row["last_published_at"] or row["first_published_at"]
            others = counterparts.get(row["translation_key"], {})
            entries.append(Entry(loc, lastmod, self._hreflang(edition, loc, others)))
        return entries

    def _snippet_entries(self, edition, kind, rows):
        route = kind[:-1]  # the home page's "topic" and "author" routes

        def url(other, slug):
            return other.route_url(route, slug)

        counterparts = self._counterparts(self._snippets(kind), edition, rows, "slug", url)
        entries = []
        for row in rows:
            loc = edition.route_url(route, row["slug"])
            others = counterparts.get(row["translation_key"], {})
            entries.append(Entry(loc, row["lastmod"], self._hreflang(edition, loc, others)))
        return entries

    def _counterparts(self, queryset, edition, rows, column, url):
        """Return {translation_key: {language: URL}} of the rows' versions in other editions."""
        keys = {row["translation_key"] for row in rows}
        found = {}
        others = (
            queryset.filter(translation_key__in=keys)
            .exclude(locale_id=edition.locale_id)
            .values("translation_key", "locale_id", column)
        )
        for other in others:
            other_edition = self._by_locale.get(other["locale_id"])
            if other_edition is None:
                continue
            if column == "url_path" and not other[column].startswith(other_edition.root_path):
                continue  # a page outside the edition's tree has no public URL
            versions = found.setdefault(other["translation_key"], {})
            versions[other_edition.language_code] = url(other_edition, other[column])
        return found

    def _hreflang(self, edition, loc, others):
        if not others:
            return []
        versions = {edition.language_code: loc, **others}
        links = [
            (e.language_code, versions[e.language_code])
            for e in self.editions
            if e.language_code in versions
        ]
        return [*links, ("x-default", versions.get(settings.LANGUAGE_CODE, loc))]

    def _news_queryset(self, edition):
        since = self.now - NEWS_WINDOW
        # A live page stays news while its coverage runs, and two days after it ends.
        on_air = Q(livepage__isnull=False) & (
            Q(livepage__coverage_ends_at__isnull=True) | Q(livepage__coverage_ends_at__gte=since)
        )
        return (
            ArticlePage.objects.live()
            .public()
            .filter(Q(published_at__gte=since) | on_air)
            .filter(path__startswith=edition.home.path, published_at__lte=self.now)
            .exclude(embargo_until__gt=self.now)
        )

    def news_lastmod(self, edition):
        return self._news_queryset(edition).aggregate(lastmod=Max("last_published_at"))["lastmod"]

    def news(self, edition):
        """Return the edition's articles for Google News: the last 48 hours, newest first."""
        rows = (
            self._news_queryset(edition)
            .order_by("-published_at", "-pk")
            .values("url_path", "title", "published_at")[:NEWS_LIMIT]
        )
        return [
            NewsEntry(edition.page_url(row["url_path"]), row["title"], row["published_at"])
            for row in rows
        ]
