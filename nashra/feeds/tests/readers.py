"""Read a feed as a reader would, into one shape whatever its format.

RSS and Atom go through feedparser, which feed readers are built on; feedparser 6 has no JSON
Feed support, so JSON Feed is read with json after validation against our JSON Feed 1.1 schema.
"""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import feedparser
import jsonschema

FORMATS = {"rss": "feed/", "atom": "feed/atom/", "json": "feed/json/"}
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "jsonfeed-1.1.schema.json"


@dataclass
class Entry:
    id: str
    link: str
    title: str
    summary: str
    content: str
    published: datetime.datetime
    updated: datetime.datetime
    authors: list = field(default_factory=list)  # (name, url)
    tags: list = field(default_factory=list)
    enclosures: list = field(default_factory=list)  # (url, length, type)


@dataclass
class ReadFeed:
    title: str
    link: str
    language: str
    self_url: str
    entries: list


@cache
def json_feed_validator():
    schema = json.loads(SCHEMA_PATH.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _struct_to_datetime(value):
    return datetime.datetime(*value[:6], tzinfo=datetime.UTC)


def _parse_rfc3339(value):
    assert value.endswith("Z") or value[-6] in "+-", value
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def read_json(content):
    data = json.loads(content)
    json_feed_validator().validate(data)
    entries = [
        Entry(
            id=item["id"],
            link=item["url"],
            title=item["title"],
            summary=item.get("summary", ""),
            content=item.get("content_html", item.get("content_text", "")),
            published=_parse_rfc3339(item["date_published"]),
            updated=_parse_rfc3339(item.get("date_modified", item["date_published"])),
            authors=[(a["name"], a.get("url", "")) for a in item.get("authors", [])],
            tags=item.get("tags", []),
            enclosures=[
                (a["url"], a.get("size_in_bytes"), a["mime_type"])
                for a in item.get("attachments", [])
            ],
        )
        for item in data["items"]
    ]
    return ReadFeed(
        data["title"], data["home_page_url"], data["language"], data["feed_url"], entries
    )


def read_xml(content, content_type):
    parsed = feedparser.parse(content, response_headers={"content-type": content_type})
    assert not parsed.bozo, parsed.get("bozo_exception")
    self_url = next(link.href for link in parsed.feed.links if link.rel == "self")
    entries = [
        Entry(
            id=entry.id,
            link=entry.link,
            title=entry.title,
            summary=entry.get("summary", ""),
            content=entry.content[0].value if "content" in entry else "",
            published=_struct_to_datetime(entry.published_parsed),
            # RSS 2.0 items have no update date; feedparser would warn and fall back.
            updated=_struct_to_datetime(
                entry.updated_parsed if parsed.version == "atom10" else entry.published_parsed
            ),
            authors=[(a.get("name"), a.get("href", "")) for a in entry.get("authors", [])],
            tags=[tag.term for tag in entry.get("tags", [])],
            enclosures=[
                (enclosure.href, int(enclosure.length), enclosure.type)
                for enclosure in entry.enclosures
            ],
        )
        for entry in parsed.entries
    ]
    return ReadFeed(parsed.feed.title, parsed.feed.link, parsed.feed.language, self_url, entries)


def read_feed(client, url, feed_format):
    """Fetch a feed, check its status and Content-Type, and read it."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == CONTENT_TYPES[feed_format]
    if feed_format == "json":
        return read_json(response.content)
    return read_xml(response.content, response["Content-Type"])
