"""Listings: an edition's, a section's, a topic's and an author's latest items, page by page."""

import datetime

import pytest
from django.utils import timezone

from nashra.home.services import get_or_create_section
from nashra.people.tests.factories import AuthorFactory

from .conftest import get_items, get_json, headlines

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(article_factory):
    """Return a builder of articles published ``hours`` ago: ``dated(section, "Title", 3)``."""
    now = timezone.now()

    def build(section, title, hours, **fields):
        published_at = now - datetime.timedelta(hours=hours)
        return article_factory(section, title, published_at=published_at, **fields)

    return build


@pytest.fixture
def newsroom(two_editions, dated):
    """Five English stories an hour apart (Middle East, News, a sub-section) and an Arabic one."""
    en, ar = two_editions
    sport = get_or_create_section(en.home, "sport", "Sport")[0]
    dated(en.middle_east, "One", 1, topics=[en.topic], authors=[en.author])
    dated(en.news, "Two", 2)
    dated(sport, "Three", 3, authors=[en.author])
    dated(en.middle_east, "Four", 4, topics=[en.topic])
    dated(en.news, "Five", 5)
    dated(ar.middle_east, "واحد", 1, topics=[ar.topic])
    return en


def test_the_edition_lists_its_latest_items_newest_first(client, newsroom):
    listing = get_items(client, "/en/ninjs/")

    assert headlines(listing) == ["One", "Two", "Three", "Four", "Five"]
    assert listing["title"] == "Nashra Network"
    assert listing["language"] == "en"
    assert listing["limit"] == 20
    assert listing["more"] is False
    assert listing["links"] == {
        "self": "http://localhost/en/ninjs/",
        "first": "http://localhost/en/ninjs/",
        "next": None,
        "previous": None,
        "html": "http://localhost/en/",
    }
    arabic = get_items(client, "/ar/ninjs/")
    assert headlines(arabic) == ["واحد"]
    assert arabic["items"][0]["language"] == "ar"


def test_a_section_lists_its_own_and_its_sub_sections_items(client, newsroom):
    news = get_items(client, "/en/ninjs/sections/news/")
    middle_east = get_items(client, "/en/ninjs/sections/news/middle-east/")
    sport = get_items(client, "/en/ninjs/sections/sport/")

    assert headlines(news) == ["One", "Two", "Four", "Five"]
    assert headlines(middle_east) == ["One", "Four"]
    assert headlines(sport) == ["Three"]
    assert middle_east["title"] == "Nashra Network – Middle East"
    assert middle_east["links"]["html"] == "http://localhost/en/news/middle-east/"


def test_a_topic_and_an_author_list_their_items(client, newsroom):
    topic = get_items(client, "/en/ninjs/topics/iraq/")
    author = get_items(client, "/en/ninjs/authors/huda-mansour/")

    assert headlines(topic) == ["One", "Four"]
    assert topic["title"] == "#Iraq"
    assert topic["links"]["html"] == "http://localhost/en/topics/iraq/"
    assert headlines(author) == ["One", "Three"]
    assert author["title"] == "Huda Mansour"
    assert author["links"]["html"] == "http://localhost/en/authors/huda-mansour/"


def test_arabic_slugs_are_addresses_too(client, newsroom, two_editions):
    ar = two_editions.ar
    AuthorFactory(name="عمر سعيد", language="ar")

    topic = get_items(client, f"/ar/ninjs/topics/{ar.topic.slug}/")
    section = get_items(client, "/ar/ninjs/sections/news/middle-east/")

    assert headlines(topic) == headlines(section) == ["واحد"]
    assert (
        topic["links"]["self"]
        == "http://localhost/ar/ninjs/topics/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82/"
    )
    assert get_items(client, "/ar/ninjs/authors/عمر-سعيد/")["items"] == []


def walk(client, url, link):
    """Follow ``link`` ("next" or "previous") from url to the end; return the pages' headlines."""
    pages = []
    while url:
        listing = get_items(client, url.removeprefix("http://localhost"))
        pages.append(headlines(listing))
        url = listing["links"][link]
    return pages


