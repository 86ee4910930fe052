"""The page cache stays the site's: invented addresses cannot push its pages out, and a purge
it has forgotten (an evicted stamp) never brings an old page back."""

import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from nashra.caching import store
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.caching.tests import caches as production
from nashra.news.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def without_redis(settings, tmp_path):
    """Production without Redis: each process's bounded memories and the shared epoch file."""
    settings.CACHES = production.without_redis(tag="-bounded")
    settings.NASHRA_PAGE_CACHE_EPOCH_FILE = tmp_path / "page-cache.epoch"
    production.clear(settings.CACHES)
    yield settings.CACHES
    production.clear(settings.CACHES)


@pytest.fixture(params=["without_redis", "redis_caches"])
def production_caches(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def status(client, url):
    return client.get(url).get(CACHE_STATUS_HEADER)


def assert_served_from_cache(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response[CACHE_STATUS_HEADER] == "hit", url
    assert len(queries) == 0, url
    return response


def test_stray_parameters_share_the_entry_of_the_page(client, article, middle_east):
    assert status(client, middle_east.url) == "miss"
    for query in ("?x=1", "?x=2&utm_source=news", "?fbclid=abc", "?page=1", "?page=01"):
        assert status(client, middle_east.url + query) == "hit", query
    assert status(client, article.url) == "miss"
    assert status(client, article.url + "?page=7") == "miss"  # a page number, maybe
    assert status(client, article.url + "?page=8&x=3") == "miss"
    assert status(client, article.url) == "hit"  # but articles read none: still one entry


def test_a_view_never_sees_a_stray_parameter(client, middle_east, article_factory, settings):
    settings.NASHRA_PAGE_SIZE = 1
    article_factory(middle_east, "Taiz talks open")
    article_factory(middle_east, "Taiz talks close")
    response = client.get("/en/search/?q=Taiz&campaign=%3Cb%3Espam%3C%2Fb%3E")
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one('a[rel="next"]')["href"] == "?q=Taiz&page=2"
    assert status(client, "/en/search/?q=Taiz") == "hit"
    assert status(client, "/en/search/?page=1&q=Taiz&x=1") == "hit"
    assert status(client, "/en/search/?q=Aden") == "miss"


def test_600_random_query_strings_leave_the_section_front_cached(
    client, production_caches, en_home, middle_east, article
):
    client.get(middle_east.url)
    started = time.perf_counter()
    for number in range(600):
        for url in (en_home.url, article.url):
            response = client.get(f"{url}?x={number}")
            assert response.status_code == 200
    elapsed = time.perf_counter() - started
    response = assert_served_from_cache(client, middle_east.url)
    assert "Ceasefire holds in Taiz" in response.content.decode()
    assert status(client, f"{en_home.url}?x=601") == "hit"
    print(f"1,200 requests with random query strings: {elapsed:.2f} s")


def test_600_random_missing_pages_leave_the_section_front_cached(
    client, production_caches, middle_east, article
):
    client.get(middle_east.url)
    started = time.perf_counter()
    for _ in range(600):
        assert client.get(f"/en/nowhere-{uuid.uuid4().hex[:12]}/").status_code == 404
    elapsed = time.perf_counter() - started
    assert_served_from_cache(client, middle_east.url)
    print(f"600 random missing pages: {elapsed:.2f} s")


def test_a_search_flood_leaves_the_section_front_cached(
    client, production_caches, middle_east, article, settings
):
    pages = dict(settings.CACHES["pages"])
    if "OPTIONS" in pages:  # a smaller local memory: as many searches as it holds, and more
        settings.CACHES = {**settings.CACHES, "pages": {**pages, "OPTIONS": {"MAX_ENTRIES": 60}}}
    client.get(middle_east.url)
    for number in range(100):
        assert client.get(f"/en/search/?q=taiz{number}").status_code == 200
    assert_served_from_cache(client, middle_east.url)
    client.get("/en/search/?q=Taiz")
    assert status(client, "/en/search/?q=Taiz") == "hit"  # searches are still kept


def test_a_missing_page_is_kept_briefly_and_leaves_when_the_page_is_published(
    client, production_caches, middle_east, article_factory, django_capture_on_commit_callbacks
):
    url = middle_east.url + "late-story/"
    assert client.get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 404 and response[CACHE_STATUS_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article_factory(middle_east, "Late story")
    response = client.get(url)
    assert response.status_code == 200 and "Late story" in response.content.decode()


def test_a_redirect_is_kept_with_its_whole_query(client, production_caches, article, en_home):
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/en/story.php?id=12"), redirect_page=article
    )
    for _ in range(2):
        response = client.get("/en/story.php?id=12")
        assert response.status_code == 301 and response["Location"].endswith(article.url)
    assert response[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/en/story.php?id=13").status_code == 404  # another id, another answer


def test_without_a_budget_for_them_missing_pages_are_not_kept(client, settings, middle_east):
    settings.CACHES = {k: v for k, v in settings.CACHES.items() if k != "pages_adhoc"}
    for _ in range(2):
        assert status(client, middle_east.url + "nowhere/") == "miss"
    client.get(middle_east.url)
    assert status(client, middle_east.url) == "hit"


@pytest.fixture(params=["local memory", "redis"])
def stamped_caches(request, settings):
    """A page cache that keeps stamps: the test settings' local memory, or Redis."""
    if request.param == "redis":
        return request.getfixturevalue("redis_caches")
    settings.NASHRA_PAGE_CACHE_EPOCH_FILE = None
    return settings.CACHES


def delete_stamp(tag):
    caches[store.CACHE_ALIAS].delete(store.stamp_key(tag))


def test_an_entry_missing_a_stamp_is_not_served(client, stamped_caches, article):
    client.get(article.url)
    assert status(client, article.url) == "hit"
    delete_stamp(f"a:{article.pk}")  # evicted
    assert status(client, article.url) == "miss"
    assert status(client, article.url) == "hit"


def test_a_purge_whose_stamp_was_evicted_brings_no_old_page_back(
    client, stamped_caches, article, middle_east, en_home
):
    from nashra.home.services import set_edition_settings

    for url in (middle_east.url, en_home.url):
        client.get(url)
        assert status(client, url) == "hit"
    # A change every page shows purges the edition (in the test's transaction: at once)...
    set_edition_settings("en", site_name="Nashra Daily")
    delete_stamp("e:en")  # ...and then the purge is forgotten.
    home = client.get(en_home.url)  # rendered again: writes the edition's stamp anew
    assert home[CACHE_STATUS_HEADER] == "miss"
    section = client.get(middle_east.url)  # the old copy must not come back with it
    assert section[CACHE_STATUS_HEADER] == "miss"
    assert "Nashra Daily" in section.content.decode()
    assert status(client, middle_east.url) == "hit"


def test_random_addresses_leave_only_short_lived_stamps_in_redis(client, redis_caches, article):
    import redis

    server = redis.Redis.from_url(redis_caches["pages"]["LOCATION"])
    prefix = redis_caches["pages"]["KEY_PREFIX"]

    def lifetimes():
        """Seconds left to live of every key the page cache holds in Redis."""
        return {key: server.ttl(key) for key in server.scan_iter(match=f"{prefix}:*")}

    client.get(article.url)
    kept = lifetimes()
    # The article's stamps (its address, the article itself…) outlive any page for long.
    assert sum(ttl > 24 * 3600 for ttl in kept.values()) >= 2
    missing = [f"/en/nowhere-{n}/" for n in range(20)]
    for url in missing:
        client.get(url)
    now = lifetimes()
    added = {key: ttl for key, ttl in now.items() if key not in kept}
    assert len(added) >= len(missing)  # a stamp of each address at least
    assert all(0 < ttl <= 60 for ttl in added.values())
    assert all(now[key] > 24 * 3600 for key, ttl in kept.items() if ttl > 24 * 3600)


def test_redis_evicting_under_memory_pressure_serves_nothing_stale(
    client, redis_caches, article, middle_east, en_home
):
    import redis

    urls = (article.url, middle_east.url, en_home.url)
    for url in urls:
        client.get(url)
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Ceasefire broken in Taiz"
    page.save_revision().publish()
    server = redis.Redis.from_url(redis_caches["pages"]["LOCATION"])
    filler = b"x" * 16_000
    with server.pipeline(transaction=False) as pipeline:  # twice maxmemory of other data
        for number in range(2_000):
            pipeline.set(f"elsewhere:{number}", filler)
        pipeline.execute()
    for _ in range(2):
        for url in urls:
            assert "Ceasefire broken in Taiz" in client.get(url).content.decode(), url


def test_the_sign_in_for_private_pages_keeps_its_query(client, en_home):
    response = client.get("/en/_util/login/?next=/en/members/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one('input[name="next"]')["value"] == "/en/members/"
    assert CACHE_STATUS_HEADER not in response
