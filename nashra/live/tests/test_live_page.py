"""A live page as its reader sees it: updates newest first, key events, pinned ones, paging,
the state of the coverage wherever the page is teased, its cost, its HTML and its Arabic."""

import datetime
import gzip
import json
import re
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.accounts.tests.factories import UserFactory
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.curation.models import BreakingNews
from nashra.live import services
from nashra.live.models import LiveUpdate
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory, paragraph
from nashra.people.tests.factories import AuthorFactory
from nashra.seo.tests.test_html_validity import describe, validate

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def add_updates(page, count, *, newest=None, **fields):
    """Publish ``count`` updates, a second apart up to ``newest``: returned newest first.

    Every two share their moment, so the order among equals (the newer id first) is read too.
    """
    newest = newest or timezone.now() - datetime.timedelta(minutes=1)
    updates = [
        LiveUpdate(
            page=page,
            status=LiveUpdate.Status.PUBLISHED,
            published_at=newest - datetime.timedelta(seconds=(count - number) // 2),
            title=f"Update {number}",
            body=paragraph(f"Text of update {number}."),
            **fields,
        )
        for number in range(1, count + 1)
    ]
    LiveUpdate.objects.bulk_create(updates)
    return list(page.published_updates())


def listed_ids(html):
    """The ids of the updates in the list (not the pinned copies), in the reader's order."""
    return [int(a["data-update-id"]) for a in html.select(".live__updates article")]


def older_link(html):
    link = html.select_one('.live__paging a[rel="next"]')
    return link["href"] if link else None


def badges(html):
    return [badge.get_text() for badge in html.select(".live-badge")]


def breaking(locale, **fields):
    item = BreakingNews(
        locale=locale,
        text="Fighting in the capital",
        starts_at=timezone.now() - HOUR,
        expires_at=timezone.now() + HOUR,
        **fields,
    )
    item.full_clean()
    item.save()
    return item


@pytest.fixture
def live_page(middle_east):
    return LivePageFactory(parent=middle_east, title="Fighting in the capital: live")


@pytest.fixture
def publisher(db):
    return UserFactory(superuser=True)


def test_updates_are_newest_first_with_pinned_above_and_no_draft(client, live_page):
    now = timezone.now()
    oldest = LiveUpdateFactory(page=live_page, title="Shelling begins", published_at=now - HOUR)
    pinned = LiveUpdateFactory(
        page=live_page, title="Where to find shelter", is_pinned=True, published_at=now - HOUR / 2
    )
    newest = LiveUpdateFactory(page=live_page, title="Ceasefire called", published_at=now)
    LiveUpdateFactory(
        page=live_page, title="Unchecked claim", status=LiveUpdate.Status.DRAFT, published_at=None
    )
    html = html_of(client, live_page.url)
    assert listed_ids(html) == [newest.pk, pinned.pk, oldest.pk]
    (pinned_copy,) = html.select(".live__pinned article")
    assert pinned_copy["data-update-id"] == str(pinned.pk)
    assert "Where to find shelter" in pinned_copy.get_text()
    # Above the list, and its time links to the update's place in the list.
    assert pinned_copy.find_next("ol", class_="live__updates") is not None
    assert pinned_copy.select_one(".live-update__time")["href"] == f"#update-{pinned.pk}"
    assert html.select_one(f"#update-{pinned.pk}").find_parent(class_="live__pinned") is None
    assert "Unchecked claim" not in str(html)
    assert html.select_one("[data-live]")["data-live-count"] == "3"


def test_key_events_link_to_their_update_on_this_page_or_an_older_one(client, live_page):
    event = LiveUpdateFactory(
        page=live_page,
        title="Airport closed",
        is_key_event=True,
        published_at=timezone.now() - 2 * HOUR,
    )
    recent_event = add_updates(live_page, 25)[0]
    LiveUpdate.objects.filter(pk=recent_event.pk).update(is_key_event=True)
    html = html_of(client, live_page.url)
    links = html.select(".live__key-events a")
    assert [link.select_one("span").get_text() for link in links] == [
        recent_event.title,
        "Airport closed",
    ]
    assert links[0]["href"] == f"#update-{recent_event.pk}"
    assert html.select_one(f"#update-{recent_event.pk}") is not None
    # The first event is beyond the newest twenty: its link opens the older page it is on.
    assert links[1]["href"] == f"?from={event.pk}#update-{event.pk}"
    assert html.select_one(f"#update-{event.pk}") is None
    older = html_of(client, live_page.url + links[1]["href"].split("#")[0])
    assert listed_ids(older) == [event.pk]
    assert older.select_one(f"#update-{event.pk}") is not None


def test_older_updates_are_paged_twenty_at_a_time(client, live_page):
    updates = add_updates(live_page, 45)
    ids = [update.pk for update in updates]
    html = html_of(client, live_page.url)
    assert listed_ids(html) == ids[:20]
    assert older_link(html) == f"?from={ids[20]}"
    assert html.select_one('.live__paging a[rel="next"]').get_text() == "Older updates"
    assert html.select_one(".live__paging a:not([rel])") is None  # no "newest" link yet
    html = html_of(client, live_page.url + older_link(html))
    assert listed_ids(html) == ids[20:40]
    assert html.select_one(".live__pinned") is None
    assert html.select_one(".live__paging a:not([rel])")["href"] == live_page.url
    html = html_of(client, live_page.url + older_link(html))
    assert listed_ids(html) == ids[40:]
    assert older_link(html) is None
    # An update's own address opens the page it is on, even among updates of one moment.
    for index, query in ((19, ""), (20, f"?from={ids[20]}"), (44, f"?from={ids[44]}")):
        response = client.get(f"{live_page.url}updates/{ids[index]}/")
        assert response["Location"] == f"{live_page.url}{query}#update-{ids[index]}", index
    # A paged address shows what it says and does not poll for what is new.
    assert html.select_one('script[src$="js/live.js"]') is None


def test_a_bad_or_foreign_from_is_not_found(client, live_page, middle_east):
    LiveUpdateFactory(page=live_page)
    other = LiveUpdateFactory(page=LivePageFactory(parent=middle_east))
    draft = LiveUpdateFactory(page=live_page, status=LiveUpdate.Status.DRAFT, published_at=None)
    for start in ("abc", "", "-1", str(other.pk), str(draft.pk), "999999"):
        assert client.get(live_page.url, {"from": start}).status_code == 404, start


def rendering_cost(client, url):
    """Render the page afresh (no fragment kept): its SQL and its HTML."""
    for alias in settings.CACHES:
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries], response


