"""Which query parameters a public page is read with: the one allow-list.

A reader's query string reaches the view only through this list, by the kind of address:
anything else (``?utm_source=``, ``fbclid``, ``?x=1``, a cache-buster) is dropped before the
view sees it, so every such address renders the same page, and the page cache keeps one
entry for all of them. Each parameter's last value is the one kept (as ``QueryDict.get``
reads it), page numbers are written one way (``02`` is ``2``, page 1 is no page), and the
parameters are sorted.

A view that starts reading a new parameter must be added here, or it never receives it;
``deploy/varnish/nashra.vcl`` keeps the same names.
"""

import re

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import QueryDict

# Wagtail's sign-in and password forms for private pages read ``?next=`` and set a cookie:
# their query passes untouched and they are never stored.
PRIVATE_PAGE_FORMS = re.compile(r"(/[\w-]+)?/_util/")
SEARCH = re.compile(r"/[\w-]+/search/")
FEED = re.compile(r".*/feed/(atom/|json/)?")
# The ninjs API (nashra/syndication), before FEED: a topic or section there may be "feed".
NINJS = re.compile(r"/[\w-]+/ninjs/.*")
# Addresses whose views read no parameter at all.
NO_QUERY = re.compile(r"/(robots\.txt|sitemap\.xml|sitemaps/.*)")


def _page_number(value):
    """A page number one way: "2" for "02", none for the first page; else as it came (a 404)."""
    try:
        number = int(value)
    except ValueError:
        return value
    return None if number == 1 else str(number)


def _number(value):
    """A whole number one way: "20" for "020"; else as it came (the view answers 400)."""
    try:
        return str(int(value))
    except ValueError:
        return value


def _content(value):
    """Feeds: ``?content=summary`` gives leads only; any other value is the full text."""
    return value if value == "summary" else None


def _as_given(value):
    return value


# kind of address → {parameter: how its value is written}
PARAMETERS = {
    # search/forms.py (SearchForm) and search/views.py (the results' page)
    "search": {
        "q": _as_given,
        "section": _as_given,
        "type": _as_given,
        "since": _as_given,
        "until": _as_given,
        "sort": _as_given,
        "page": _page_number,
    },
    # feeds/builders.py
    "feed": {"content": _content},
    # syndication/paging.py: the page size and the keyset cursors
    "ninjs": {"limit": _number, "before": _as_given, "after": _as_given},
    "fixed": {},
    # Every other page: a listing's page number (core/pagination.py), a live page's first
    # update shown (nashra/live: "older updates" without JavaScript). Pages that never ask
    # for it (an article) are kept once whatever it says: see ReadQuery.
    "page": {"page": _page_number, "from": _as_given},
}


def kind_of(path):
    """Return the kind of address ``path`` is, or None for one whose query passes untouched."""
    if PRIVATE_PAGE_FORMS.match(path):
        return None
    if SEARCH.fullmatch(path):
        return "search"
    if NINJS.fullmatch(path):
        return "ninjs"
    if FEED.fullmatch(path):
        return "feed"
    if NO_QUERY.fullmatch(path):
        return "fixed"
    return "page"


def canonical(environ):
    """Return the query the view of this request may see, as sorted (name, value) pairs.

    None when the address keeps its query as it came (and is not cached).
    """
    kind = kind_of(environ.get("PATH_INFO", ""))
    if kind is None:
        return None
    allowed = PARAMETERS[kind]
    raw = get_bytes_from_wsgi(environ, "QUERY_STRING", "")
    if not raw:
        return []
    query = QueryDict(raw, encoding=settings.DEFAULT_CHARSET)
    pairs = []
    for name in sorted(allowed.keys() & query.keys()):
        value = allowed[name](query.getlist(name)[-1])
        if value is not None:
            pairs.append((name, value))
    return pairs


def is_search(environ, pairs):
    """Is this a search (any of countless queries), rather than one of the site's pages?"""
    return bool(pairs) and kind_of(environ.get("PATH_INFO", "")) == "search"


class ReadQuery(QueryDict):
    """A request's query as its view sees it, noting which parameters the view asked for.

    A page whose view never asked for a parameter is the same page without it, so the page
    cache keeps one entry for every value of it (an article's ``?page=7``). Asking by name
    (``get``, ``[]``, ``getlist``, ``in``) notes that name, present or not; any other use
    (iterating, counting, copying, encoding) notes every parameter present.
    """

    BY_NAME = frozenset({"get", "getlist", "encoding", "names_read"})

    def __init__(self, query_string=None, mutable=False, encoding=None):
        object.__setattr__(self, "names_read", set())
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read = set()

    @classmethod
    def for_request(cls, environ):
        """Return the query for this request's view, or None to leave it as it came."""
        pairs = canonical(environ)
        if pairs is None:
            return None
        query = cls(mutable=True)
        for name, value in pairs:
            query.appendlist(name, value)
        query._mutable = False
        query.names_read.clear()
        return query

    def _note_all(self):
        object.__getattribute__(self, "names_read").update(dict.keys(self))

    def __getattribute__(self, name):
        if not name.startswith("_") and name not in ReadQuery.BY_NAME:
            object.__getattribute__(self, "_note_all")()
        return super().__getattribute__(name)

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def __iter__(self):
        self._note_all()
        return super().__iter__()

    def __len__(self):
        self._note_all()
        return super().__len__()
