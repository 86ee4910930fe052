"""Lite pages are kept by caches like the full pages, and purged by the same changes."""

import pytest
from django.utils.encoding import iri_to_uri
from wagtail.models import PageViewRestriction

from nashra.caching import purge, tags
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.corrections.models import Correction
from nashra.lite.addresses import lite_url
from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(two_editions, article_factory):
    en = two_editions.en
    return article_factory(en.middle_east, "Talks resume", lead="Envoys met.", topics=[en.topic])


def lite_pages(article):
    topic = article.topics.get()
    return [
        lite_url(article),
        "/en/lite/news/middle-east/",
        "/en/lite/news/",
        "/en/lite/news/?page=1",
        "/en/lite/",
        f"/en/lite/topics/{topic.slug}/",
    ]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url


def shows(client, url, text):
    response = client.get(url)
    assert response.status_code == 200, url
    return text in response.content.decode()


def retitle(article, title):
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = title
    page.save_revision().publish()


def test_lite_pages_are_public_and_kept_like_full_pages(client, story):
    article = client.get(lite_url(story))
    assert article["Cache-Control"].startswith("public, ")
    assert "s-maxage=3600" in article["Cache-Control"]  # as long as a full article
    assert "Cookie" not in article.get("Vary", "")
    assert {tags.article_tag(story.pk), "e:en"} <= set(article["xkey"].split())
    listing = client.get("/en/lite/news/")
    assert listing["Cache-Control"].startswith("public, ")
    assert "s-maxage=300" in listing["Cache-Control"]  # as long as a full listing
    assert tags.article_tag(story.pk) in listing["xkey"].split()
    assert client.get("/en/lite/no-such-page/")["Cache-Control"].startswith("public, ")


def test_publishing_a_change_shows_on_every_cached_lite_page(client, commit, page_cache, story):
    urls = lite_pages(story)
    warm(client, *urls)
    commit(retitle, story, "Talks collapse")
    for url in urls:
        assert shows(client, url, "Talks collapse"), url


def test_a_new_article_appears_on_the_cached_lite_listings(
    client, commit, page_cache, story, two_editions, article_factory
):
    urls = lite_pages(story)[1:]
    warm(client, *urls)
    en = two_editions.en
    commit(article_factory, en.middle_east, "Border reopens", topics=[en.topic])
    for url in urls:
        assert shows(client, url, "Border reopens"), url


def test_unpublishing_removes_the_article_from_cached_lite_pages(client, commit, page_cache, story):
    urls = lite_pages(story)
    warm(client, *urls)
    commit(ArticlePage.objects.get(pk=story.pk).unpublish)
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        assert not shows(client, url, "Talks resume"), url


def test_a_correction_shows_on_the_cached_lite_article(client, commit, page_cache, story):
    warm(client, lite_url(story))
    commit(Correction.objects.create, article=story, text="An earlier version misnamed the envoy.")
    assert shows(client, lite_url(story), "misnamed the envoy")


def test_a_page_made_private_leaves_the_cached_lite_pages(client, commit, page_cache, story):
    urls = lite_pages(story)
    warm(client, *urls)
    commit(
        PageViewRestriction.objects.create,
        page=story,
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        assert not shows(client, url, "Talks resume"), url


def test_an_article_purge_names_its_lite_pages_for_url_only_proxies(story):
    change = purge.for_article(story)
    paths = {url.split("://", 1)[-1].split("/", 1)[-1] for url in change.urls}
    for url in lite_pages(story):
        if "?" not in url:
            assert url.lstrip("/") in paths, url
            assert tags.path_tag(url) in change.tags, url


def test_a_lite_path_tag_is_the_one_the_response_carries(client, translated_article):
    _original, translation = translated_article
    url = lite_url(translation)
    response = client.get(url)
    assert tags.path_tag(url) in response["xkey"].split()
    assert tags.path_tag(url) == "p:" + iri_to_uri(url)
    assert tags.path_tag(url) in purge.for_article(translation).tags
