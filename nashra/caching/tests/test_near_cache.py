"""Redis with each process's own memory in front (nashra/caching/near.py).

Two processes are played by two memories of one backend (``near.clear_memories`` swaps
them in and out), each request by ``near.begin``; the Redis is a real one, private to the
tests (``redis_server``), whose own command count says how many round trips a page cost.
"""

import pickle

import pytest
import redis
from django.core.cache import caches

from nashra.caching import memo, near, store
from nashra.caching.tests.test_wsgi import application, call  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(redis_caches):
    """Production's caches on the private Redis; a fresh process memory; no request yet."""
    near.clear_memories()
    near.end()
    yield redis_caches
    near.clear_memories()
    near.end()


@pytest.fixture
def commands(redis_server):
    """Count the commands the Redis server answers (only a private one is ours alone)."""
    url, private = redis_server
    if not private:
        pytest.skip("counts round trips on a private redis-server only")
    server = redis.Redis.from_url(url)

    def processed():
        # INFO itself counts as one command; a second INFO tells nothing else ran.
        return server.info("stats")["total_commands_processed"]

    class Counter:
        def __enter__(self):
            self.start = processed()
            return self

        def __exit__(self, *exc):
            self.count = processed() - self.start - 1

    return Counter


class OtherProcess:
    """Swap in another process's memory, and its request's generation, during a ``with``."""

    def __init__(self):
        self.memories = {}
        self.generation = None

    def __enter__(self):
        self.saved = dict(near._memories), near.current_generation()
        near._memories.clear()
        near._memories.update(self.memories)
        near._request.generation = self.generation

    def __exit__(self, *exc):
        self.memories = dict(near._memories)
        self.generation = near.current_generation()
        near._memories.clear()
        near._memories.update(self.saved[0])
        near._request.generation = self.saved[1]


def test_within_a_request_a_value_read_once_costs_no_more_round_trips(shared, commands):
    cache = caches["default"]
    cache.set("nashra:edition:en", {"name": "Nashra"})
    near.begin()
    assert cache.get("nashra:edition:en") == {"name": "Nashra"}
    with commands() as counted:
        for _ in range(5):
            assert cache.get("nashra:edition:en") == {"name": "Nashra"}
        assert cache.get_many(["nashra:edition:en"]) == {"nashra:edition:en": {"name": "Nashra"}}
    assert counted.count == 0
    # The next request hears the generation (no round trip) and reads nothing more.
    with commands() as counted:
        near.begin()
        assert cache.get("nashra:edition:en") == {"name": "Nashra"}
    assert counted.count == 0


def test_a_value_is_a_copy_the_caller_cannot_change_for_the_next_reader(shared):
    cache = caches["default"]
    cache.set("nashra:sections:en", ["News"])
    near.begin()
    cache.get("nashra:sections:en").append("Changed by a caller")
    assert cache.get("nashra:sections:en") == ["News"]


def test_a_value_forgotten_in_one_process_is_gone_at_the_others_next_request(shared):
    cache = caches["default"]
    cache.set("nashra:breaking:en", ["Old line"])
    other = OtherProcess()
    with other:
        near.begin()
        assert cache.get("nashra:breaking:en") == ["Old line"]  # now in its memory
    near.begin()
    memo.forget("nashra:breaking:en")  # an editor ends the breaking line here
    cache.set("nashra:breaking:en", ["New line"])  # and this process fills it again
    with other:
        assert cache.get("nashra:breaking:en") == ["Old line"]  # its request began earlier
        near.begin()
        assert cache.get("nashra:breaking:en") == ["New line"]


def test_a_purge_retires_every_process_copies_of_pages_and_stamps(shared):
    pages = caches["pages"]
    tag = store.stamp_key("article:1")
    pages.set(tag, 100.0)
    other = OtherProcess()
    with other:
        near.begin()
        assert pages.get_many([tag]) == {tag: 100.0}
    near.begin()
    store.invalidate(["article:1"])
    with other:
        near.begin()
        assert pages.get(tag) > 100.0


def test_a_fill_by_another_process_is_not_mistaken_for_a_change(shared):
    """A key Redis had not (kept as absent) shows once this process's next generation starts,
    and this process's own fill is read back at once."""
    cache = caches["default"]
    near.begin()
    assert cache.get("nashra:sites") is None
    other = OtherProcess()
    with other:
        near.begin()
        cache.set("nashra:sites", ["example"])
        assert cache.get("nashra:sites") == ["example"]
    assert cache.get("nashra:sites") is None  # what Redis held when this request began
    near.advance()
    near.begin()
    assert cache.get("nashra:sites") == ["example"]


def test_outside_a_request_every_read_goes_to_redis(shared):
    cache = caches["default"]
    cache.set("nashra:edition:en", "first")
    near.begin()
    assert cache.get("nashra:edition:en") == "first"
    near.end()
    with OtherProcess():
        cache.set("nashra:edition:en", "second")  # a fill, which retires no one
    assert cache.get("nashra:edition:en") == "second"  # the worker, a command, a shell


