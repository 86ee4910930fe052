"""Redis with a small memory in each process in front of it: no round trip for what it holds.

A page needs a dozen small shared values (the edition, the private paths, an article's
labels, its fragment, the stamps of its tags…), and a page-cache hit needs its entry and its
stamps. From Redis each is a round trip. ``TieredRedisCache`` keeps what it read from Redis
in the process's own memory, good for one *generation* of the shared cache: a token in
Redis that every purge, ``forget`` and ``delete`` replaces, and publishes. A request takes
the token once (``begin``): as this process's subscription heard it (``_Listener``), or read
from Redis when it has none. Every value the process read under the same token is still what
Redis holds, so it is answered from memory: a page-cache hit costs no round trip at all.

What makes this true, and what a new use of the cache must keep true:

- a value is *changed* only by deleting it (``memo.forget``, ``cache.delete``) or by a
  purge (``store.invalidate``), or it carries a version in its key; ``set``, ``add`` and
  ``set_many`` are *fills* of what the database says, which the next reader would have
  computed alike, so they do not retire the other processes' copies;
- only keys under the alias's ``NEAR_PREFIXES`` are kept near (the page cache's entries and
  stamps, the memoized values, template fragments); counters, locks and rate limits, which
  change by ``incr`` and ``add``, always go to Redis;
- outside a request (the worker, commands, a shell) there is no token and every read goes to
  Redis;
- a copy lives at most ``NASHRA_NEAR_CACHE_SECONDS`` and the process keeps at most
  ``NASHRA_NEAR_CACHE_BYTES`` of them (least recently used first out), so an evicted token,
  or a change nobody announced, is bounded like any memoized value;
- every change of the token goes through ``advance_generation``, which publishes it; a
  message lost all the same (a subscription cut without a word) costs at most
  ``NASHRA_NEAR_CHECK_SECONDS``, after which the process reads the token from Redis again.
"""

import contextlib
import os
import pickle
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.client import PubSub
from redis.exceptions import RedisError

GENERATION_KEY = "near:generation"
_MISSING = object()
ABSENT = b""  # kept for a key Redis did not hold: no pickle is empty
_request = threading.local()


def begin():
    """Take the shared cache's generation for this request, if it is tiered: as heard by this
    process's subscription (no round trip), or read from Redis (one)."""
    cache = _generation_cache()
    _request.generation = cache.current_generation() if cache is not None else None


def end():
    _request.generation = None


def advance():
    """Retire every process's near copies: called by each purge and each deletion."""
    cache = _generation_cache()
    if cache is not None:
        cache.advance_generation()


def _generation_cache():
    cache = caches[settings.NASHRA_NEAR_GENERATION_ALIAS]
    return cache if isinstance(cache, TieredRedisCache) else None


def current_generation():
    """The generation this request read (``begin``), or None outside a request or Redis."""
    return getattr(_request, "generation", None)


class _Memory:
    """One process's copies for one alias: key -> (generation, expires, pickled value)."""

    def __init__(self, budget):
        self.budget = budget
        self.used = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return _MISSING
            stored_generation, expires, data = found
            if stored_generation != generation or expires < time.monotonic():
                self._drop(key)
                return _MISSING
            self.entries.move_to_end(key)
            return data

    def put(self, key, generation, data, seconds):
        if len(data) > self.budget // 8:  # one huge value would empty the memory
            return
        with self.lock:
            self._drop(key)
            self.entries[key] = (generation, time.monotonic() + seconds, data)
            self.used += len(data)
            while self.used > self.budget:
                _, (_, _, oldest) = self.entries.popitem(last=False)
                self.used -= len(oldest)

    def forget(self, keys):
        with self.lock:
            for key in keys:
                self._drop(key)

    def _drop(self, key):
        found = self.entries.pop(key, None)
        if found is not None:
            self.used -= len(found[2])


_memories = {}
_memories_lock = threading.Lock()


def _memory_for(name):
    with _memories_lock:
        if name not in _memories:
            _memories[name] = _Memory(settings.NASHRA_NEAR_CACHE_BYTES)
        return _memories[name]


def clear_memories():
    """Forget every process-local copy (tests that stand for another process use it)."""
    with _memories_lock:
        _memories.clear()