def test_the_page_costs_the_same_queries_for_20_or_2000_updates(client, live_page, settings):
    settings.NASHRA_PAGE_CACHE = False
    author = AuthorFactory(name="Huda Mansour")
    day_ago = timezone.now() - 24 * HOUR
    add_updates(live_page, 20, newest=day_ago, author=author, is_key_event=True)
    client.get(live_page.url)  # what a first visit makes once (renditions) is made
    few, _response = rendering_cost(client, live_page.url)
    updates = add_updates(live_page, 1980, author=author, is_pinned=True, is_key_event=True)
    many, response = rendering_cost(client, live_page.url)
    assert len(many) == len(few), "\n".join(sorted(set(many) ^ set(few)))
    html = BeautifulSoup(response.content, "html.parser")
    assert listed_ids(html) == [update.pk for update in updates[:20]]
    assert len(html.select(".live__pinned article")) == 3
    assert len(html.select(".live__key-events li")) == 12
    assert len(gzip.compress(response.content)) < 100_000


def test_scheduled_coverage_says_when_it_starts_and_listings_say_live_soon(client, middle_east):
    page = LivePageFactory(parent=middle_east, coverage_starts_at=timezone.now() + 3 * HOUR)
    html = html_of(client, page.url)
    assert "Live coverage starts at" in html.select_one("[data-live-notice]").get_text()
    assert html.select_one("[data-live]")["data-live-state"] == "scheduled"
    assert badges(html_of(client, middle_east.url)) == ["Live soon"]


def test_live_coverage_is_badged_in_listings_home_and_breaking_banner(
    client, live_page, middle_east, en_home
):
    breaking(en_home.locale, article=live_page)
    page = html_of(client, live_page.url)
    assert page.select_one("[data-live-notice]").has_attr("hidden")
    assert page.select_one('script[src$="js/live.js"]') is not None
    for url in (middle_east.url, en_home.url):
        teaser = html_of(client, url).select_one(f'.teaser a[href="{live_page.url}"]')
        assert teaser is not None, url
        assert badges(teaser.find_parent(class_="teaser")) == ["Live"], url
    banner = html_of(client, middle_east.url).select_one("aside.breaking")
    assert badges(banner) == ["Live"]
    assert banner.select_one("a")["href"] == live_page.url


