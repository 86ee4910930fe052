"""The application's page cache: whole responses for anonymous readers, invalidated by tag.

A purge stamps each purged tag with the time it happened. An entry remembers when the
request that rendered it started, and is good only while every one of its tags was last
purged before that: a change committed while the page was being rendered retires it too.
Nothing has to list the entries. A hit costs two cache reads (the entry, then its tags'
stamps) and no query.

A stamp that is missing may have been evicted, and with it the memory of a purge: an entry
whose stamps are not all there is never served, and a stamp written again (by the next page
stored) is dated just before that page's request began, so it retires every entry rendered
earlier and none can come back.

Two budgets, so that what anyone can invent cannot push the site's pages out:

- ``pages``: the site's own pages (200s), one entry per address and the query parameters its
  view read (``queries``), so ``?x=1`` and ``?utm_source=…`` share the entry of the page;
- ``pages_adhoc`` (when configured): searches, not-found pages and redirects, kept briefly in a
  small memory of their own. A not-found page or a redirect is keyed by its whole query
  string (a redirect may depend on it); stamps written for them last no longer than they
  do, so a random address leaves nothing behind for long. Without that alias, not-found
  pages and redirects are not stored (proxies in front may still keep them) and searches
  are kept with the pages.

With a per-process cache (local memory, no Redis), a purge in one process cannot reach
another's memory. There a purge writes its time to an "epoch" file instead, which every
process reads on a hit (one small read): a purge anywhere retires every process's pages.
"""

import hashlib
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils.http import urlencode

from . import near, queries

CACHE_ALIAS = "pages"
ADHOC_ALIAS = "pages_adhoc"
STAMP_TIMEOUT = 7 * 24 * 3600  # far longer than any page lives
_MISSING = object()


@dataclass
class Entry:
    status: int
    headers: list
    content: bytes
    tags: list
    started: float = field(default_factory=time.time)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _cache():
    """The site's pages, and every tag's stamp."""
    return caches[CACHE_ALIAS]


def _adhoc_cache():
    return caches[ADHOC_ALIAS] if ADHOC_ALIAS in settings.CACHES else None


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _address(environ):
    """Scheme, host and path as the WSGI server received them (no query string)."""
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0], "").split(",")[0].strip() == proxy_header[1]:
        scheme = "https"
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return f"{scheme}://{host.lower()}{path}"


def entry_key(environ, names_read=None, pairs=None):
    """The key of a page: its address and the query its view may see (``queries``).

    Read from the WSGI environ (a Django request's ``META``), so that the WSGI front door
    (``nashra.caching.wsgi``) and the middleware find the same entries. With ``names_read``,
    the parameters the view did not ask for are left out too.
    """
    if pairs is None:
        pairs = queries.canonical(environ) or []
    if names_read is not None:
        pairs = [(name, value) for name, value in pairs if name in names_read]
    return "page:" + _digest(f"{_address(environ)}?{urlencode(pairs)}")


def exact_key(environ):
    """The key of a not-found page or a redirect: the query string exactly as it came."""
    return "page!" + _digest(f"{_address(environ)}?{environ.get('QUERY_STRING', '')}")


def stamp_key(tag):
    return f"tagv:{_digest(tag)}"


def _epoch_path():
    """The epoch file, when the page cache lives in each process's memory (else None)."""
    path = settings.NASHRA_PAGE_CACHE_EPOCH_FILE
    if not path or not isinstance(_cache(), LocMemCache):
        return None
    return path


def _read_epoch(path):
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return 0.0
    try:
        return float(os.read(descriptor, 64) or 0)
    except ValueError:  # not written by invalidate(): trust nothing stored until it is
        return time.time()
    finally:
        os.close(descriptor)


def current_epoch():
    """The time of the last purge in any process, when processes keep their own caches.

    Other per-process caches of things every page shows compare it with what they stored.
    """
    path = _epoch_path()
    return _read_epoch(path) if path is not None else 0.0


def remember(key, load, timeout, version=None):
    """Return ``load()``, kept in the default cache under ``key`` until the epoch moves.

    For what every page needs and changes rarely (an edition's menus, the private pages).
    Without Redis each process keeps its own copy, and a purge in any process moves the
    shared epoch, which retires them all at once; ``version`` may retire it sooner.
    The epoch is read before loading, so a change made meanwhile retires the new copy too.
    Nothing is kept when ``load()`` returns None.
    """
    from django.core.cache import cache

    stamp = (version, current_epoch())
    cached = cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    value = load()
    if value is not None:
        cache.set(key, (stamp, value), timeout)
    return value


