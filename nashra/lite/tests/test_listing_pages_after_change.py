"""The lite edition's listings never drop an article between pages after a change either.

A lite section or topic shares its total with the full page of the same listing; each test
reads the lite listing first, so that its total (and, with the page cache on, its pages)
are kept, then an editor changes an article.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 3


@pytest.fixture(params=["page cache off", "page cache on"])
def site(request, settings):
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    settings.NASHRA_PAGE_CACHE = request.param == "page cache on"
    return settings


def fill(section, count, **fields):
    """Publish ``count`` articles in ``section``, "Story 0" newest; return their titles."""
    titles = [f"Story {number}" for number in range(count)]
    for number, title in enumerate(titles):
        published_at = timezone.now() - datetime.timedelta(hours=number + 1)
        ArticlePageFactory(parent=section, title=title, published_at=published_at, **fields)
    return titles


def read(client, url):
    """Read a lite listing: page 1, then each "Older" link; return each page's titles."""
    pages, address = [], url
    while True:
        response = client.get(address)
        assert response.status_code == 200, address
        html = BeautifulSoup(response.content, "html.parser")
        pages.append([link.get_text() for link in html.select("main li a")])
        older = html.select_one('a[rel="next"]')
        if older is None:
            return pages
        address = url + older["href"]


def assert_listed_once_each(client, url, titles):
    pages = read(client, url)
    assert sorted(title for page in pages for title in page) == sorted(titles), pages
    expected_pages = -(-len(titles) // PAGE_SIZE)
    assert len(pages) == expected_pages and all(pages), pages
    assert client.get(url, {"page": expected_pages + 1}).status_code == 404


def test_a_published_article_leaves_no_article_behind_on_the_lite_section(
    site, client, commit, two_editions
):
    section = two_editions.en.middle_east
    url = "/en/lite/news/middle-east/"
    titles = fill(section, 2 * PAGE_SIZE)
    draft = ArticlePageFactory(
        parent=section, title="Breaking", published_at=timezone.now(), publish=False
    )
    read(client, url)
    commit(draft.save_revision().publish)
    assert_listed_once_each(client, url, ["Breaking", *titles])


def test_an_article_taken_off_a_topic_leaves_no_empty_lite_page(site, client, commit, two_editions):
    en = two_editions.en
    url = f"/en/lite/topics/{en.topic.slug}/"
    titles = fill(en.middle_east, 2 * PAGE_SIZE + 1, topics=[en.topic])
    read(client, url)
    page = ArticlePage.objects.get(title=titles[0])
    page.topics.remove(en.topic)
    commit(page.save_revision().publish)
    assert_listed_once_each(client, url, titles[1:])
