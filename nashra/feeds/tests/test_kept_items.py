"""A feed read again reads no article, and still shows every change at once.

Which articles a feed shows is kept per version of its listing, and its items per version
of those articles and the edition (``builders.article_items``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory
from nashra.people.tests.factories import AuthorFactory
from nashra.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds(middle_east, en_home):
    """Five articles in Middle East on one topic and by one author; their feeds' addresses."""
    topic = TopicFactory(name="Iraq", locale=en_home.locale)
    author = AuthorFactory(name="Huda Mansour", locale=en_home.locale)
    for number in range(5):
        ArticlePageFactory(
            parent=middle_east, title=f"Story {number}", topics=[topic], authors=[author]
        )
    return {
        "relations": {"topics": [topic], "authors": [author]},
        "urls": [
            "/en/feed/json/",
            middle_east.url + "feed/json/",
            f"/en/topics/{topic.slug}/feed/json/",
            f"/en/authors/{author.slug}/feed/json/",
        ],
    }


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [item["title"] for item in response.json()["items"]]


def test_a_feed_read_again_reads_no_article(client, feeds):
    for url in feeds["urls"]:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert len(titles(client, url)) == 5
        read = [query["sql"] for query in queries if '"news_articlepage"' in query["sql"]]
        assert read == [], url


def test_every_feed_shows_a_publish_a_correction_and_an_unpublish_at_once(
    client, commit, feeds, middle_east
):
    for url in feeds["urls"]:
        titles(client, url)
    fresh = ArticlePageFactory(
        parent=middle_east, title="Breaking", publish=False, **feeds["relations"]
    )
    commit(fresh.save_revision().publish)
    for url in feeds["urls"]:
        assert "Breaking" in titles(client, url), url
    fresh = ArticlePage.objects.get(pk=fresh.pk)
    fresh.title = "Breaking, corrected"
    commit(fresh.save_revision().publish)
    for url in feeds["urls"]:
        shown = titles(client, url)
        assert "Breaking, corrected" in shown and "Breaking" not in shown, url
    commit(ArticlePage.objects.get(pk=fresh.pk).unpublish)
    for url in feeds["urls"]:
        assert "Breaking, corrected" not in titles(client, url), url
