"""Polling partners' feeds from a real HTTP server: the kinds of feed, 304s, and every failure."""

import datetime

import pytest
from django.utils import timezone

from nashra.wire.models import PartnerFeed, WireItem
from nashra.wire.polling import backoff, poll_due_feeds, poll_feed

from .conftest import Answer
from .factories import PartnerFeedFactory
from .feeds import STORY, atom, json_feed, rss

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def feed_at(url, edition, **fields):
    return PartnerFeedFactory(url=url, locale=edition.locale, source=edition.source, **fields)


def test_rss_items_reach_the_inbox_sanitized(two_editions, feed_server):
    url = feed_server.serve(
        "/rss",
        rss(
            [
                {
                    "guid": "reuters-1",
                    "title": "Talks resume in Cairo",
                    "link": "https://partner.example/talks",
                    "description": "Negotiators <b>return</b>.",
                    "content": f"<p>{STORY}</p><script>alert(1)</script>"
                    '<p><a href="javascript:alert(2)">x</a><img src="https://t.example/p.gif"></p>',
                    "author": "Jane Doe",
                }
            ]
        ),
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 06 Jan 2031 10:00:00 GMT"},
    )
    feed = feed_at(url, two_editions.en)

    result = poll_feed(feed)

    assert result.new == 1 and not result.error
    item = WireItem.objects.get()
    assert item.title == "Talks resume in Cairo"
    assert item.summary == "Negotiators return."
    assert STORY in item.body
    assert "script" not in item.body and "javascript" not in item.body and "img" not in item.body
    assert item.language == "en" and item.locale == two_editions.en.locale
    assert item.authors == ["Jane Doe"]
    assert item.published_at == datetime.datetime(2031, 1, 6, 10, tzinfo=datetime.UTC)
    source = item.sources.get()
    assert (source.feed, source.guid, source.link) == (
        feed,
        "reuters-1",
        "https://partner.example/talks",
    )
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_modified == "Mon, 06 Jan 2031 10:00:00 GMT"
    assert feed.items_seen == 1 and feed.last_success_at and feed.status == "OK"
    user_agent = feed_server.requests[0][1]["User-Agent"]
    assert "Nashra" in user_agent


def test_atom_entries_with_their_own_languages(two_editions, feed_server):
    url = feed_server.serve(
        "/atom",
        atom(
            [
                {
                    "id": "urn:partner:1",
                    "title": "Port reopens",
                    "link": "https://partner.example/port",
                    "summary": "Ships berthed.",
                    "content": f"<p>{STORY}</p>",
                    "authors": ["Ana Lima", "Omar Said"],
                },
                {
                    "id": "urn:partner:2",
                    "title": "عودة السفن",
                    "lang": "ar",
                    "content": "<p>نص</p>",
                },
            ],
            language="en-GB",
        ),
        content_type="application/atom+xml",
    )
    feed = feed_at(url, two_editions.en)

    assert poll_feed(feed).new == 2

    english = WireItem.objects.get(title="Port reopens")
    assert english.language == "en" and english.locale == two_editions.en.locale
    assert english.authors == ["Ana Lima", "Omar Said"]
    assert english.summary == "Ships berthed."
    # An Arabic entry in an English partner's feed is for the Arabic desk.
    arabic = WireItem.objects.get(title="عودة السفن")
    assert arabic.language == "ar" and arabic.locale == two_editions.ar.locale


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_json_feed(two_editions, feed_server, version):
    item = {
        "id": 42 if version == "1.0" else "urn:partner:42",
        "url": "https://partner.example/42",
        "title": "Budget passes",
        "summary": "Parliament voted 120 to 80.",
        "content_html": f"<p>{STORY}</p><iframe src='https://x.example'></iframe>",
        "date_published": "2031-01-06T10:00:00+02:00",
        "date_modified": "2031-01-06T11:00:00Z",
    }
    if version == "1.0":
        item["author"] = {"name": "Sam Reed"}
    else:
        item["authors"] = [{"name": "Sam Reed"}]
        item["language"] = "en-US"
    url = feed_server.serve(
        "/feed.json", json_feed([item], version=version), content_type="application/feed+json"
    )
    feed = feed_at(url, two_editions.en)

    assert poll_feed(feed).new == 1

    stored = WireItem.objects.get()
    assert stored.title == "Budget passes"
    assert stored.summary == "Parliament voted 120 to 80."
    assert STORY in stored.body and "iframe" not in stored.body
    assert stored.authors == ["Sam Reed"]
    assert stored.published_at == datetime.datetime(2031, 1, 6, 8, tzinfo=datetime.UTC)
    assert stored.updated_at == datetime.datetime(2031, 1, 6, 11, tzinfo=datetime.UTC)
    assert stored.sources.get().guid == str(item["id"])


