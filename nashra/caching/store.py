"""The application's page cache: whole responses for anonymous readers, invalidated by tag.

A purge stamps each purged tag with the time it happened. An entry remembers when the
request that rendered it started, and is good only while every one of its tags was last
purged before that: a change committed while the page was being rendered retires it too.
Nothing has to list the entries. A hit costs two cache reads (the entry, then its tags'
stamps) and no query.

With a per-process cache (local memory, no Redis), a purge in one process cannot reach
another's memory. There a purge writes its time to an "epoch" file instead, which every
process reads on a hit (one small read): a purge anywhere retires every process's pages.
"""

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse

CACHE_ALIAS = "pages"
STAMP_TIMEOUT = 7 * 24 * 3600  # far longer than any entry lives


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
    return caches[CACHE_ALIAS]


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def entry_key(environ):
    """One entry per scheme, host, path and query string, as the WSGI server received them.

    Read from the WSGI environ (a Django request's ``META``), so that the WSGI front door
    (``nashra.caching.wsgi``) and the middleware find the same entries.
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0], "").split(",")[0].strip() == proxy_header[1]:
        scheme = "https"
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    return "page:" + _digest(f"{scheme}://{host.lower()}{path}?{query}")


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


def get(environ):
    """Return the stored response for this request if none of its tags was purged since."""
    cache = _cache()
    entry = cache.get(entry_key(environ))
    if entry is None:
        return None
    epoch_path = _epoch_path()
    if epoch_path is not None:
        return entry if _read_epoch(epoch_path) < entry.started else None
    keys = [stamp_key(tag) for tag in entry.tags]
    stamps = cache.get_many(keys)
    # A stamp missing (evicted) counts as a purge: never serve what might be stale.
    if len(stamps) < len(keys) or any(stamp >= entry.started for stamp in stamps.values()):
        return None
    return entry


def put(environ, response, tags, timeout, started):
    """Store ``response``, rendered for a request that started at ``started``."""
    cache = _cache()
    if _epoch_path() is None:
        keys = [stamp_key(tag) for tag in tags]
        for key in set(keys) - set(cache.get_many(keys)):
            cache.add(key, 0.0, STAMP_TIMEOUT)  # "never purged", unless a purge got there first
    entry = Entry(
        status=response.status_code,
        headers=[(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        content=response.content,
        tags=list(tags),
        started=started,
    )
    cache.set(entry_key(environ), entry, timeout)


def invalidate(tags):
    """Stamp each tag with the time of this purge: entries rendered before it are retired."""
    now = time.time()
    tags = set(tags)
    if tags:
        _cache().set_many({stamp_key(tag): now for tag in tags}, STAMP_TIMEOUT)
    path = _epoch_path()
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed into place, so a reader never sees it half-written.
        fresh = path.with_name(f"{path.name}.{os.getpid()}")
        fresh.write_text(repr(now))
        os.replace(fresh, path)


def clear():
    _cache().clear()