def test_counters_and_rate_limits_always_go_to_redis(shared):
    cache = caches["default"]
    cache.set("rl:contact:203.0.113.9", 1)
    near.begin()
    assert cache.get("rl:contact:203.0.113.9") == 1
    with OtherProcess():
        cache.incr("rl:contact:203.0.113.9")
    assert cache.get("rl:contact:203.0.113.9") == 2


def test_the_memory_keeps_to_its_budget_dropping_the_least_recently_used(shared, settings):
    settings.NASHRA_NEAR_CACHE_BYTES = 64 * 1024
    near.clear_memories()
    cache = caches["default"]
    cache.set_many({f"nashra:part:{number}": "x" * 4000 for number in range(40)})
    near.begin()
    for number in range(40):
        cache.get(f"nashra:part:{number}")
    memory = near._memory_for(cache.near_name)
    assert memory.used <= 64 * 1024
    kept = [key for key in memory.entries if "nashra:part:" in key]
    assert f"nashra:part:{39}" in kept[-1] and not any(key.endswith(":part:0") for key in kept)


def test_a_copy_lives_no_longer_than_its_limit(shared, settings):
    settings.NASHRA_NEAR_CACHE_SECONDS = 0
    cache = caches["default"]
    cache.set("nashra:edition:en", "first")
    near.begin()
    assert cache.get("nashra:edition:en") == "first"
    with OtherProcess():
        cache.set("nashra:edition:en", "second")
    assert cache.get("nashra:edition:en") == "second"


# -- through the front door, as gunicorn serves it ---------------------------------------


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def test_a_page_cache_hit_costs_no_round_trip(shared, application, article, commands):  # noqa: F811
    """The generation is heard (pub/sub), not asked for: a hit is answered from memory."""
    assert call(application, article.url)["headers"]["X-Nashra-Cache"] == "miss"
    call(application, article.url)  # this process now holds the entry and its stamps
    with commands() as counted:
        hit = call(application, article.url)
    assert hit["headers"]["X-Nashra-Cache"] == "hit"
    assert counted.count == 0


def test_a_page_rendered_without_the_page_cache_costs_no_round_trip(
    shared,
    application,  # noqa: F811
    article,
    commands,
    settings,
):
    settings.NASHRA_PAGE_CACHE = False
    for _ in range(2):  # every memoized value, fragment and stamp read once
        assert call(application, article.url)["status"] == 200
    with commands() as counted:
        page = call(application, article.url)
    assert b"Ceasefire holds in Taiz" in page["body"]
    assert counted.count == 0


def test_a_publish_shows_at_the_next_request_of_every_process(shared, application, article):  # noqa: F811
    other = OtherProcess()
    with other:
        call(application, article.url)
        assert call(application, article.url)["headers"]["X-Nashra-Cache"] == "hit"
    article.title = "Ceasefire broken in Taiz"
    article.save_revision().publish()
    with other:
        page = call(application, article.url)
    assert page["headers"]["X-Nashra-Cache"] == "miss"
    assert b"Ceasefire broken in Taiz" in page["body"]


def test_without_listening_each_request_reads_the_generation_once(
    shared,
    application,  # noqa: F811
    article,
    commands,
    settings,
):
    settings.NASHRA_NEAR_LISTEN = False
    call(application, article.url)
    call(application, article.url)
    with commands() as counted:
        assert call(application, article.url)["headers"]["X-Nashra-Cache"] == "hit"
    assert counted.count == 1


def test_a_purge_in_another_process_is_heard_by_the_next_request(shared, redis_server):
    """Another process's purge reaches this one by Redis alone: a client of its own."""
    cache = caches["default"]
    near.begin()
    before = near.current_generation()
    other = redis.Redis.from_url(redis_server[0])
    token = "from-another-process"
    other.set(cache.make_key(near.GENERATION_KEY), pickle.dumps(token))
    other.publish(cache.generation_channel, token)
    near.begin()
    assert near.current_generation() == token != before


def test_a_change_no_message_announced_is_seen_within_the_check(shared, redis_server, settings):
    """A message lost (a subscription silently cut) costs at most the check's interval."""
    cache = caches["default"]
    near.begin()
    other = redis.Redis.from_url(redis_server[0])
    other.set(cache.make_key(near.GENERATION_KEY), pickle.dumps("unannounced"))
    settings.NASHRA_NEAR_CHECK_SECONDS = 0
    near.begin()
    assert near.current_generation() == "unannounced"


def test_a_lost_subscription_falls_back_to_reading_and_listens_again(shared, commands):
    cache = caches["default"]
    near.begin()
    near._listeners[cache.near_name].pubsub.connection.disconnect()
    near.advance()
    with commands() as counted:
        near.begin()
    assert near.current_generation() == cache.read_generation()
    assert counted.count >= 1  # it read the generation, and subscribed again
    with commands() as counted:
        near.begin()
    assert counted.count == 0
