"""The feeds are valid by their specifications, not only readable by one parser."""

import json
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from lxml import etree

from nashra.feeds.model import FEED_ITEMS

from .readers import json_feed_validator

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
FEED_PATHS = ["feed/", "news/feed/", "topics/{topic}/feed/", "authors/{author}/feed/"]


def feed_paths(edition):
    return [
        edition.home.url + path.format(topic=edition.topic.slug, author=edition.author.slug)
        for path in FEED_PATHS
    ]


def assert_absolute(url):
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, url


def assert_rfc3339(element):
    import re

    assert element is not None and re.match(RFC3339, element.text), element


def children(element, name):
    return element.findall(f"{ATOM}{name}")


def assert_atom_entry(entry, feed_has_author):
    """RFC 4287 §4.1.2: one id, title and updated; an alternate link without content@src."""
    for name in ("id", "title", "updated"):
        assert len(children(entry, name)) == 1, name
    assert_absolute(entry.findtext(f"{ATOM}id"))
    assert_rfc3339(entry.find(f"{ATOM}updated"))
    assert len(children(entry, "published")) <= 1
    if children(entry, "published"):
        assert_rfc3339(entry.find(f"{ATOM}published"))
    assert feed_has_author or children(entry, "author")
    for author in children(entry, "author"):
        assert len(children(author, "name")) == 1
    alternates = [
        link for link in children(entry, "link") if link.get("rel", "alternate") == "alternate"
    ]
    assert len(alternates) == 1
    for link in children(entry, "link"):
        assert_absolute(link.get("href"))
    for enclosure in [link for link in children(entry, "link") if link.get("rel") == "enclosure"]:
        assert enclosure.get("type").startswith("image/") and int(enclosure.get("length")) > 0
    assert len(children(entry, "summary")) <= 1 and len(children(entry, "content")) <= 1
    for content in children(entry, "content"):
        assert content.get("type") == "html" and content.text
    for category in children(entry, "category"):
        assert category.get("term")


def assert_valid_atom(content, language):
    root = etree.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for name in ("id", "title", "updated"):
        assert len(children(root, name)) == 1, name
    assert_rfc3339(root.find(f"{ATOM}updated"))
    assert_absolute(root.findtext(f"{ATOM}id"))
    links = {link.get("rel"): link for link in children(root, "link")}
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("type") == "text/html"
    for link in links.values():
        assert_absolute(link.get("href"))
    feed_has_author = bool(children(root, "author"))
    entries = children(root, "entry")
    assert entries
    for entry in entries:
        assert_atom_entry(entry, feed_has_author)
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


def assert_valid_rss(content, language):
    root = etree.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    assert channel.findtext("language") == language
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("type") == "application/rss+xml"
    items = channel.findall("item")
    assert 0 < len(items) <= FEED_ITEMS
    for item in items:
        assert item.findtext("title") or item.findtext("description")
        assert_absolute(item.findtext("link"))
        assert item.find("guid").get("isPermaLink") == "true"
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
        assert len(item.findall("enclosure")) <= 1
        for enclosure in item.findall("enclosure"):
            assert_absolute(enclosure.get("url"))
            assert int(enclosure.get("length")) > 0 and enclosure.get("type") == "image/jpeg"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_atom_feed_follows_rfc_4287(client, editions, language):
    for path in feed_paths(editions[language]):
        assert_valid_atom(client.get(path + "atom/").content, language)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_rss_feed_follows_rss_2(client, editions, language):
    for path in feed_paths(editions[language]):
        assert_valid_rss(client.get(path).content, language)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_json_feed_follows_json_feed_1_1(client, editions, language):
    for path in feed_paths(editions[language]):
        data = json.loads(client.get(path + "json/").content)
        json_feed_validator().validate(data)
        assert data["language"] == language
        for item in data["items"]:
            assert item["content_html"] and item["language"] == language
            for url in (item["id"], item["url"], *[a["url"] for a in item.get("attachments", [])]):
                assert_absolute(url)


def test_json_feed_schema_rejects_what_the_spec_rejects():
    validator = json_feed_validator()
    good = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [{"id": "1", "content_text": "x"}],
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "version": "https://jsonfeed.org/version/1"})
    assert not validator.is_valid({**good, "items": [{"id": "1"}]})  # no content
    assert not validator.is_valid({**good, "items": [{"content_text": "x"}]})  # no id
    assert not validator.is_valid({key: value for key, value in good.items() if key != "title"})
