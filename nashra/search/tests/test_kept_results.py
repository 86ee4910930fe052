"""A search asked again (a breaking story sends many readers to the same words) is answered
from what was found the first time, and still shows every change to the archive at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from nashra.home.services import get_or_create_section

pytestmark = pytest.mark.django_db

URL = "/en/search/"


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'class="search-result__title"><a href="[^"]*">(.*?)</a>', html)
    count = re.search(r'class="search-count" role="status">([^<]*)<', html).group(1)
    return titles, count.strip()


def full_text_queries(queries):
    """Queries of the full-text index: its table on PostgreSQL, FTS5's on SQLite."""
    index_tables = ("search_searchentry", "search_fts")
    return [query["sql"] for query in queries if any(t in query["sql"] for t in index_tables)]


def test_a_search_asked_again_asks_the_index_nothing(client, middle_east, article_factory):
    article_factory(middle_east, "Minister resigns over port deal")
    article_factory(middle_east, "Port reopens", lead="The minister cut the ribbon.")
    first = search(client, q="minister")
    with CaptureQueriesContext(connection) as queries:
        assert search(client, q="minister") == first
    assert full_text_queries(queries) == []
    titles = ["<mark>Minister</mark> resigns over port deal", "Port reopens"]
    assert first == (titles, "2 articles found")


def test_a_newly_published_article_is_found_at_once(client, middle_east, article_factory):
    article_factory(middle_east, "Minister resigns")
    assert search(client, q="minister") == (["<mark>Minister</mark> resigns"], "1 article found")
    article_factory(middle_east, "Minister returns")
    titles, count = search(client, q="minister")
    assert sorted(titles) == ["<mark>Minister</mark> resigns", "<mark>Minister</mark> returns"]
    assert count == "2 articles found"


def test_an_unpublished_article_leaves_the_results_at_once(client, middle_east, article_factory):
    article_factory(middle_east, "Minister resigns")
    withdrawn = article_factory(middle_east, "Minister misquoted")
    assert search(client, q="minister")[1] == "2 articles found"
    withdrawn.unpublish()
    assert search(client, q="minister") == (["<mark>Minister</mark> resigns"], "1 article found")


def test_a_corrected_headline_is_found_and_marked_anew(client, middle_east, article_factory):
    article = article_factory(middle_east, "Minister resigns")
    assert search(client, q="minister")[0] == ["<mark>Minister</mark> resigns"]
    article.title = "Minister stays, after all"
    article.save_revision().publish()
    assert search(client, q="minister")[0] == ["<mark>Minister</mark> stays, after all"]
    assert search(client, q="stays")[0] == ["Minister <mark>stays</mark>, after all"]


def test_each_page_and_filter_is_kept_apart(client, middle_east, news, article_factory, settings):
    settings.NASHRA_PAGE_SIZE = 1
    for number in range(3):
        article_factory(middle_east, f"Minister {number}")
    pages = [search(client, q="minister", page=number)[0] for number in (1, 2, 3)]
    assert sorted(title for page in pages for title in page) == [
        f"<mark>Minister</mark> {number}" for number in range(3)
    ]
    assert search(client, q="minister", sort="newest", page=1)[0] == ["<mark>Minister</mark> 2"]
    assert search(client, q="minister", page=1)[0] == pages[0]


def test_a_search_asked_again_reads_nothing_from_the_database(client, middle_east, article_factory):
    """The filter's sections, the results' articles and their rendering are kept too: a
    breaking story's readers asking the same words cost the database nothing."""
    article_factory(middle_east, "Minister resigns over port deal")
    article_factory(middle_east, "Port reopens", lead="The minister cut the ribbon.")
    first = client.get(URL, {"q": "minister"}).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL, {"q": "minister"}).content.decode()
    assert [query["sql"] for query in queries] == []
    assert again == first
    assert "<mark>Minister</mark> resigns over port deal" in again


def test_an_article_made_private_leaves_a_kept_search_at_once(client, middle_east, article_factory):
    article_factory(middle_east, "Minister resigns")
    hidden = article_factory(middle_east, "Minister's memo")
    assert len(search(client, q="minister")[0]) == 2
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    titles, _count = search(client, q="minister")
    assert titles == ["<mark>Minister</mark> resigns"]


def test_the_section_filter_follows_the_sections_at_once(client, en_home, middle_east):
    def sections():
        html = client.get(URL, {"q": "minister"}).content.decode()
        select = re.search(r'<select name="section"[^>]*>(.*?)</select>', html, re.S).group(1)
        return re.findall(r"<option[^>]*>([^<]*)</option>", select)

    assert sections() == ["All sections", "News", "— Middle East"]
    sports = get_or_create_section(en_home, "sports", "Sports")[0]
    assert sections() == ["All sections", "News", "— Middle East", "Sports"]
    sports.title = "Sport"
    sports.save_revision().publish()
    assert sections() == ["All sections", "News", "— Middle East", "Sport"]
    sports.unpublish()
    assert sections() == ["All sections", "News", "— Middle East"]


def test_the_form_shows_each_readers_own_words(client, middle_east, article_factory):
    article_factory(middle_east, "Minister resigns")
    for words in ("minister", "<b>minister</b>", "port minister"):
        html = client.get(URL, {"q": words, "sort": "newest"}).content.decode()
        field = re.search(r'<input type="search" name="q" value="([^"]*)"', html)
        assert field.group(1) == escape(words)
        assert re.search(r'<option value="newest" selected>', html)
    html = client.get(URL, {"q": "minister"}).content.decode()
    assert not re.search(r'<option value="newest" selected>', html)