def version_of(tags):
    """A value that changes whenever any of ``tags`` is purged: for caching fragments.

    The fragment cache of a page part keyed by it is fresh until one of its tags is purged
    (a missing stamp changes it too, so an evicted stamp cannot bring back an old part).
    """
    stamps = _cache().get_many([stamp_key(tag) for tag in tags])
    return f"{max(stamps.values(), default=0.0)!r}:{len(stamps)}:{current_epoch()!r}"


def _places(environ):
    """Where an answer to this request may be stored, in the order to look: (cache, key).

    A generator: the second place's key is only worked out when the first holds nothing
    current, as a hit's lookup is most of what it costs.
    """
    pairs = queries.canonical(environ)
    if pairs is None:
        return
    adhoc = _adhoc_cache()
    yield _page_cache(environ, pairs, adhoc), entry_key(environ, pairs=pairs)
    if adhoc is not None:
        yield adhoc, exact_key(environ)


def _page_cache(environ, pairs, adhoc=_MISSING):
    """Where a 200 is kept: a search with the other searches, if they have a budget."""
    if adhoc is _MISSING:
        adhoc = _adhoc_cache()
    return adhoc if adhoc is not None and queries.is_search(environ, pairs) else _cache()


# Under one generation of the shared cache no stamp changes: every purge starts a new one
# (near.py). An entry found current stays current until the next, and its stamps (one per
# article it shows: thirty on a home page) are not read again. Per process, and kept no
# longer than the near copies of the stamps themselves would be.
_found_current = {}  # entry key -> (generation, entry.started, monotonic deadline)
FOUND_CURRENT_MAX = 10_000


def _is_current(entry, key=None):
    epoch_path = _epoch_path()
    if epoch_path is not None:
        return _read_epoch(epoch_path) < entry.started
    generation = near.current_generation()
    if generation is not None:
        known = _found_current.get(key)
        if known and known[:2] == (generation, entry.started) and known[2] > time.monotonic():
            return True
    keys = [stamp_key(tag) for tag in entry.tags]
    stamps = _cache().get_many(keys)
    # A stamp missing (evicted) counts as a purge: never serve what might be stale.
    current = len(stamps) == len(keys) and all(stamp < entry.started for stamp in stamps.values())
    if current and generation is not None and key is not None:
        if len(_found_current) >= FOUND_CURRENT_MAX:
            _found_current.clear()
        deadline = time.monotonic() + settings.NASHRA_NEAR_CACHE_SECONDS
        _found_current[key] = (generation, entry.started, deadline)
    return current


def get(environ):
    """Return the stored response for this request if none of its tags was purged since."""
    for cache, key in _places(environ):
        entry = cache.get(key)
        # Past a purged page, its not-found page or redirect may be current.
        if entry is not None and _is_current(entry, key):
            return entry
    return None


def put(environ, response, tags, timeout, started, names_read=None):
    """Store ``response``, rendered for a request that started at ``started``.

    ``names_read``: the query parameters the view asked for (None: all of them).
    """
    pairs = queries.canonical(environ)
    if pairs is None:
        return
    if response.status_code == 200:
        cache, key = _page_cache(environ, pairs), entry_key(environ, names_read, pairs)
    else:
        cache, key = _adhoc_cache(), exact_key(environ)
        if cache is None:
            return
    if _epoch_path() is None:
        # The site's pages share their tags' stamps for long; what anyone can invent, briefly.
        stamp_timeout = timeout if cache is _adhoc_cache() else STAMP_TIMEOUT
        _stamp_missing(tags, started, stamp_timeout)
    entry = Entry(
        status=response.status_code,
        headers=[(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        content=response.content,
        tags=list(tags),
        started=started,
    )
    cache.set(key, entry, timeout)


def _stamp_missing(tags, started, timeout):
    """Write the stamps no purge has written, or whose purge was forgotten (evicted).

    Dated just before ``started``: this entry stays good, and every entry rendered earlier
    with the same tag is retired, since one of them may predate a purge nobody remembers.
    A purge that got there first wins (``add``).
    """
    stamps = _cache()
    keys = [stamp_key(tag) for tag in tags]
    missing = set(keys) - set(stamps.get_many(keys))
    before = math.nextafter(started, -math.inf)
    for key in missing:
        stamps.add(key, before, timeout)


def invalidate(tags):
    """Stamp each tag with the time of this purge: entries rendered before it are retired."""
    now = time.time()
    tags = set(tags)
    if tags:
        _cache().set_many({stamp_key(tag): now for tag in tags}, STAMP_TIMEOUT)
        near.advance()  # every process's near copies of entries and stamps retire
    path = _epoch_path()
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed into place, so a reader never sees it half-written.
        fresh = path.with_name(f"{path.name}.{os.getpid()}")
        fresh.write_text(repr(now))
        os.replace(fresh, path)
