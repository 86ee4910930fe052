"""What a feed holds, whatever the format it is written in."""

from dataclasses import dataclass, field
from datetime import datetime

FEED_ITEMS = 50


@dataclass(frozen=True)
class FeedFormat:
    key: str
    name: str
    content_type: str
    route_suffix: str  # appended to the route name: "feed", "feed_atom", "feed_json"


RSS = FeedFormat("rss", "RSS", "application/rss+xml; charset=utf-8", "")
ATOM = FeedFormat("atom", "Atom", "application/atom+xml; charset=utf-8", "_atom")
JSON = FeedFormat("json", "JSON Feed", "application/feed+json; charset=utf-8", "_json")
FORMATS = (RSS, ATOM, JSON)


def format_for_route(route_name):
    """Return the format a route name such as "topic_feed_atom" serves."""
    for feed_format in (ATOM, JSON):
        if route_name.endswith(feed_format.route_suffix):
            return feed_format
    return RSS


@dataclass
class Person:
    name: str
    url: str = ""


@dataclass
class Category:
    term: str
    scheme: str = ""


@dataclass
class Enclosure:
    url: str
    length: int
    mime_type: str


@dataclass
class FeedItem:
    id: str
    url: str
    title: str
    summary: str  # plain text
    published: datetime
    updated: datetime
    content_html: str = ""  # empty in summary mode
    authors: list[Person] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    enclosure: Enclosure | None = None


@dataclass
class Feed:
    title: str
    link: str  # the HTML page the feed follows
    description: str
    language: str
    self_urls: dict  # format key -> absolute URL of the feed in that format
    publisher: Person
    rights: str = ""
    items: list[FeedItem] = field(default_factory=list)
    fallback_updated: datetime | None = None

    @property
    def updated(self):
        """Return the newest item's update time, else the fallback (an empty feed)."""
        return max((item.updated for item in self.items), default=self.fallback_updated)
