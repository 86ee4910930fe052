"""What machines read of a live page: the polled newest updates and the caches in front of
them, the JSON-LD a search engine reads, its feeds, the site search and the sitemaps."""

import datetime
import re
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.accounts.tests.factories import UserFactory
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.feeds.tests.readers import FORMATS, read_feed
from nashra.live import services
from nashra.live.models import LiveUpdate
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory, paragraph
from nashra.search.indexing import rebuild_index
from nashra.sitemaps.tests.helpers import absolute, edition_locs, fetch, locs

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
DRAFT_WORD = "Unverifiedclaim"


@pytest.fixture
def live_page(middle_east):
    return LivePageFactory(parent=middle_east, title="Fighting in the capital: live")


@pytest.fixture
def publisher(db):
    return UserFactory(superuser=True)


def add_updates(page, count):
    """Publish ``count`` updates a minute apart and a draft: the published ones, newest first."""
    now = timezone.now()
    for number in range(1, count + 1):
        LiveUpdateFactory(
            page=page,
            title=f"Update {number}",
            body=paragraph(f"Text of update {number}."),
            published_at=now - datetime.timedelta(minutes=count - number + 1),
        )
    LiveUpdateFactory(
        page=page,
        title=DRAFT_WORD,
        body=paragraph(f"{DRAFT_WORD} text."),
        status=LiveUpdate.Status.DRAFT,
        published_at=None,
    )
    return list(page.published_updates())


def fragment(client, page, etag=None):
    """Poll the newest updates as the reader's script does; with ``etag``, conditionally."""
    return client.get(page.url + "updates/", headers={"If-None-Match": etag} if etag else {})


def fragment_updates(response):
    """{update id: its version} of the updates in a polled fragment, in its order."""
    html = BeautifulSoup(response.content, "html.parser")
    return {int(a["data-update-id"]): a["data-version"] for a in html.select("article")}


def test_polled_updates_are_the_newest_ten_with_the_state_and_count(client, live_page):
    updates = add_updates(live_page, 12)
    response = fragment(client, live_page)
    assert response.status_code == 200
    assert list(fragment_updates(response)) == [update.pk for update in updates[:10]]
    (listing,) = BeautifulSoup(response.content, "html.parser").select("ol[data-live-fragment]")
    assert (listing["data-live-state"], listing["data-live-count"]) == ("live", "12")
    assert DRAFT_WORD not in response.content.decode()


