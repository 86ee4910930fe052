"""The writers on their own: what no page's content exercises, such as hostile text."""

import datetime
import json
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from nashra.feeds.model import Category, Enclosure, Feed, FeedItem, Person
from nashra.feeds.writers import WRITERS, write_atom, write_rss

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
BEIRUT = datetime.timezone(datetime.timedelta(hours=3))
PUBLISHED = datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=BEIRUT)
# Markup, an entity, a CDATA end, C0 controls, a lone surrogate and a noncharacter.
HOSTILE = "<script>alert(1)</script> & ]]> \x00\x08\x0b\x1f\udcff\ufffe\"'تم"
CLEAN = "<script>alert(1)</script> & ]]> \"'تم"


def make_feed(items=(), text="Nashra"):
    return Feed(
        title=text,
        link="http://localhost/en/",
        description=text,
        language="en",
        self_urls={key: f"http://localhost/en/feed/{key}/" for key in WRITERS},
        publisher=Person(text, "http://localhost/en/"),
        rights=text,
        items=list(items),
        fallback_updated=PUBLISHED,
    )


def make_item(text="Story", **fields):
    url = "http://localhost/en/news/story/"
    return FeedItem(
        **{
            "id": url,
            "url": url,
            "title": text,
            "summary": text,
            "published": PUBLISHED,
            "updated": PUBLISHED + datetime.timedelta(hours=1),
            "content_html": f"<p>{text}</p>",
            **fields,
        }
    )


@pytest.mark.parametrize("writer", [write_rss, write_atom])
def test_hostile_text_is_escaped_and_stripped_of_what_xml_cannot_hold(writer):
    item = make_item(
        HOSTILE,
        authors=[Person(HOSTILE, "http://localhost/en/authors/a/?x=1&y=\x01")],
        categories=[Category(HOSTILE, "http://localhost/en/topics/")],
    )
    content = writer(make_feed([item], HOSTILE))
    etree.fromstring(content)  # well-formed XML 1.0, or this raises
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == CLEAN
    (entry,) = parsed.entries
    assert entry.title == CLEAN
    assert entry.tags[0].term == CLEAN
    assert entry.author == CLEAN
    # Text is text, not markup, whatever it looks like.
    assert b"<script>" not in content


def test_json_feed_keeps_text_as_it_is():
    content = WRITERS["json"](make_feed([make_item(HOSTILE.replace("\udcff", ""))]))
    assert json.loads(content)["items"][0]["title"] == HOSTILE.replace("\udcff", "")


def test_rss_names_every_author_and_each_category_s_domain():
    item = make_item(
        authors=[Person("Huda"), Person("Omar", "http://localhost/en/authors/omar/")],
        categories=[Category("Iraq", "http://localhost/en/topics/"), Category("Plain")],
    )
    entry = etree.fromstring(write_rss(make_feed([item]))).find("channel/item")
    assert [creator.text for creator in entry.findall(DC_CREATOR)] == ["Huda", "Omar"]
    categories = [(category.text, category.get("domain")) for category in entry.findall("category")]
    assert categories == [("Iraq", "http://localhost/en/topics/"), ("Plain", None)]
    assert parsedate_to_datetime(entry.findtext("pubDate")) == PUBLISHED.replace(microsecond=0)


def test_atom_names_every_author_with_a_page_and_keeps_the_summary_plain_text():
    item = make_item(
        "a < b",
        authors=[Person("Huda"), Person("Omar", "http://localhost/en/authors/omar/")],
        enclosure=Enclosure("http://localhost/media/hero.jpg", 2048, "image/jpeg"),
    )
    entry = etree.fromstring(write_atom(make_feed([item]))).find(f"{ATOM}entry")
    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert authors == [("Huda", None), ("Omar", "http://localhost/en/authors/omar/")]
    summary = entry.find(f"{ATOM}summary")
    assert (summary.get("type"), summary.text) == ("text", "a < b")
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert entry.findtext(f"{ATOM}published") == "2026-03-01T06:30:15Z"
    (enclosure,) = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
    assert enclosure.get("length") == "2048"


def test_summary_only_items_carry_no_full_content():
    item = make_item(content_html="")
    rss = etree.fromstring(write_rss(make_feed([item])))
    assert rss.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded") is None
    atom = etree.fromstring(write_atom(make_feed([item])))
    assert atom.find(f"{ATOM}entry/{ATOM}content") is None


def test_an_empty_feed_is_dated_by_its_fallback_not_by_now():
    feed = make_feed()
    rss = etree.fromstring(write_rss(feed))
    last_build = parsedate_to_datetime(rss.findtext("channel/lastBuildDate"))
    assert last_build == PUBLISHED.replace(microsecond=0)
    assert rss.find("channel/item") is None
    atom = etree.fromstring(write_atom(feed))
    assert atom.findtext(f"{ATOM}updated") == "2026-03-01T06:30:15Z"
    assert atom.find(f"{ATOM}rights").text == "Nashra"
