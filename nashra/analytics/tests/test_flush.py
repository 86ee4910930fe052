"""Views gathered in the cache reach the database in batches, once each."""

import datetime

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from nashra.analytics.counting import flush_view_counts, record_view
from nashra.analytics.models import ArticleViews

from .helpers import BROWSER, HOUR, beacon_url, send_beacon, stored_views

pytestmark = pytest.mark.django_db


def reader(number):
    return RequestFactory().post("/", REMOTE_ADDR=f"192.0.2.{number}", HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def articles(middle_east, article_factory):
    return article_factory(middle_east, "First"), article_factory(middle_east, "Second")


def test_flush_writes_the_totals_once(articles, now):
    first, second = articles
    for number in range(3):
        record_view(reader(number), first.pk, now)
    record_view(reader(1), second.pk, now)

    assert flush_view_counts(now) == 4
    assert (stored_views(first), stored_views(second)) == (3, 1)
    assert flush_view_counts(now) == 0  # nothing new: flushing again changes nothing
    assert (stored_views(first), stored_views(second)) == (3, 1)

    record_view(reader(4), first.pk, now)
    assert flush_view_counts(now) == 1
    assert stored_views(first) == 4
    assert ArticleViews.objects.filter(page=first).count() == 1  # added to the same hour


def test_views_are_counted_in_the_hour_they_arrived(articles, now):
    first, _ = articles
    earlier = now - 3 * HOUR
    record_view(reader(1), first.pk, earlier)
    record_view(reader(2), first.pk, earlier)
    record_view(reader(3), first.pk, now)
    flush_view_counts(now)
    rows = {row.hour: row.views for row in ArticleViews.objects.filter(page=first)}
    hour = now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    assert rows == {hour - 3 * HOUR: 2, hour: 1}
    assert ArticleViews.objects.get(hour=hour).locale == first.locale


def test_views_of_a_deleted_article_are_dropped(articles, now):
    first, second = articles
    record_view(reader(1), first.pk, now)
    record_view(reader(1), second.pk, now)
    first.delete()
    assert flush_view_counts(now) == 1
    assert list(ArticleViews.objects.values_list("page_id", flat=True)) == [second.pk]


def test_flush_forgets_buckets_older_than_eight_days(articles, now):
    first, _ = articles
    old = ArticleViews.objects.create(
        page=first, locale=first.locale, hour=now - datetime.timedelta(days=9), views=5
    )
    recent = ArticleViews.objects.create(
        page=first, locale=first.locale, hour=now - datetime.timedelta(days=7), views=5
    )
    flush_view_counts(now)
    assert not ArticleViews.objects.filter(pk=old.pk).exists()
    assert ArticleViews.objects.filter(pk=recent.pk).exists()


def test_the_worker_flushes_on_every_pass(articles, now):
    first, _ = articles
    record_view(reader(1), first.pk)
    call_command("run_worker", "--once")
    assert stored_views(first) == 1


def test_the_beacon_flushes_now_and_then_when_no_worker_does(client, articles, settings):
    first, _ = articles
    settings.NASHRA_VIEWS_FLUSH_INTERVAL = 60
    url = beacon_url(client, first)
    send_beacon(client, url, ip="192.0.2.1")  # the first beacon in a minute flushes
    assert stored_views(first) == 1
    send_beacon(client, url, ip="192.0.2.2")  # the next waits for the interval
    assert stored_views(first) == 1
    flush_view_counts()
    assert stored_views(first) == 2
