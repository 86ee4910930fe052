"""Paging through a listing by keyset: ``?before=<cursor>`` for older items, ``?after=`` newer.

A cursor names an item's place in the order every listing uses (publication date, then
page id, newest first), not a page number. A partner walking back through the archive while
the newsroom publishes sees no item twice and misses none, which ``?page=3`` cannot promise:
each new article would push every page down by one. The database walks the date index from
the cursor, so the thousandth page costs what the first does. No total is counted; ``more``
says whether older items follow.

A cursor is ``<date>-<page id>`` (``20260501T093000.000000Z-123``), written one way only so
that one page of a listing has one address (and one entry in every cache). Clients should
treat it as opaque and follow the ``next`` and ``previous`` links.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.translation import gettext as _

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
CURSOR = re.compile(r"(?P<moment>\d{8}T\d{6}\.\d{6}Z)-(?P<pk>[1-9]\d{0,17})")
CURSOR_DATE = "%Y%m%dT%H%M%S.%fZ"


class BadRequest(Exception):
    """A query the API cannot answer: the message says why, in the edition's language."""


def read_limit(query):
    """Return ``?limit=`` as a number of items, DEFAULT_LIMIT when absent."""
    value = query.get("limit")
    if value is None:
        return DEFAULT_LIMIT
    if not re.fullmatch(r"[0-9]{1,3}", value) or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(
            _("“limit” must be a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}
        )
    return int(value)


def _cursor(moment, pk):
    return f"{moment.astimezone(UTC).strftime(CURSOR_DATE)}-{pk}"


def cursor_of(article):
    return _cursor(article.published_at, article.pk)


def read_cursor(name, value):
    """Return (published_at, page id) from a cursor, or raise BadRequest naming the parameter."""
    match = CURSOR.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        moment = datetime.strptime(match["moment"], CURSOR_DATE).replace(tzinfo=UTC)
    except ValueError:
        raise BadRequest(
            _("“%(name)s” is not a cursor of this API; follow the “next” and “previous” links.")
            % {"name": name}
        ) from None
    return moment, int(match["pk"])


def older_than(articles, moment, pk):
    # "published_at <= moment" first: a range the date index answers, then the tie on ids.
    return articles.filter(published_at__lte=moment).exclude(published_at=moment, pk__gte=pk)


def newer_than(articles, moment, pk):
    return articles.filter(published_at__gte=moment).exclude(published_at=moment, pk__lte=pk)


@dataclass
class Page:
    items: list
    limit: int
    older: str | None = None  # the cursor of the next (older) page, if there is one
    newer: str | None = None  # the cursor of the previous (newer) page, if there is one


def page_of(articles, query):
    """Return the Page of ``articles`` (a queryset) that ``?limit=``, ``?before=``, ``?after=`` ask.

    One query for the items (one more than asked for: is there a page beyond?) and, on any
    page but the first, one to tell whether there is a page on the other side.
    """
    limit = read_limit(query)
    before, after = query.get("before"), query.get("after")
    if before is not None and after is not None:
        raise BadRequest(_("Ask for “before” or “after”, not both."))
    articles = articles.exclude(published_at=None)
    if after is not None:
        moment, pk = read_cursor("after", after)
        rows = list(newer_than(articles, moment, pk).order_by("published_at", "pk")[: limit + 1])
        items = rows[:limit][::-1]
        newer = cursor_of(items[0]) if len(rows) > limit else None
        # The oldest item shown, or the cursor itself when no item is newer any more.
        edge = (items[-1].published_at, items[-1].pk) if items else (moment, pk)
        older = _cursor(*edge) if older_than(articles, *edge).exists() else None
        return Page(items, limit, older=older, newer=newer)
    ordered = articles.order_by("-published_at", "-pk")
    if before is not None:
        moment, pk = read_cursor("before", before)
        ordered = older_than(ordered, moment, pk)
    rows = list(ordered[: limit + 1])
    items = rows[:limit]
    older = cursor_of(items[-1]) if len(rows) > limit else None
    newer = None
    if before is not None:
        edge = (items[0].published_at, items[0].pk) if items else (moment, pk)
        newer = _cursor(*edge) if newer_than(articles, *edge).exists() else None
    return Page(items, limit, older=older, newer=newer)
