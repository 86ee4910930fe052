"""One story is one item, however many feeds bring it; old items leave; the worker polls."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from nashra.wire.models import WireItem, WireItemSource
from nashra.wire.polling import expire_items, poll_feed
from nashra.wire.text import content_hash, normalize_text

from .factories import PartnerFeedFactory, WireItemFactory
from .feeds import atom, json_feed, rss

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

BODY = (
    "<p>Negotiators met in Cairo on Monday, officials said. Talks lasted six hours.</p>"
    "<p>Another round is expected next week.</p>"
)
AR_BODY = (
    "<p>عاد المفاوضون إلى الطاولة في القاهرة، وقال مسؤولون إن الجولة المقبلة الأسبوع القادم.</p>"
)


def test_normalized_text_sets_case_spacing_and_punctuation_aside():
    assert normalize_text("  Talks RESUME,\n in   «Cairo»!  ") == "talks resume in cairo"
    assert normalize_text("U.S. talks") == normalize_text("US talks")
    # Arabic punctuation, harakat and tatweel.
    assert normalize_text("عادَ المفاوضونَ، إلى الطاولة؟") == "عاد المفاوضون إلى الطاولة"
    assert normalize_text("المفاوضـــون") == "المفاوضون"
    assert content_hash("Talks resume", "Body.") == content_hash("TALKS resume!", "body")
    # Headlines alone are not enough to call two items one story.
    assert content_hash("Live updates", "", "a") != content_hash("Live updates", "", "b")


def test_the_same_agency_story_from_two_feeds_is_one_item(two_editions, feed_server):
    en = two_editions.en
    reuters = PartnerFeedFactory(
        name="Reuters",
        url=feed_server.serve(
            "/reuters.xml",
            rss(
                [
                    {
                        "guid": "r-1",
                        "title": "Talks resume in Cairo",
                        "link": "https://r.example/1",
                        "content": BODY,
                    }
                ]
            ),
        ),
        locale=en.locale,
        source=en.source,
    )
    partner = PartnerFeedFactory(
        name="Gulf Daily",
        url=feed_server.serve(
            "/gulf.json",
            json_feed(
                [
                    {
                        "id": "gd-77",
                        "url": "https://gulf.example/cairo-talks",
                        "title": "TALKS RESUME IN CAIRO!",
                        "content_html": BODY.replace(", officials said", " officials said")
                        .replace("  ", " ")
                        .replace("<p>Another", "<p> Another"),
                    }
                ]
            ),
            content_type="application/feed+json",
        ),
        locale=en.locale,
    )

    assert poll_feed(reuters).new == 1
    result = poll_feed(partner)

    assert result.new == 0 and result.delivered == 1
    item = WireItem.objects.get()
    assert item.title == "Talks resume in Cairo"  # as the first feed had it
    deliveries = {(s.feed.name, s.guid, s.link) for s in item.sources.all()}
    assert deliveries == {
        ("Reuters", "r-1", "https://r.example/1"),
        ("Gulf Daily", "gd-77", "https://gulf.example/cairo-talks"),
    }
    assert set(item.feeds.all()) == {reuters, partner}
    partner.refresh_from_db()
    assert partner.items_seen == 1


def test_an_arabic_story_from_two_feeds_is_one_item(two_editions, feed_server):
    ar = two_editions.ar
    first = PartnerFeedFactory(
        url=feed_server.serve(
            "/a.xml",
            rss([{"guid": "a", "title": "استئناف المحادثات", "content": AR_BODY}], language="ar"),
        ),
        locale=ar.locale,
    )
    second = PartnerFeedFactory(
        url=feed_server.serve(
            "/b.xml",
            atom(
                [
                    {
                        "id": "urn:b",
                        "title": "استئناف المحادثات!",
                        "content": AR_BODY.replace("،", "").replace("المفاوضون", "المفاوضـون"),
                    }
                ],
                language="ar",
            ),
            content_type="application/atom+xml",
        ),
        locale=ar.locale,
    )

    poll_feed(first)
    poll_feed(second)

    assert WireItem.objects.count() == 1
    assert WireItem.objects.get().sources.count() == 2


def test_the_same_link_is_the_same_story(two_editions, feed_server):
    en = two_editions.en
    one = PartnerFeedFactory(
        url=feed_server.serve(
            "/1",
            rss(
                [
                    {
                        "guid": "x",
                        "title": "First words",
                        "link": "https://news.example/a#top",
                        "content": BODY,
                    }
                ]
            ),
        ),
        locale=en.locale,
    )
    two = PartnerFeedFactory(
        url=feed_server.serve(
            "/2", rss([{"guid": "y", "title": "Other words", "link": "http://NEWS.example/a/"}])
        ),
        locale=en.locale,
    )
    poll_feed(one)
    poll_feed(two)

    assert WireItem.objects.count() == 1
    assert WireItemSource.objects.count() == 2


def test_different_stories_stay_apart(two_editions, feed_server):
    feed = PartnerFeedFactory(
        url=feed_server.serve(
            "/rss",
            rss(
                [
                    {"guid": "1", "title": "Live updates", "link": "https://p.example/1"},
                    {"guid": "2", "title": "Live updates", "link": "https://p.example/2"},
                ]
            ),
        ),
        locale=two_editions.en.locale,
    )

    assert poll_feed(feed).new == 2


def test_an_updated_entry_refreshes_its_item_until_it_is_taken(two_editions, feed_server):
    feed = PartnerFeedFactory(locale=two_editions.en.locale, url=feed_server.url("/atom"))

    def serve(title, updated):
        feed_server.serve(
            "/atom",
            atom([{"id": "urn:1", "title": title, "content": BODY, "updated": updated}]),
            content_type="application/atom+xml",
        )

    serve("Talks resume", "2031-01-06T10:00:00Z")
    poll_feed(feed)
    serve("Talks resume in Cairo", "2031-01-06T12:00:00Z")
    poll_feed(feed)

    item = WireItem.objects.get()
    assert item.title == "Talks resume in Cairo"
    assert item.sources.count() == 1


def test_old_untaken_items_expire(two_editions, settings, middle_east, article_factory):
    settings.NASHRA_WIRE_KEEP_DAYS = 14
    now = timezone.now()
    old = WireItemFactory(received_at=now - 15 * DAY)
    taken = WireItemFactory(
        received_at=now - 40 * DAY,
        taken_page=article_factory(middle_east, "Taken story", publish=False),
    )
    recent = WireItemFactory(received_at=now - 13 * DAY)

    assert expire_items(now) == 1

    assert set(WireItem.objects.all()) == {taken, recent}
    assert not WireItemSource.objects.filter(item_id=old.pk).exists()


def test_entries_older_than_the_inbox_keeps_are_not_taken_in(two_editions, feed_server, settings):
    settings.NASHRA_WIRE_KEEP_DAYS = 14
    old = (timezone.now() - 20 * DAY).strftime("%a, %d %b %Y %H:%M:%S GMT")
    feed = PartnerFeedFactory(
        locale=two_editions.en.locale,
        url=feed_server.serve(
            "/rss",
            rss(
                [
                    {"guid": "old", "title": "Old news", "date": old},
                    {"guid": "new", "title": "News"},
                ]
            ),
        ),
    )

    assert poll_feed(feed).new == 1
    assert WireItem.objects.get().title == "News"


def test_the_worker_polls_a_due_feed_and_expires_old_items(two_editions, feed_server):
    WireItemFactory(received_at=timezone.now() - 30 * DAY)
    feed = PartnerFeedFactory(
        locale=two_editions.en.locale,
        url=feed_server.serve(
            "/rss", rss([{"guid": "1", "title": "Port reopens", "content": BODY}])
        ),
    )
    out = StringIO()

    call_command("run_worker", "--once", stdout=out)

    assert "Wire: polled 1 feeds (0 failed), 1 new items; 1 expired." in out.getvalue()
    assert WireItem.objects.get().title == "Port reopens"
    feed.refresh_from_db()
    assert feed.last_success_at is not None and feed.next_poll_at > timezone.now()
    assert feed_server.paths() == ["/rss"]

    call_command("run_worker", "--once", stdout=StringIO())
    assert feed_server.paths() == ["/rss"]  # not due again yet
