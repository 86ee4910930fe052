"""A page of twenty items costs the queries a page of five does: nothing is fetched item by item."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.core.tests.factories import figure
from nashra.corrections.models import Correction
from nashra.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/en/ninjs/?limit=20",
    "/en/ninjs/sections/news/middle-east/?limit=20",
    "/en/ninjs/topics/iraq/?limit=20",
    "/en/ninjs/authors/huda-mansour/?limit=20",
]


@pytest.fixture
def archive(two_editions, image_factory):
    """Return a function adding ``count`` full articles (and some translations) to both editions."""
    en, ar = two_editions
    hero = image_factory("Hero")
    inline = image_factory("Inline")
    made = []

    def grow(count, body=None):
        body = body or [
            ("paragraph", '<p>Text with <a href="https://example.com/">a link</a>.</p>'),
            ("image", figure(inline, caption="Inline")),
            ("quote", {"quote": "Quoted.", "attribution": "Someone"}),
        ]
        now = timezone.now()
        for _number in range(count):
            number = len(made)
            article = ArticlePageFactory(
                parent=en.middle_east,
                title=f"Story {number}",
                published_at=now - datetime.timedelta(minutes=number),
                hero_image=hero,
                body=body,
                topics=[en.topic],
                authors=[en.author],
                sources=[en.source],
            )
            Correction.objects.create(article=article, text=f"Fixed {number}.")
            if number % 3 == 0:
                ArticlePageFactory(
                    parent=ar.middle_east,
                    title=f"قصة {number}",
                    body=body,
                    translation_of=article,
                )
            made.append(article)

    return grow


def count_queries(client, url, *, warm=True):
    if warm:
        client.get(url)  # renditions and rendered bodies, as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.json()["items"])


def test_a_listing_of_twenty_costs_what_a_listing_of_five_does(
    client, archive, django_assert_num_queries
):
    archive(5)
    small = {url: count_queries(client, url) for url in LISTINGS}
    assert {items for _queries, items in small.values()} == {5}
    archive(20)
    for url in LISTINGS:
        client.get(url)  # the new articles' renditions and bodies
        with django_assert_num_queries(small[url][0]):
            response = client.get(url)
        assert len(response.json()["items"]) == 20
    # The edition's listing: the articles, their topics, authors, sources, corrections, the
    # heroes' renditions and the translations; a section's, topic's or author's one more.
    assert small["/en/ninjs/?limit=20"][0] <= 7, small


def test_the_next_page_costs_the_same_whatever_its_size(client, archive):
    archive(30)
    first = client.get("/en/ninjs/?limit=5").json()
    small = count_queries(client, first["links"]["next"].removeprefix("http://localhost"))
    first = client.get("/en/ninjs/?limit=20").json()
    large = count_queries(client, first["links"]["next"].removeprefix("http://localhost"))

    assert small[1] == 5 and large[1] == 10
    assert small[0] == large[0]


def test_queries_do_not_grow_with_items_even_with_nothing_cached(client, archive):
    text_only = [("paragraph", "<p>Plain text.</p>"), ("quote", {"quote": "Q", "attribution": ""})]
    archive(5, text_only)
    client.get("/en/ninjs/")  # create the heroes' renditions once
    cache.clear()
    small = count_queries(client, "/en/ninjs/", warm=False)
    archive(20, text_only)
    client.get("/en/ninjs/")
    cache.clear()
    large = count_queries(client, "/en/ninjs/", warm=False)

    assert (small[1], large[1]) == (5, 20)
    assert large[0] == small[0]


def test_an_item_costs_a_handful_of_queries(client, archive, django_assert_max_num_queries):
    archive(1)
    url = "/en/ninjs/"
    item_url = client.get(url).json()["items"][0]["uri"].removeprefix("http://localhost")
    client.get(item_url)

    with django_assert_max_num_queries(8):
        assert client.get(item_url).status_code == 200
