"""The lite edition's listings never drop an article between pages after a change either.

A lite section or topic shares its total with the full page of the same listing; each test
reads the lite listing first, so that its total (and, with the page cache on, its pages)
are kept, then an editor changes an article.
"""

import pytest
from django.utils import timezone

from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory
from nashra.news.tests.test_listing_pages_after_change import fill, read

pytestmark = pytest.mark.django_db

PAGE_SIZE = 3


@pytest.fixture(params=["page cache off", "page cache on"])
def site(request, settings):
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    settings.NASHRA_PAGE_CACHE = request.param == "page cache on"
    return settings


def assert_listed_once_each(client, url, titles):
    pages = read(client, url, titles="main li a")
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
    read(client, url, titles="main li a")
    commit(draft.save_revision().publish)
    assert_listed_once_each(client, url, ["Breaking", *titles])


def test_an_article_taken_off_a_topic_leaves_no_empty_lite_page(site, client, commit, two_editions):
    en = two_editions.en
    url = f"/en/lite/topics/{en.topic.slug}/"
    titles = fill(en.middle_east, 2 * PAGE_SIZE + 1, topics=[en.topic])
    read(client, url, titles="main li a")
    page = ArticlePage.objects.get(title=titles[0])
    page.topics.remove(en.topic)
    commit(page.save_revision().publish)
    assert_listed_once_each(client, url, titles[1:])
