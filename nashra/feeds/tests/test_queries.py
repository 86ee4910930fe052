import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.news.models import ArticlePage
from nashra.people.models import Author
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

FEEDS = [
    "feed/",
    "feed/atom/",
    "feed/json/",
    "topics/iraq/feed/",
    "authors/huda-mansour/feed/json/",
]


def add_articles(section, count, *, topic, author, hero, body):
    now = timezone.now()
    for number in range(count):
        article = ArticlePage(
            title=f"Story {number}",
            lead=f"Lead {number}",
            live=True,
            published_at=now - datetime.timedelta(minutes=number),
            hero_image=hero,
            body=body,
        )
        section.add_child(instance=article)
        article.topics.set([topic])
        article.authors.set([author])
        # Published as an editor does: a publish purges the listings whose feeds show it.
        article.save_revision().publish()


@pytest.fixture
def archive(en_home, news, image_factory):
    hero = image_factory("Hero")
    locale = en_home.locale
    shared = {
        "topic": Topic.objects.create(name="Iraq", locale=locale),
        "author": Author.objects.create(name="Huda Mansour", locale=locale),
        "hero": hero,
    }

    def grow(count, body):
        add_articles(news, count, body=body, **shared)

    return grow


def queries_for(client, url, *, warm=True):
    if warm:
        client.get(url)  # renditions, site root paths and rendered bodies, as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_feed_queries_do_not_grow_with_items(client, en_home, archive, image_factory):
    image = image_factory("Inline")
    body = [
        ("paragraph", '<p>Text with <a href="https://example.com/">a link</a>.</p>'),
        ("image", {"image": image, "caption": "Inline", "credit": ""}),
    ]
    archive(5, body)
    small = {path: queries_for(client, en_home.url + path) for path in FEEDS}
    archive(25, body)
    large = {path: queries_for(client, en_home.url + path) for path in FEEDS}
    assert large == small
    assert len(client.get(en_home.url + "authors/huda-mansour/feed/json/").json()["items"]) == 30
    assert max(small.values()) <= 13, small


def test_feed_queries_do_not_grow_with_items_even_uncached(client, en_home, archive):
    body = [("paragraph", "<p>Plain text.</p>"), ("quote", {"quote": "Q", "attribution": "A"})]
    archive(5, body)
    client.get(en_home.url + "feed/")  # create the hero's renditions once
    cache.clear()
    small = queries_for(client, en_home.url + "feed/", warm=False)
    archive(25, body)
    cache.clear()
    large = queries_for(client, en_home.url + "feed/", warm=False)
    assert large == small