def test_arabic_rss_feed_takes_the_feeds_language(two_editions, feed_server):
    url = feed_server.serve(
        "/ar.xml",
        rss(
            [
                {
                    "guid": "saba-7",
                    "title": "استئناف المحادثات في القاهرة",
                    "link": "https://partner.example/ar/7",
                    "content": "<p>عاد المفاوضون إلى الطاولة، وقال مسؤولون إنها ستستمر.</p>",
                }
            ],
            language="ar",
        ),
    )
    feed = feed_at(url, two_editions.ar)

    assert poll_feed(feed).new == 1

    item = WireItem.objects.get()
    assert item.title == "استئناف المحادثات في القاهرة"
    assert item.language == "ar" and item.locale == two_editions.ar.locale
    assert "عاد المفاوضون" in item.body


def test_without_any_language_the_item_takes_the_feeds_edition(two_editions, feed_server):
    url = feed_server.serve(
        "/nolang.json",
        json_feed([{"id": "1", "title": "خبر", "content_text": "نص الخبر."}]),
        content_type="application/json",
    )
    feed = feed_at(url, two_editions.ar)

    poll_feed(feed)

    item = WireItem.objects.get()
    assert item.language == "ar" and item.locale == two_editions.ar.locale
    assert item.body == "<p>نص الخبر.</p>"


def test_an_unchanged_feed_answers_304_to_the_conditional_request(two_editions, feed_server):
    body = rss([{"guid": "1", "title": "Port reopens", "content": f"<p>{STORY}</p>"}])

    def answer(headers):
        if headers.get("If-None-Match") == '"v1"':
            return Answer(304)
        return Answer(
            body=body.encode(),
            headers={"ETag": '"v1"', "Last-Modified": "Mon, 06 Jan 2031 10:00:00 GMT"},
        )

    feed_server.answers["/cond"] = answer
    feed = feed_at(feed_server.url("/cond"), two_editions.en)
    assert poll_feed(feed).new == 1

    result = poll_feed(feed)

    assert result.not_modified and result.new == 0
    headers = feed_server.requests[1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Mon, 06 Jan 2031 10:00:00 GMT"
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.consecutive_failures == 0
    assert WireItem.objects.count() == 1


def test_a_feed_polled_again_adds_nothing_twice(two_editions, feed_server):
    url = feed_server.serve("/rss", rss([{"guid": "1", "title": "Port reopens"}]))
    feed = feed_at(url, two_editions.en)
    poll_feed(feed)

    assert poll_feed(feed).new == 0

    assert WireItem.objects.count() == 1
    feed.refresh_from_db()
    assert feed.items_seen == 1


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ({"delay": 2}, "no answer within"),
        ({"drip": 0.25}, "took too long"),
    ],
    ids=["slow-to-answer", "drips"],
)
def test_a_slow_feed_times_out(two_editions, feed_server, settings, answer, problem):
    settings.NASHRA_WIRE_TIMEOUT = 0.5
    url = feed_server.serve("/slow", rss([{"guid": "1", "title": "Late"}]), **answer)
    feed = feed_at(url, two_editions.en)

    result = poll_feed(feed)

    assert problem in result.error
    assert not WireItem.objects.exists()
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1 and problem in feed.last_error


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_an_oversized_feed_is_cut_off(two_editions, feed_server, settings, declared):
    settings.NASHRA_WIRE_MAX_BYTES = 10_000
    items = [{"guid": str(n), "title": f"Story {n}", "content": STORY * 3} for n in range(60)]
    url = feed_server.serve("/big", rss(items), length=declared)
    feed = feed_at(url, two_editions.en)

    result = poll_feed(feed)

    assert "larger than 10000 bytes" in result.error
    assert not WireItem.objects.exists()


def test_a_redirect_loop_stops_after_three_redirects(two_editions, feed_server):
    feed_server.serve("/loop", status=302, headers={"Location": "/loop"})
    feed = feed_at(feed_server.url("/loop"), two_editions.en)

    result = poll_feed(feed)

    assert "more than 3 redirects" in result.error
    assert feed_server.paths() == ["/loop"] * 4


