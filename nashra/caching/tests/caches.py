"""The cache configurations production runs with, for tests that must prove their limits.

They mirror ``CACHES`` in ``nashra/settings/base.py``: without Redis each process keeps its own
bounded memories; with Redis the pages, their stamps and the view counters are shared, and
searches, not-found pages and redirects stay in each process's small memory.

A private ``redis-server`` (Debian's ``redis-server`` package) is started for the tests that
need Redis, on a free port with ``maxmemory`` and ``allkeys-lru`` as production should run
it, so no test touches another Redis. ``NASHRA_TEST_REDIS_URL`` points them at an existing
one instead (each test then uses a key prefix of its own).
"""

import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "nashra.caching.near.TieredRedisCache"
# base.py's defaults: NASHRA_PAGE_CACHE_ENTRIES, NASHRA_PAGE_CACHE_ADHOC_ENTRIES,
# NASHRA_COUNTERS_ENTRIES.
PAGE_ENTRIES = 500
ADHOC_ENTRIES = 200
COUNTER_ENTRIES = 50_000
REDIS_MAXMEMORY = "16mb"


def _locmem(location, entries=None):
    config = {"BACKEND": LOCMEM, "LOCATION": location}
    if entries:
        config["OPTIONS"] = {"MAX_ENTRIES": entries}
    return config


def without_redis(tag=""):
    """CACHES as base.py builds them without REDIS_URL (Django's default of 300 entries)."""
    return {
        "default": _locmem(f"default{tag}"),
        "renditions": _locmem(f"renditions{tag}"),
        "pages": _locmem(f"pages{tag}", PAGE_ENTRIES),
        "pages_adhoc": _locmem(f"pages-adhoc{tag}", ADHOC_ENTRIES),
        "counters": _locmem(f"counters{tag}", COUNTER_ENTRIES),
    }


def with_redis(url, prefix):
    """CACHES as base.py builds them with REDIS_URL=url and CACHE_KEY_PREFIX=prefix."""
    from django.conf import settings

    near = settings.NEAR_KEYS
    default = {"BACKEND": REDIS, "LOCATION": url, "KEY_PREFIX": prefix}

    def tier(name, key_prefix):
        return dict(default, KEY_PREFIX=key_prefix, NEAR_PREFIXES=near[name])

    return {
        "default": tier("default", prefix),
        "renditions": tier("renditions", f"{prefix}-renditions"),
        "pages": tier("pages", f"{prefix}-pages"),
        "pages_adhoc": _locmem(f"pages-adhoc-{prefix}", ADHOC_ENTRIES),
        "counters": tier("counters", f"{prefix}-counters"),
    }


def clear(caches_setting):
    from django.core.cache import caches

    for alias in caches_setting:
        caches[alias].clear()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server():
    """The URL of a Redis for the tests: a private redis-server, unless one is named."""
    if os.environ.get("NASHRA_TEST_REDIS_URL"):
        yield os.environ["NASHRA_TEST_REDIS_URL"], False
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs Debian's redis-server (or NASHRA_TEST_REDIS_URL)")
    port = _free_port()
    arguments = ["--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    arguments += ["--maxmemory", REDIS_MAXMEMORY, "--maxmemory-policy", "allkeys-lru"]
    process = subprocess.Popen(
        [binary, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    yield url, True
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_caches(redis_server, settings):
    """Run the test with production's caches on Redis; return the CACHES setting used."""
    import redis

    url, private = redis_server
    if private:
        redis.Redis.from_url(url).flushdb()
    settings.CACHES = with_redis(url, f"test-{uuid.uuid4().hex[:12]}")
    yield settings.CACHES
    clear(settings.CACHES)
