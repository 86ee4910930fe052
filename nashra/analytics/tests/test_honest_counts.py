"""Views are honest: one per address and page a day, few per address an hour, URLs that expire,
and pending counts that survive a crowd until they are written."""

import datetime
import time
from unittest import mock

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import RequestFactory

from nashra.analytics import counting
from nashra.analytics.counting import flush_view_counts, record_view
from nashra.caching.tests import caches as production

from .helpers import BROWSER, HOUR, send_beacon, stored_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Gaza")


@pytest.fixture
def without_redis(settings):
    """Production's caches without Redis: a default of 300 entries, counters of their own."""
    settings.CACHES = production.without_redis(tag="-honest")
    production.clear(settings.CACHES)
    yield settings.CACHES
    production.clear(settings.CACHES)


def user_agent(number):
    return BROWSER.replace("126.0.0.0", f"126.0.{number}.0")


def issued_ago(page_id, seconds):
    """The beacon URL a page rendered ``seconds`` ago carries."""
    with mock.patch("time.time", return_value=time.time() - seconds):
        return counting.beacon_url(page_id)


def test_one_address_counts_once_whatever_user_agent_it_sends(client, article):
    url = counting.beacon_url(article.pk)
    for number in range(200):
        assert send_beacon(client, url, user_agent=user_agent(number)).status_code == 204
    flush_view_counts()
    assert stored_views(article) == 1


def test_a_forwarded_for_header_is_believed_only_from_trusted_proxies(client, article, settings):
    url = counting.beacon_url(article.pk)
    for number in range(20):  # no proxy trusted: the header is anyone's to write
        send_beacon(client, url, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    flush_view_counts()
    assert stored_views(article) == 1

    settings.NASHRA_TRUSTED_PROXIES = "1"  # now the connecting address is our proxy
    for number in range(3):
        send_beacon(client, url, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    flush_view_counts()
    assert stored_views(article) == 4


def test_an_ipv6_subscriber_counts_once_for_their_whole_network(client, article):
    url = counting.beacon_url(article.pk)
    for host in range(1, 30):  # privacy addresses rotate within one /64
        send_beacon(client, url, ip=f"2001:db8:1:2::{host:x}")
    send_beacon(client, url, ip="2001:db8:1:3::1")  # another subscriber
    flush_view_counts()
    assert stored_views(article) == 2


def test_an_expired_beacon_is_refused_and_not_counted(client, article):
    lifetime = counting.beacon_lifetime()
    expired = issued_ago(article.pk, lifetime + counting.ISSUE_STEP + 60)
    assert send_beacon(client, expired).status_code == 403
    flush_view_counts()
    assert stored_views(article) == 0


def test_a_page_kept_by_a_cache_for_its_whole_life_still_counts(client, article, settings):
    kept = settings.NASHRA_CACHE_SECONDS["article"] + 90  # and a while in the browser
    assert counting.beacon_lifetime() > kept
    assert send_beacon(client, issued_ago(article.pk, kept)).status_code == 204
    flush_view_counts()
    assert stored_views(article) == 1


def test_a_beacon_from_before_urls_carried_their_time_never_counts(client, article):
    # What pages carried before: the article's id alone, signed with the beacon's salt.
    signature = signing.Signer(salt="nashra.analytics.view-beacon").signature(str(article.pk))
    assert send_beacon(client, f"/stats/view/{article.pk}/{signature}/").status_code == 403
    flush_view_counts()
    assert stored_views(article) == 0


def test_every_render_within_ten_minutes_carries_the_same_url(article):
    step_start = time.time() // counting.ISSUE_STEP * counting.ISSUE_STEP
    with mock.patch("time.time", return_value=step_start + 1):
        first = counting.beacon_url(article.pk)
    with mock.patch("time.time", return_value=step_start + counting.ISSUE_STEP - 1):
        assert counting.beacon_url(article.pk) == first  # same bytes, same ETag
    with mock.patch("time.time", return_value=step_start + counting.ISSUE_STEP):
        assert counting.beacon_url(article.pk) != first


def test_one_address_adds_a_limited_number_of_views_an_hour(
    middle_east, article_factory, settings, now
):
    # Mid-morning: at 23:xx the next hour is tomorrow, when every reader counts afresh.
    now = now.astimezone(datetime.UTC).replace(hour=10)
    settings.NASHRA_VIEWS_PER_ADDRESS = 3
    articles = [article_factory(middle_east, f"Story {n}") for n in range(5)]
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=BROWSER)
    counted = [record_view(request, article.pk, now) for article in articles]
    assert counted == [True, True, True, False, False]
    # The next hour the address may count again, for the pages it was refused.
    later = now + HOUR
    assert [record_view(request, article.pk, later) for article in articles] == [
        False,
        False,
        False,
        True,
        True,
    ]
    flush_view_counts(later + datetime.timedelta(minutes=1))
    assert sum(stored_views(article) for article in articles) == 5


def read_by_a_thousand(client, article):
    url = counting.beacon_url(article.pk)
    other_work = caches["default"]
    started = time.perf_counter()
    for number in range(1000):
        ip = f"10.{number // 250}.{number % 250}.{number % 7 + 1}"
        assert send_beacon(client, url, ip=ip, user_agent=user_agent(number)).status_code == 204
        # The rest of the site keeps the default cache busy meanwhile.
        other_work.set(f"elsewhere:{number}", "x" * 100)
    elapsed = time.perf_counter() - started
    return flush_view_counts(), elapsed


def test_a_thousand_readers_are_all_counted_without_redis(client, article, without_redis):
    written, elapsed = read_by_a_thousand(client, article)
    assert written == 1000
    assert stored_views(article) == 1000
    print(f"1,000 beacons without Redis: {elapsed:.2f} s, {written} views written")


def test_with_redis_readers_are_counted_once_each_and_all(client, article, redis_caches):
    url = counting.beacon_url(article.pk)
    for number in range(200):
        send_beacon(client, url, ip="203.0.113.5", user_agent=user_agent(number))
    assert flush_view_counts() == 1
    written, elapsed = read_by_a_thousand(client, article)
    assert written == 1000
    assert stored_views(article) == 1001
    print(f"1,000 beacons with Redis: {elapsed:.2f} s, {written} views written")


def test_without_a_counters_cache_the_default_cache_counts(client, article, settings):
    settings.CACHES = {alias: c for alias, c in settings.CACHES.items() if alias != "counters"}
    assert counting.counters() is caches["default"]
    send_beacon(client, counting.beacon_url(article.pk))
    flush_view_counts()
    assert stored_views(article) == 1
