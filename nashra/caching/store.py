"""The application's page cache: whole responses for anonymous readers, invalidated by tag.

An entry remembers the version of each of its tags when it was stored. A purge gives each
purged tag a new version, so every entry that carries it stops matching at once, whatever
its URL or query string; nothing has to list the entries. A hit costs two cache reads (the
entry, then its tags' versions) and no query.

With a per-process cache (local memory, no Redis), a purge in one process cannot reach
another's memory. There, a purge also rewrites an "epoch" file that every process checks
on a hit (one small read), so a purge anywhere empties every process's page cache.
"""

import hashlib
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse

CACHE_ALIAS = "pages"
VERSION_TIMEOUT = 7 * 24 * 3600  # longer than any entry lives


@dataclass
class Entry:
    status: int
    headers: list
    content: bytes
    versions: dict
    epoch: str = ""
    stored_at: float = field(default_factory=time.time)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _cache():
    return caches[CACHE_ALIAS]


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def entry_key(request):
    """One entry per scheme, host, path and query: the edition is the path's first segment."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{_digest(url)}"


def version_key(tag):
    return f"tagv:{_digest(tag)}"


def _epoch_path():
    """The epoch file, when the page cache lives in each process's memory (else None)."""
    path = settings.NASHRA_PAGE_CACHE_EPOCH_FILE
    if not path or not isinstance(_cache(), LocMemCache):
        return None
    return Path(path)


def current_epoch():
    if _epoch_path() is None:
        return ""
    try:
        with open(_epoch_path()) as epoch:
            return epoch.read()
    except FileNotFoundError:
        return ""


def get(request):
    """Return the stored response for ``request`` if every one of its tags is unpurged."""
    cache = _cache()
    entry = cache.get(entry_key(request))
    if entry is None:
        return None
    if entry.epoch != current_epoch():
        return None
    keys = {version_key(tag): version for tag, version in entry.versions.items()}
    found = cache.get_many(list(keys))
    if any(found.get(key) != version for key, version in keys.items()):
        return None
    return entry


def put(request, response, tags, timeout):
    """Store ``response`` under ``request``'s URL, remembering its tags' current versions."""
    cache = _cache()
    keys = {tag: version_key(tag) for tag in tags}
    found = cache.get_many(list(keys.values()))
    missing = {key: uuid.uuid4().hex for key in keys.values() if key not in found}
    if missing:
        # A tag without a version gets one now: an entry never relies on a version that a
        # full cache could evict, since a version missing later matches no entry.
        cache.set_many(missing, VERSION_TIMEOUT)
        found.update(missing)
    entry = Entry(
        status=response.status_code,
        headers=[(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        content=response.content,
        versions={tag: found[key] for tag, key in keys.items()},
        epoch=current_epoch(),
    )
    cache.set(entry_key(request), entry, timeout)


def invalidate(tags):
    """Give each tag a new version, so no stored entry carrying it matches any more."""
    tags = set(tags)
    if tags:
        _cache().set_many({version_key(tag): uuid.uuid4().hex for tag in tags}, VERSION_TIMEOUT)
    path = _epoch_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed into place, so a reader never sees it half-written.
        fresh = path.with_name(f"{path.name}.{os.getpid()}")
        fresh.write_text(uuid.uuid4().hex)
        os.replace(fresh, path)


def clear():
    _cache().clear()
