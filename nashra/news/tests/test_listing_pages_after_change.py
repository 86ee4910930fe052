"""Listings never drop an article between pages: right after a change, each is on one page.

A listing's total ("Page 2 of 3") is counted once and kept. Each test reads a listing as a
reader does (page 1, then every "Older" link) so that its total is kept and, with the page
cache on, its pages too; then an editor changes an article; then the reader reads it again.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone

from nashra.caching import near
from nashra.caching.tests.caches import redis_caches, redis_server  # noqa: F401 (fixtures)
from nashra.caching.tests.test_near_cache import OtherProcess
from nashra.caching.tests.test_wsgi import application  # noqa: F401 (fixture)
from nashra.home.services import get_or_create_section
from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory
from nashra.people.tests.factories import AuthorFactory
from nashra.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 3
TWO_PAGES = 2 * PAGE_SIZE


@pytest.fixture(params=["page cache off", "page cache on"])
def site(request, settings):
    """The site with small listing pages, read with the page cache off and on."""
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    settings.NASHRA_PAGE_CACHE = request.param == "page cache on"
    return settings


@pytest.fixture
def africa(news, en_home):
    return get_or_create_section(en_home, "news/africa", "Africa")[0]


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def fill(section, count, prefix="Story", **fields):
    """Publish ``count`` articles in ``section``, "<prefix> 0" newest; return their titles."""
    titles = [f"{prefix} {number}" for number in range(count)]
    for number, title in enumerate(titles):
        ArticlePageFactory(
            parent=section, title=title, published_at=hours_ago(number + 1), **fields
        )
    return titles


def read(client, url, titles=".teaser__title a"):
    """Read a listing as a reader: page 1, then each "Older" link; return each page's titles.

    ``titles`` selects the article links of a page (the lite edition's differ).
    """
    pages, address = [], url
    while True:
        response = client.get(address)
        assert response.status_code == 200, address
        html = BeautifulSoup(response.content, "html.parser")
        pages.append([link.get_text() for link in html.select(titles)])
        older = html.select_one('a[rel="next"]')
        if older is None:
            return pages
        address = url + older["href"]


def assert_listed_once_each(client, url, titles):
    """Every article on exactly one page, no page empty, the last page numbered and found."""
    pages = read(client, url)
    listed = [title for page in pages for title in page]
    assert sorted(listed) == sorted(titles), pages
    expected_pages = -(-len(titles) // PAGE_SIZE)
    assert len(pages) == expected_pages, pages
    assert all(pages), pages  # no empty page
    last = client.get(url, {"page": expected_pages})
    assert last.status_code == 200
    if expected_pages > 1:
        assert f"Page {expected_pages} of {expected_pages}" in last.content.decode()
    assert client.get(url, {"page": expected_pages + 1}).status_code == 404


def edit(article, change):
    """As an editor: change the latest version of ``article``, then publish it."""
    page = ArticlePage.objects.get(pk=article.pk)
    change(page)
    return page.save_revision().publish()


def test_a_published_article_leaves_no_article_behind_on_page_three(
    site, client, commit, middle_east, article_factory
):
    titles = fill(middle_east, TWO_PAGES)
    draft = article_factory(middle_east, "Breaking", publish=False, published_at=timezone.now())
    read(client, middle_east.url)
    assert client.get(middle_east.url, {"page": 3}).status_code == 404
    commit(draft.save_revision().publish)
    assert_listed_once_each(client, middle_east.url, ["Breaking", *titles])


def test_a_published_article_shows_on_every_section_above_it(
    site, client, commit, news, middle_east, article_factory
):
    titles = fill(middle_east, TWO_PAGES)
    draft = article_factory(middle_east, "Breaking", publish=False, published_at=timezone.now())
    read(client, news.url)
    commit(draft.save_revision().publish)
    assert_listed_once_each(client, news.url, ["Breaking", *titles])


def test_an_unpublished_article_leaves_no_empty_page(site, client, commit, middle_east):
    titles = fill(middle_east, TWO_PAGES + 1)
    read(client, middle_east.url)
    withdrawn = ArticlePage.objects.get(title=titles[0])
    commit(withdrawn.unpublish)
    assert_listed_once_each(client, middle_east.url, titles[1:])


def test_a_deleted_article_leaves_no_empty_page(site, client, commit, middle_east):
    titles = fill(middle_east, TWO_PAGES + 1)
    read(client, middle_east.url)
    commit(ArticlePage.objects.get(title=titles[0]).delete)
    assert_listed_once_each(client, middle_east.url, titles[1:])


def test_an_article_moved_between_sections_is_on_one_page_of_each(
    site, client, commit, middle_east, africa
):
    here = fill(middle_east, TWO_PAGES + 1)
    there = fill(africa, TWO_PAGES, prefix="African story")
    read(client, middle_east.url)
    read(client, africa.url)
    moved = ArticlePage.objects.get(title=here[0])
    commit(moved.move, africa, pos="last-child")
    assert_listed_once_each(client, middle_east.url, here[1:])
    assert_listed_once_each(client, africa.url, [here[0], *there])


@pytest.mark.parametrize("kind", ["topics", "authors"])
def test_an_article_given_a_topic_or_author_shows_on_its_last_page(
    site, client, commit, en_home, middle_east, kind
):
    label = TopicFactory(name="Yemen") if kind == "topics" else AuthorFactory(name="Huda Mansour")
    url = f"{en_home.url}{kind}/{label.slug}/"
    titles = fill(middle_east, TWO_PAGES, **{kind: [label]})
    untagged = ArticlePageFactory(parent=middle_east, title="Newest", published_at=timezone.now())
    read(client, url)
    commit(edit, untagged, lambda page: getattr(page, kind).add(label))
    assert_listed_once_each(client, url, ["Newest", *titles])


@pytest.mark.parametrize("kind", ["topics", "authors"])
def test_an_article_losing_a_topic_or_author_leaves_no_empty_page(
    site, client, commit, en_home, middle_east, kind
):
    label = TopicFactory(name="Yemen") if kind == "topics" else AuthorFactory(name="Huda Mansour")
    other = TopicFactory(name="Sudan") if kind == "topics" else AuthorFactory(name="Sami Adel")
    url = f"{en_home.url}{kind}/{label.slug}/"
    titles = fill(middle_east, TWO_PAGES + 1, **{kind: [label]})
    read(client, url)
    untagged = ArticlePage.objects.get(title=titles[0])
    commit(edit, untagged, lambda page: getattr(page, kind).set([other]))
    assert_listed_once_each(client, url, titles[1:])


def test_an_article_taken_off_an_authors_own_list_leaves_no_empty_page(
    site, client, commit, en_home, middle_east
):
    author = AuthorFactory(name="Huda Mansour")
    url = f"{en_home.url}authors/{author.slug}/"
    titles = fill(middle_east, TWO_PAGES + 1, authors=[author])
    read(client, url)
    commit(author.articles.remove, ArticlePage.objects.get(title=titles[0]))
    assert_listed_once_each(client, url, titles[1:])


# Through Redis and each process's near memory, as production runs with more than one.


def _get(app, url, query=None):
    environ = RequestFactory().get(url, query or {}).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    body = b"".join(app(environ, start_response))
    return answer["status"], body


def _read_through(app, url):
    pages, query = [], {}
    while True:
        status, body = _get(app, url, query)
        assert status == 200, query
        html = BeautifulSoup(body, "html.parser")
        pages.append([link.get_text() for link in html.select(".teaser__title a")])
        older = html.select_one('a[rel="next"]')
        if older is None:
            return pages
        query = {"page": older["href"].removeprefix("?page=")}


def test_through_redis_a_publish_in_one_process_is_counted_by_the_others(
    redis_caches,  # noqa: F811
    application,  # noqa: F811
    settings,
    commit,
    middle_east,
    article_factory,
):
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    near.clear_memories()
    titles = fill(middle_east, TWO_PAGES)
    draft = article_factory(middle_east, "Breaking", publish=False, published_at=timezone.now())
    reader = OtherProcess()
    with reader:
        for _ in range(2):  # the second time from the page cache and the near memory
            assert len(_read_through(application, middle_east.url)) == 2
        assert _get(application, middle_east.url, {"page": 3})[0] == 404
    commit(draft.save_revision().publish)  # the editor's process
    with reader:
        pages = _read_through(application, middle_east.url)
        assert [title for page in pages for title in page] == ["Breaking", *titles]
        assert _get(application, middle_east.url, {"page": 3})[0] == 200
    near.clear_memories()
    near.end()
