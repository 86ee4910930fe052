"""Cached answers change the moment the newsroom does: every change purges what it shows on."""

import pytest
from wagtail.models import PageViewRestriction

from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.corrections.models import Correction
from nashra.news.models import ArticlePage
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(two_editions, article_factory):
    en = two_editions.en
    return article_factory(en.middle_east, "Talks resume", topics=[en.topic], authors=[en.author])


def answers(article):
    """Every answer that shows the article: its item and the four kinds of listing."""
    return [
        f"/en/ninjs/items/{article.pk}/",
        "/en/ninjs/",
        "/en/ninjs/?limit=5",
        "/en/ninjs/sections/news/",
        "/en/ninjs/sections/news/middle-east/",
        "/en/ninjs/topics/iraq/",
        "/en/ninjs/authors/huda-mansour/",
    ]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url


def shows(client, url, text):
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def retitle(article, title):
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = title
    page.save_revision().publish()


def test_an_edit_shows_on_every_cached_answer(client, commit, page_cache, story):
    urls = answers(story)
    warm(client, *urls)

    commit(retitle, story, "Talks collapse")

    for url in urls:
        assert shows(client, url, "Talks collapse"), url


def test_a_new_story_appears_on_the_cached_listings(
    client, commit, page_cache, story, two_editions, article_factory
):
    urls = answers(story)[1:]
    warm(client, *urls)
    en = two_editions.en

    commit(
        article_factory, en.middle_east, "Border reopens", topics=[en.topic], authors=[en.author]
    )

    for url in urls:
        assert shows(client, url, "Border reopens"), url


@pytest.mark.parametrize("change", ["unpublish", "restrict"])
def test_a_story_taken_down_leaves_every_cached_answer(client, commit, page_cache, story, change):
    urls = answers(story)
    warm(client, *urls)

    if change == "unpublish":
        commit(story.unpublish)
    else:
        commit(
            PageViewRestriction.objects.create,
            page=story,
            restriction_type=PageViewRestriction.LOGIN,
        )

    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        response = client.get(url)
        assert response.status_code == 200 and "Talks resume" not in response.content.decode()


def test_a_story_published_after_a_404_is_found(
    client, commit, page_cache, two_editions, article_factory
):
    draft = article_factory(two_editions.en.news, "Embargoed", publish=False)
    url = f"/en/ninjs/items/{draft.pk}/"
    assert client.get(url).status_code == 404

    commit(lambda: ArticlePage.objects.get(pk=draft.pk).save_revision().publish())

    assert shows(client, url, "Embargoed")


def test_a_correction_reaches_the_cached_item(client, commit, page_cache, story):
    url = answers(story)[0]
    warm(client, url)

    commit(Correction.objects.create, article=story, text="The talks were in Muscat.")

    assert client.get(url).json()["ednote"].endswith("The talks were in Muscat.")


def test_a_renamed_topic_shows_on_every_cached_answer(client, commit, page_cache, story):
    urls = answers(story)
    warm(client, *urls)
    topic = Topic.objects.get(slug="iraq", locale=story.locale)
    topic.name = "Iraq war"

    commit(topic.save)

    for url in urls:
        assert shows(client, url, "Iraq war"), url


def test_a_retitled_translation_shows_on_the_cached_item(
    client, commit, page_cache, translated_article
):
    original, translation = translated_article
    url = f"/en/ninjs/items/{original.pk}/"
    warm(client, url)

    commit(retitle, translation, "استئناف المحادثات")

    assert shows(client, url, "استئناف المحادثات")