def test_next_and_previous_walk_the_whole_listing(client, newsroom):
    forward = walk(client, "/en/ninjs/?limit=2", "next")
    assert forward == [["One", "Two"], ["Three", "Four"], ["Five"]]

    last = get_items(client, "/en/ninjs/?limit=2")
    while last["links"]["next"]:
        last = get_items(client, last["links"]["next"].removeprefix("http://localhost"))
    assert last["more"] is False
    assert walk(client, last["links"]["previous"], "previous") == [
        ["Three", "Four"],
        ["One", "Two"],
    ]
    assert last["links"]["first"] == "http://localhost/en/ninjs/?limit=2"


def test_a_story_published_while_a_partner_pages_back_shifts_nothing(client, newsroom, dated):
    first = get_items(client, "/en/ninjs/?limit=2")
    assert first["more"] is True
    dated(newsroom.news, "Breaking", 0)

    second = get_items(client, first["links"]["next"].removeprefix("http://localhost"))

    # With page numbers, "Two" would come again on page 2; a cursor continues after it.
    assert headlines(second) == ["Three", "Four"]
    newer = get_items(client, second["links"]["previous"].removeprefix("http://localhost"))
    assert headlines(newer) == ["One", "Two"]
    assert newer["links"]["previous"] is not None  # "Breaking" is newer still


def test_pages_are_twenty_items_unless_asked_and_at_most_a_hundred(client, two_editions, dated):
    for number in range(22):
        dated(two_editions.en.news, f"Story {number}", number)

    default = get_items(client, "/en/ninjs/")
    assert len(default["items"]) == 20
    assert default["more"] is True
    assert default["links"]["next"].startswith("http://localhost/en/ninjs/?before=")
    assert len(get_items(client, "/en/ninjs/?limit=100")["items"]) == 22
    assert len(get_items(client, "/en/ninjs/?limit=1")["items"]) == 1


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "2.5", "1e3", "", "99999999999"])
def test_a_bad_limit_is_a_400_that_says_why(client, newsroom, limit):
    error = get_json(client, f"/en/ninjs/?limit={limit}", status=400)

    assert error == {"status": 400, "error": "“limit” must be a whole number from 1 to 100."}


@pytest.mark.parametrize(
    "query",
    [
        "before=yesterday",
        "after=20260501T093000Z-1",
        "before=20261301T000000.000000Z-5",
        "before=20260501T093000.000000Z-0",
        "before=20260501T093000.000000Z-01",
        "before=99999999T999999.999999Z-1",
    ],
)
def test_a_cursor_not_made_here_is_a_400(client, newsroom, query):
    error = get_json(client, f"/en/ninjs/topics/iraq/?{query}", status=400)

    assert "follow the “next” and “previous” links" in error["error"]


def test_before_and_after_together_are_a_400(client, newsroom):
    first = get_items(client, "/en/ninjs/?limit=1")
    cursor = first["links"]["next"].split("before=")[1]

    error = get_json(client, f"/en/ninjs/?before={cursor}&after={cursor}", status=400)

    assert error["error"] == "Ask for “before” or “after”, not both."


def test_errors_speak_the_editions_language(client, newsroom):
    error = get_json(client, "/ar/ninjs/?limit=0", status=400)

    assert error["error"] == "يجب أن يكون «limit» عددًا صحيحًا من 1 إلى 100."


@pytest.mark.parametrize(
    "url",
    [
        "/en/ninjs/sections/no-such-section/",
        "/en/ninjs/sections/news/no-such-section/",
        "/en/ninjs/topics/no-such-topic/",
        "/en/ninjs/authors/no-such-author/",
        "/en/ninjs/topics/العراق/",  # the Arabic edition's
        "/en/ninjs/no-such-thing/",
        "/en/ninjs/items/",
        "/en/ninjs/items/abc/",
    ],
)
def test_what_is_not_there_is_a_json_404(client, newsroom, url):
    error = get_json(client, url, status=404)

    assert error["status"] == 404
    assert error["error"]


def test_an_unpublished_section_has_no_listing(client, two_editions, dated):
    en = two_editions.en
    section = get_or_create_section(en.home, "culture", "Culture")[0]
    dated(section, "A play", 1)
    assert headlines(get_items(client, "/en/ninjs/sections/culture/")) == ["A play"]
    section.unpublish()

    get_json(client, "/en/ninjs/sections/culture/", status=404)
