"""The page cache, and the headers that let browsers and proxies keep public pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.accounts.tests.factories import UserFactory
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def test_public_pages_set_no_cookie_and_say_how_long_to_keep_them(client, article, en_home):
    for url in (article.url, en_home.url, "/en/search/?q=Taiz", "/en/feed/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cookies == {}, url
        cache_control = response["Cache-Control"]
        assert cache_control.startswith("public, max-age="), url
        assert "s-maxage=" in cache_control and "stale-while-revalidate=" in cache_control, url
        assert "stale-if-error=" in cache_control, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_articles_are_kept_longer_than_listings(client, article, en_home):
    article_age = max_age(client.get(article.url), "s-maxage")
    home_age = max_age(client.get(en_home.url), "s-maxage")
    assert article_age > home_age


def max_age(response, directive):
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        if name == directive:
            return int(value)
    raise AssertionError(f"no {directive} in {response['Cache-Control']}")


def test_conditional_get_answers_304_with_no_body(client, article):
    first = client.get(article.url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get(article.url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(article.url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(article.url, headers={"If-Modified-Since": last_modified}).status_code in (
        200,
        304,
    )


def test_a_cache_hit_reads_nothing_from_the_database(client, page_cache, article):
    first = client.get(article.url)
    assert first[CACHE_STATUS_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        hit = client.get(article.url)
    assert len(queries) == 0
    assert hit[CACHE_STATUS_HEADER] == "hit"
    assert hit.content == first.content
    assert hit["Content-Language"] == "en"
    assert "Content-Security-Policy" in hit


def test_the_key_is_the_url_with_its_query(client, page_cache, middle_east, article):
    client.get("/en/search/?q=Taiz")
    assert client.get("/en/search/?q=Taiz")[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/en/search/?q=Aden")[CACHE_STATUS_HEADER] == "miss"


def test_logged_in_editors_are_never_served_or_stored(client, page_cache, article):
    client.get(article.url)
    editor = UserFactory(superuser=True)
    client.force_login(editor)
    response = client.get(article.url)
    assert CACHE_STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    # Logging out leaves no session cookie behind, so the reader's copy is served again.
    client.cookies.clear()
    assert client.get(article.url)[CACHE_STATUS_HEADER] == "hit"


def test_a_page_holding_a_form_keeps_its_csrf_cookie_and_is_not_shared(client, page_cache, en_home):
    from nashra.pages.models import ContactPage

    contact = en_home.add_child(instance=ContactPage(title="Contact Us", slug="contact-us"))
    first, second = client.get(contact.url), client.get(contact.url)
    assert "csrftoken" in first.cookies
    for response in (first, second):
        assert CACHE_STATUS_HEADER not in response
        assert "private" in response["Cache-Control"]


def test_a_reader_with_a_message_to_see_gets_their_own_page(client, page_cache, article):
    client.get(article.url)
    client.cookies["messages"] = "a-message-for-this-reader"
    response = client.get(article.url)
    assert CACHE_STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_admin_posts_and_previews_are_not_cached(client, page_cache, article):
    assert CACHE_STATUS_HEADER not in client.get("/admin/login/")
    assert client.post(article.url).get(CACHE_STATUS_HEADER) is None


def test_publishing_purges_the_article_and_its_listings(
    client, page_cache, article, middle_east, en_home, django_capture_on_commit_callbacks
):
    for url in (article.url, middle_east.url, en_home.url, "/en/feed/"):
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Ceasefire broken in Taiz"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for url in (article.url, middle_east.url, en_home.url, "/en/feed/"):
        response = client.get(url)
        assert response[CACHE_STATUS_HEADER] == "miss", url
        assert "Ceasefire broken in Taiz" in response.content.decode(), url


def test_without_redis_a_purge_in_one_process_empties_the_others(
    client, page_cache, article, tmp_path
):
    """Each worker keeps pages in its own memory; the epoch file carries a purge to all."""
    import time

    from nashra.caching import store

    epoch = tmp_path / "epoch"
    page_cache.NASHRA_PAGE_CACHE_EPOCH_FILE = epoch
    client.get(article.url)
    assert client.get(article.url)[CACHE_STATUS_HEADER] == "hit"
    # Another worker purges: it shares the file, not this process's memory.
    epoch.write_text(repr(time.time()))
    assert client.get(article.url)[CACHE_STATUS_HEADER] == "miss"
    assert client.get(article.url)[CACHE_STATUS_HEADER] == "hit"
    before = epoch.read_text()
    store.invalidate(["p:/elsewhere/"])  # any purge here moves the epoch for the others
    assert epoch.read_text() != before
    assert client.get(article.url)[CACHE_STATUS_HEADER] == "miss"


@pytest.mark.parametrize(
    "age, longest",
    [
        (datetime.timedelta(minutes=5), 60),  # "5 minutes ago" must not outlive its minute
        (datetime.timedelta(hours=5), 600),
        (datetime.timedelta(days=40), 3600),  # the article policy's own lifetime
    ],
)
def test_a_page_saying_how_long_ago_is_kept_no_longer_than_that_stays_true(
    client, page_cache, middle_east, article_factory, age, longest
):
    from django.utils import timezone

    article = article_factory(middle_east, "Dated story", published_at=timezone.now() - age)
    for response in (client.get(article.url), client.get(article.url)):  # miss, then hit
        assert max_age(response, "s-maxage") == longest
    assert max_age(client.get(middle_east.url), "s-maxage") <= longest