def test_a_redirect_is_followed(two_editions, feed_server):
    feed_server.serve("/old", status=301, headers={"Location": "/new"})
    feed_server.serve("/new", rss([{"guid": "1", "title": "Moved"}]))
    feed = feed_at(feed_server.url("/old"), two_editions.en)

    assert poll_feed(feed).new == 1


def test_a_redirect_to_another_scheme_is_refused(two_editions, feed_server):
    feed_server.serve("/file", status=302, headers={"Location": "file:///etc/passwd"})
    feed = feed_at(feed_server.url("/file"), two_editions.en)

    assert "only http and https" in poll_feed(feed).error


def test_a_failing_feed_backs_off_then_recovers(two_editions, feed_server):
    feed_server.serve("/rss", b"boom", status=500, content_type="text/plain")
    feed = feed_at(feed_server.url("/rss"), two_editions.en, poll_interval=10)
    now = timezone.now()

    poll_due_feeds(now)

    feed.refresh_from_db()
    assert feed.consecutive_failures == 1
    assert feed.failing_since == now
    assert "500" in feed.last_error
    assert feed.next_poll_at == now + 20 * MINUTE
    assert feed.status.startswith("Failing since") and "500" in feed.status
    assert poll_due_feeds(now + 19 * MINUTE) == []  # not due yet

    later = now + 20 * MINUTE
    poll_due_feeds(later)

    feed.refresh_from_db()
    assert feed.consecutive_failures == 2
    assert feed.failing_since == now  # failing since the first failure
    assert feed.next_poll_at == later + 40 * MINUTE

    feed_server.serve("/rss", rss([{"guid": "1", "title": "Back"}]))
    recovered = later + 40 * MINUTE
    poll_due_feeds(recovered)

    feed.refresh_from_db()
    assert feed.consecutive_failures == 0 and feed.failing_since is None
    assert feed.last_error == "" and feed.last_success_at == recovered
    assert feed.next_poll_at == recovered + 10 * MINUTE
    assert WireItem.objects.count() == 1


def test_backoff_doubles_up_to_a_day():
    assert backoff(15, 1) == 30 * MINUTE
    assert backoff(15, 3) == 120 * MINUTE
    assert backoff(15, 40) == datetime.timedelta(hours=24)


def test_one_feeds_failure_does_not_stop_the_others(two_editions, feed_server):
    feed_server.serve("/broken", b"<html>not a feed", content_type="text/html")
    feed_server.serve("/good", rss([{"guid": "1", "title": "Port reopens"}]))
    broken = feed_at(feed_server.url("/broken"), two_editions.en, name="A broken")
    good = feed_at(feed_server.url("/good"), two_editions.en, name="B good")

    results = {result.feed.pk: result for result in poll_due_feeds()}

    assert "not an RSS, Atom or JSON feed" in results[broken.pk].error
    assert results[good.pk].new == 1
    assert WireItem.objects.get().title == "Port reopens"


def test_unparsable_json_is_a_failure(two_editions, feed_server):
    url = feed_server.serve("/bad.json", b'{"version": "https://jsonfeed.org/version/1.1", "items"')
    feed = feed_at(url, two_editions.en)

    assert "not valid JSON" in poll_feed(feed).error


def test_a_pass_starts_no_feed_once_its_time_is_up(two_editions, feed_server):
    url = feed_server.serve("/rss", rss([{"guid": "1", "title": "Port reopens"}]))
    first, second = feed_at(url, two_editions.en), feed_at(url, two_editions.en)

    assert [result.feed for result in poll_due_feeds(budget=0)] == [first]
    assert [result.feed for result in poll_due_feeds(timezone.now(), budget=0)] == [second]


def test_disabled_and_not_yet_due_feeds_are_left_alone(two_editions, feed_server):
    url = feed_server.serve("/rss", rss([{"guid": "1", "title": "Port reopens"}]))
    now = timezone.now()
    feed_at(url, two_editions.en, enabled=False)
    feed_at(url, two_editions.en, next_poll_at=now + MINUTE)

    assert poll_due_feeds(now) == []
    assert feed_server.requests == []


def test_a_changed_address_is_polled_at_once_without_old_validators(two_editions):
    feed = feed_at("https://partner.example/a.xml", two_editions.en)
    PartnerFeed.objects.filter(pk=feed.pk).update(
        etag='"v1"', next_poll_at=timezone.now() + datetime.timedelta(hours=5)
    )
    feed = PartnerFeed.objects.get(pk=feed.pk)

    feed.url = "https://partner.example/b.xml"
    feed.save()

    feed.refresh_from_db()
    assert feed.next_poll_at is None and feed.etag == ""
