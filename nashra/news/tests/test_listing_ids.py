"""A listing read again reads no article, and still shows every change at once.

Which articles a listing's page shows (a section's, a topic's, an author's, the front page's
slots and blocks) is kept until a change to the listing (``nashra.caching.listings``), and
its teasers are rendered from the kept fragments: a page whose teasers are all kept asks the
database for no article. These tests read each listing twice with the page cache off (what a
miss costs once the parts are kept), then change it the ways an editor does.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.curation.models import HomeCuration
from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory
from nashra.people.tests.factories import AuthorFactory
from nashra.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

ARTICLE_TABLE = '"news_articlepage"'


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def listed(middle_east, en_home):
    """Twelve articles in Middle East, all on one topic and by one author, newest first."""
    topic = TopicFactory(name="Iraq", locale=en_home.locale)
    author = AuthorFactory(name="Huda Mansour", locale=en_home.locale)
    articles = [
        ArticlePageFactory(
            parent=middle_east,
            title=f"Story {number}",
            published_at=hours_ago(number + 1),
            topics=[topic],
            authors=[author],
        )
        for number in range(12)
    ]
    return {
        "articles": articles,
        "urls": {
            "home": en_home.url,
            "section": middle_east.url,
            "topic": f"/en/topics/{topic.slug}/",
            "author": f"/en/authors/{author.slug}/",
        },
    }


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text() for link in html.select("main .teaser__title a")]


def article_reads(client, url):
    """Read ``url``; return its queries that read articles."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries if ARTICLE_TABLE in query["sql"]]


@pytest.mark.parametrize("page", ["home", "section", "topic", "author"])
def test_a_listing_read_again_reads_no_article(client, listed, page):
    url = listed["urls"][page]
    first = article_reads(client, url)
    assert first, "the first reading finds the listing's articles"
    assert article_reads(client, url) == []
    assert len(titles(client, url)) >= 11


@pytest.mark.parametrize("page", ["home", "section", "topic", "author"])
def test_teasers_rendered_afresh_read_their_articles_in_one_query(client, listed, page, settings):
    settings.NASHRA_PAGE_SIZE = 10
    url = listed["urls"][page]
    reads = article_reads(client, url)  # nothing kept yet: every teaser is rendered afresh
    # Read by id, all at once (the most-read list beside them asks for its own five).
    by_id = [sql for sql in reads if '."page_ptr_id" IN (' in sql and "LIMIT" not in sql]
    assert len(by_id) == 1, reads
    assert titles(client, url)[:3] == ["Story 0", "Story 1", "Story 2"]


@pytest.mark.parametrize("page", ["home", "section", "topic", "author"])
def test_a_new_article_shows_at_once_and_an_unpublished_one_leaves(
    client, commit, listed, middle_east, page
):
    url = listed["urls"][page]
    assert titles(client, url)[0] == "Story 0"
    assert titles(client, url)[0] == "Story 0"  # from what is kept
    fresh = ArticlePageFactory(
        parent=middle_east,
        title="Breaking",
        published_at=timezone.now(),
        publish=False,
        topics=list(listed["articles"][0].topics.all()),
        authors=list(listed["articles"][0].authors.all()),
    )
    commit(fresh.save_revision().publish)
    assert titles(client, url)[0] == "Breaking"
    commit(ArticlePage.objects.get(pk=fresh.pk).unpublish)
    assert "Breaking" not in titles(client, url)
    assert titles(client, url)[0] == "Story 0"


def test_a_headline_edited_shows_on_every_listing_at_once(client, commit, listed):
    for url in listed["urls"].values():
        titles(client, url)
    story = listed["articles"][3]
    story.title = "Story 3, corrected"
    commit(story.save_revision().publish)
    for url in listed["urls"].values():
        shown = titles(client, url)
        assert "Story 3, corrected" in shown, url
        assert "Story 3" not in shown, url


def test_a_new_pin_takes_the_top_of_the_front_page_at_once(client, commit, listed, en_home):
    assert titles(client, en_home.url)[0] == "Story 0"
    pinned = listed["articles"][9]
    curation, _ = HomeCuration.objects.get_or_create(locale=en_home.locale)
    curation.top_story = pinned
    commit(curation.save)
    shown = titles(client, en_home.url)
    assert shown[0] == "Story 9"
    assert shown.count("Story 9") == 1


def test_an_article_made_private_leaves_every_listing_at_once(client, commit, listed):
    from wagtail.models import PageViewRestriction

    for url in listed["urls"].values():
        assert "Story 0" in titles(client, url)
    story = listed["articles"][0]
    commit(
        PageViewRestriction.objects.create,
        page=story,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    for url in listed["urls"].values():
        assert "Story 0" not in titles(client, url), url