def test_ended_coverage_says_so_without_badge_or_script(client, middle_east, en_home):
    page = LivePageFactory(parent=middle_east, coverage_ends_at=timezone.now() - HOUR)
    LiveUpdateFactory(page=page)
    breaking(en_home.locale, article=page)
    html = html_of(client, page.url)
    assert html.select_one("[data-live-notice]").get_text() == "This live coverage has ended."
    assert html.select_one('script[src$="js/live.js"]') is None
    assert badges(html) == []
    for url in (middle_east.url, en_home.url):
        assert badges(html_of(client, url)) == [], url


def test_ending_coverage_shows_on_cached_pages_at_once(
    client, commit, page_cache, live_page, middle_east, en_home, publisher
):
    urls = (live_page.url, middle_east.url, en_home.url)
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url
    commit(services.set_coverage_end, live_page, publisher, timezone.now())
    for url in urls:
        assert badges(html_of(client, url)) == [], url
    assert "has ended" in html_of(client, live_page.url).select_one("[data-live-notice]").text


@pytest.mark.parametrize("moment", ["coverage_starts_at", "coverage_ends_at"])
def test_coverage_starting_or_ending_by_the_clock_shows_on_the_page(client, middle_east, moment):
    """Nothing is published when the hour comes: the page itself must follow the clock."""
    at = timezone.now() + datetime.timedelta(seconds=1.5)
    page = LivePageFactory(parent=middle_east, **{moment: at})
    before = "scheduled" if moment == "coverage_starts_at" else "live"
    after = "live" if moment == "coverage_starts_at" else "ended"
    html = html_of(client, page.url)
    assert html.select_one("[data-live]")["data-live-state"] == before
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.2)
    assert badges(html_of(client, middle_east.url)) == (["Live"] if after == "live" else [])
    html = html_of(client, page.url)
    assert html.select_one("[data-live]")["data-live-state"] == after
    assert badges(html) == (["Live"] if after == "live" else [])


def digits_and_spaces_removed(text):
    return re.sub(r"[\d\s]", "", text)


def test_arabic_live_page_is_right_to_left_with_arabic_plural_labels(client, ar_middle_east):
    page = LivePageFactory(parent=ar_middle_east, title="تغطية مباشرة: القتال في العاصمة")
    LiveUpdateFactory(page=page, title="إغلاق المطار", body=paragraph("أُغلق المطار صباح اليوم."))
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")
    labels = json.loads(html.select_one("[data-live]")["data-live-labels"])
    one, two, three, ten = (labels["counts"][n - 1] for n in (1, 2, 3, 10))
    # Arabic words one, two and three-to-ten differently (one form for 3 to 10).
    forms = [digits_and_spaces_removed(label) for label in (one, two, three, ten)]
    assert len(set(forms[:3])) == 3, labels["counts"]
    assert forms[2] == forms[3], labels["counts"]
    assert not any("update" in label for label in labels["counts"]), labels["counts"]
    assert "reload" not in labels["reload"]
    assert html.select_one(".live__heading").get_text() != "Live updates"


@pytest.mark.java
def test_live_pages_have_no_html_errors(client, live_page, ar_middle_east, tmp_path):
    add_updates(live_page, 25)
    LiveUpdate.objects.filter(pk=live_page.published_updates().last().pk).update(
        is_key_event=True, is_pinned=True
    )
    ended = LivePageFactory(parent=live_page.get_parent(), coverage_ends_at=timezone.now() - HOUR)
    LiveUpdateFactory(page=ended)
    arabic = LivePageFactory(parent=ar_middle_east, title="تغطية مباشرة")
    LiveUpdateFactory(page=arabic, title="إغلاق المطار", is_key_event=True, is_pinned=True)
    first = live_page.published_updates()[20]
    urls = {
        "live": live_page.url,
        "older": f"{live_page.url}?from={first.pk}",
        "ended": ended.url,
        "arabic": arabic.url,
    }
    paths = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    errors = validate(paths)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(map(describe, errors))