class _RedisClients(RedisCacheClient):
    """Django's Redis client, with each pool's ``redis.Redis`` built once.

    Django builds a ``redis.Redis`` on every cache call (its response table alone is a
    dictionary of some 170 entries): a third of what a page-cache hit cost. One per pool is
    shared by the calls, as redis-py allows; the pool still hands each call a connection.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class _PubSub(PubSub):
    """redis-py's subscription, noting when it connected again by itself after a cut: what was
    published meanwhile is lost, so the generation is then read again (``_Listener``)."""

    reconnected = False

    def on_connect(self, connection):
        self.reconnected = True
        super().on_connect(connection)


class _Listener:
    """One process's subscription to the generation's changes (Redis pub/sub).

    Every ``advance_generation`` publishes the new token after writing it, before the purge
    that follows it goes out to Varnish; by then Redis has written the message to every
    subscriber's socket. A request takes the generation from the messages waiting on this
    process's socket (a poll, not a round trip), so a purge anywhere is still seen at the
    very next request here. The token is read again from Redis every
    ``NASHRA_NEAR_CHECK_SECONDS`` all the same, so a subscription cut without a word (a
    network between machines) costs at most that long; a broken one is dropped, and the
    request reads the generation as without a subscription.
    """

    def __init__(self, cache):
        self.pid = os.getpid()
        self.cache = cache
        self.pubsub = cache.pubsub()
        self.pubsub.subscribe(cache.generation_channel)
        self.pubsub.get_message(timeout=1.0)  # the subscription's confirmation
        # Subscribed first, read second: a change in between waits on the socket.
        self.pubsub.reconnected = False
        self._read()

    def _read(self):
        self.generation = self.cache.read_generation()
        self.checked = time.monotonic()

    def current(self):
        while (message := self.pubsub.get_message(timeout=0)) is not None:
            if message.get("type") == "message":
                data = message["data"]
                self.generation = data.decode() if isinstance(data, bytes) else data
        due = time.monotonic() - self.checked >= settings.NASHRA_NEAR_CHECK_SECONDS
        if self.pubsub.reconnected or due:
            self.pubsub.reconnected = False
            self._read()
        return self.generation

    def close(self):
        with contextlib.suppress(RedisError, OSError):  # dropped for failing already
            self.pubsub.close()


_listeners = {}
_listeners_lock = threading.Lock()


class TieredRedisCache(RedisCache):
    """Django's Redis cache with a per-process memory in front (module docstring).

    Extra settings beside ``LOCATION``: ``NEAR_PREFIXES``, the keys (before ``KEY_PREFIX``)
    kept near; ``NEAR_NAME``, which memory of the process it uses (one per alias).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self.near_prefixes = tuple(params.get("NEAR_PREFIXES", ()))
        self.near_name = params.get("NEAR_NAME") or f"{server}|{self.key_prefix}"
        self._class = _RedisClients

    def validate_key(self, key):
        """Any key is valid in Redis: Django's check is for memcached's limits, and reading
        each key's characters cost more than a page-cache hit's lookups in memory."""

    # -- the generation -------------------------------------------------------------------

    def read_generation(self):
        generation = super().get(GENERATION_KEY)
        if generation is None:  # never written, or evicted: a new one retires every copy
            super().add(GENERATION_KEY, _new_token(), None)
            generation = super().get(GENERATION_KEY)
        return generation

    @property
    def generation_channel(self):
        return self.make_key("near:generation-changed")

    def pubsub(self):
        client = self._cache.get_client(write=True)
        return _PubSub(client.connection_pool, ignore_subscribe_messages=True)

    def current_generation(self):
        """The generation for a request: heard by this process's subscription, or read."""
        if not settings.NASHRA_NEAR_LISTEN:
            return self.read_generation()
        with _listeners_lock:
            listener = _listeners.get(self.near_name)
            try:
                if listener is None or listener.pid != os.getpid():  # none yet, or forked
                    listener = _listeners[self.near_name] = _Listener(self)
                return listener.current()
            except (RedisError, OSError, ValueError):
                _listeners.pop(self.near_name, None)
                if listener is not None:
                    listener.close()
        return self.read_generation()

    def advance_generation(self):
        token = _new_token()
        super().set(GENERATION_KEY, token, None)
        # Heard by every process's next request (_Listener), before the purge goes out.
        self._cache.get_client(write=True).publish(self.generation_channel, token)
        if current_generation() is not None:
            # This request's own later reads go to Redis too.
            _request.generation = token

    # -- reads ----------------------------------------------------------------------------

    def _near(self, key):
        return current_generation() is not None and key.startswith(self.near_prefixes)

    @property
    def _memory(self):
        return _memory_for(self.near_name)

    def get(self, key, default=None, version=None):
        if not self._near(key):
            return super().get(key, default, version)
        generation = current_generation()
        made = self.make_and_validate_key(key, version=version)
        data = self._memory.get(made, generation)
        if data is not _MISSING:
            return _loads(data, default)
        value = super().get(key, _MISSING, version)
        self._keep(made, generation, value)
        return default if value is _MISSING else value

    def get_many(self, keys, version=None):
        keys = list(keys)
        generation = current_generation()
        found, wanted = {}, []
        for key in keys:
            if self._near(key):
                made = self.make_and_validate_key(key, version=version)
                data = self._memory.get(made, generation)
                if data is not _MISSING:
                    if data != ABSENT:
                        found[key] = _loads(data, None)
                    continue
            wanted.append(key)
        if wanted:
            fetched = super().get_many(wanted, version)
            for key in wanted:
                if self._near(key):
                    made = self.make_and_validate_key(key, version=version)
                    self._keep(made, generation, fetched.get(key, _MISSING))
            found.update(fetched)
        return found

    def has_key(self, key, version=None):
        if not self._near(key):
            return super().has_key(key, version)
        return self.get(key, _MISSING, version) is not _MISSING

    def _keep(self, made_key, generation, value):
        """Keep a value read from Redis, or that Redis had none (a fill will drop it)."""
        data = ABSENT if value is _MISSING else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self._memory.put(made_key, generation, data, settings.NASHRA_NEAR_CACHE_SECONDS)

    # -- writes ---------------------------------------------------------------------------
    # A fill goes to Redis and drops this process's copy; a deletion also retires everyone's.

    def _drop_near(self, keys, version=None):
        self._memory.forget([self.make_and_validate_key(key, version=version) for key in keys])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        self._drop_near([key], version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = super().add(key, value, timeout, version)
        self._drop_near([key], version)
        return added

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        self._drop_near(list(data), version)
        return failed

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        self._drop_near([key], version)
        return value

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        self._drop_near([key], version)
        if key.startswith(self.near_prefixes):
            advance()
        return deleted

    def delete_many(self, keys, version=None):
        keys = list(keys)
        super().delete_many(keys, version)
        self._drop_near(keys, version)
        if any(key.startswith(self.near_prefixes) for key in keys):
            advance()

    def clear(self):
        cleared = super().clear()
        with _memories_lock:
            _memories.pop(self.near_name, None)
        advance()
        return cleared


def _loads(data, default):
    if data == ABSENT:
        return default
    return pickle.loads(data)  # noqa: S301 -- our own bytes, pickled in this process


def _new_token():
    return f"{time.time_ns()}-{secrets.token_hex(4)}"