def test_polled_updates_are_public_with_an_etag_and_answer_304_when_unchanged(client, live_page):
    add_updates(live_page, 2)
    response = fragment(client, live_page)
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("public, max-age=2, s-maxage=10")
    assert "Cookie" not in response.get("Vary", "")
    again = fragment(client, live_page, etag=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_polled_updates_are_kept_until_an_update_is_posted_edited_or_deleted(
    client, commit, page_cache, live_page, publisher
):
    earlier = [update.pk for update in add_updates(live_page, 2)]
    first = fragment(client, live_page)
    assert first[CACHE_STATUS_HEADER] == "miss"
    kept = fragment(client, live_page)
    assert kept[CACHE_STATUS_HEADER] == "hit"
    assert fragment(client, live_page, etag=kept["ETag"]).status_code == 304

    update = commit(
        services.post_update, live_page, publisher, body=paragraph("Tanks enter the old city.")
    )
    posted = fragment(client, live_page)
    assert posted[CACHE_STATUS_HEADER] == "miss"
    assert list(fragment_updates(posted)) == [update.pk, *earlier]
    assert "Tanks enter the old city." in posted.content.decode()
    assert fragment(client, live_page, etag=kept["ETag"]).status_code == 200
    assert fragment(client, live_page)[CACHE_STATUS_HEADER] == "hit"

    commit(services.edit_update, update, publisher, body=paragraph("Tanks reach the old city."))
    edited = fragment(client, live_page)
    assert edited[CACHE_STATUS_HEADER] == "miss"
    assert fragment_updates(edited)[update.pk] != fragment_updates(posted)[update.pk]
    assert "Tanks reach the old city." in edited.content.decode()
    assert "Edited" in edited.content.decode()

    commit(services.delete_update, LiveUpdate.objects.get(pk=update.pk), publisher)
    deleted = fragment(client, live_page)
    assert deleted[CACHE_STATUS_HEADER] == "miss"
    assert list(fragment_updates(deleted)) == earlier


def test_an_update_purges_the_live_page_but_not_the_listings_teasing_it(
    client, commit, page_cache, live_page, middle_east, en_home, publisher
):
    add_updates(live_page, 1)
    feed = live_page.url + "feed/"
    urls = (live_page.url, feed, middle_east.url, en_home.url)
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url
    commit(services.post_update, live_page, publisher, body=paragraph("Tanks enter the city."))
    for url in (live_page.url, feed):
        response = client.get(url)
        assert response[CACHE_STATUS_HEADER] == "miss", url
        assert "Tanks enter the city." in response.content.decode(), url
    for url in urls[2:]:
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    items = extruct.extract(response.content.decode(), syntaxes=["json-ld"], uniform=True)
    return {item["@type"]: item for item in items["json-ld"]}


def moment(value):
    return datetime.datetime.fromisoformat(value)


def test_json_ld_is_a_live_blog_posting_with_the_newest_ten_updates(client, live_page):
    updates = add_updates(live_page, 12)
    data = json_ld(client, live_page.url)["LiveBlogPosting"]
    assert data["headline"] == "Fighting in the capital: live"
    assert moment(data["coverageStartTime"]) == live_page.coverage_starts_at.replace(microsecond=0)
    assert "coverageEndTime" not in data
    posts = data["liveBlogUpdate"]
    assert len(posts) == 10
    page_url = "http://testserver" + live_page.url
    for post, update in zip(posts, updates, strict=False):
        assert post["@type"] == "BlogPosting"
        assert post["url"] == f"{page_url}#update-{update.pk}"
        assert post["headline"] == update.title
        assert post["articleBody"] == update.plain_text()
        assert moment(post["datePublished"]) == update.published_at.replace(microsecond=0)
    assert DRAFT_WORD not in str(data)


def test_json_ld_of_ended_coverage_has_its_end_time(client, middle_east):
    ends_at = timezone.now() - HOUR
    page = LivePageFactory(parent=middle_east, coverage_ends_at=ends_at)
    LiveUpdateFactory(page=page)
    data = json_ld(client, page.url)["LiveBlogPosting"]
    assert moment(data["coverageEndTime"]) == ends_at.replace(microsecond=0)
    assert moment(data["coverageStartTime"]) == page.coverage_starts_at.replace(microsecond=0)


@pytest.mark.parametrize("feed_format", ["rss", "atom", "json"])
def test_feeds_list_the_published_updates_newest_first(client, live_page, feed_format):
    updates = add_updates(live_page, 3)
    feed = read_feed(client, live_page.url + FORMATS[feed_format], feed_format)
    assert [entry.title for entry in feed.entries] == [update.title for update in updates]
    assert [urlsplit(entry.link).path for entry in feed.entries] == [
        f"{live_page.url}updates/{update.pk}/" for update in updates
    ]
    assert [entry.published for entry in feed.entries] == [
        update.published_at.replace(microsecond=0) for update in updates
    ]
    assert feed.entries[0].summary == "Text of update 3."
    assert DRAFT_WORD not in str(feed)


def redirect_target(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 302, url
    return urlsplit(response["Location"])


@pytest.mark.parametrize("feed_format", ["rss", "atom", "json"])
def test_feed_links_lead_to_the_update_on_the_page_it_is_on(client, live_page, feed_format):
    updates = add_updates(live_page, 25)
    entries = read_feed(client, live_page.url + FORMATS[feed_format], feed_format).entries
    assert len(entries) == 25
    newest = redirect_target(client, entries[0].link)
    assert (newest.path, newest.query, newest.fragment) == (
        live_page.url,
        "",
        f"update-{updates[0].pk}",
    )
    oldest = redirect_target(client, entries[-1].link)
    target = f"update-{updates[-1].pk}"
    assert (oldest.path, oldest.query, oldest.fragment) == (
        live_page.url,
        f"from={updates[-1].pk}",
        target,
    )
    html = BeautifulSoup(client.get(f"{oldest.path}?{oldest.query}").content, "html.parser")
    assert html.select_one(f"#{target}") is not None


def test_a_draft_or_another_pages_update_has_no_address(client, live_page, middle_east):
    add_updates(live_page, 1)
    draft = LiveUpdate.objects.drafts().get(page=live_page)
    other = LiveUpdateFactory(page=LivePageFactory(parent=middle_east))
    for update_id in (draft.pk, other.pk, 999999):
        assert client.get(f"{live_page.url}updates/{update_id}/").status_code == 404


def search_titles(client, query):
    html = client.get("/en/search/", {"q": query}).content.decode()
    titles = re.findall(r'class="search-result__title"><a href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def test_search_finds_the_live_page_by_a_word_only_its_updates_have(
    client, commit, live_page, publisher
):
    add_updates(live_page, 1)
    assert search_titles(client, "Zanzibarite") == []
    commit(
        services.post_update,
        live_page,
        publisher,
        title="Envoy lands",
        body=paragraph("The Zanzibarite envoy has landed."),
    )
    assert search_titles(client, "Zanzibarite") == [live_page.title]
    assert search_titles(client, DRAFT_WORD) == []


def test_rebuilding_the_index_makes_each_updates_terms_again(client, live_page):
    """The terms kept with each update are remade by a rebuild (a change in how words are
    stemmed reaches them), not only the pages'."""
    LiveUpdateFactory(page=live_page, body=paragraph("The Pembaite ferry sails again."))
    LiveUpdate.objects.update(search_terms="")

    rebuild_index()

    assert search_titles(client, "Pembaite") == [live_page.title]


def test_the_live_page_is_in_the_edition_sitemap(client, live_page):
    assert absolute(live_page) in edition_locs(client, "en")


def test_news_sitemap_keeps_a_live_page_on_air_past_two_days(client, middle_east, article_factory):
    now = timezone.now()
    on_air = LivePageFactory(
        parent=middle_east, published_at=now - 5 * DAY, coverage_starts_at=now - 5 * DAY
    )
    ended = LivePageFactory(
        parent=middle_east,
        published_at=now - 6 * DAY,
        coverage_starts_at=now - 6 * DAY,
        coverage_ends_at=now - 5 * DAY,
    )
    old_article = article_factory(middle_east, "Old story", published_at=now - 5 * DAY)
    news = locs(fetch(client, "/sitemaps/en-news.xml")[1])
    assert absolute(on_air) in news
    assert absolute(ended) not in news
    assert absolute(old_article) not in news
    assert absolute(ended) in edition_locs(client, "en")
