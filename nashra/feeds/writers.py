"""Write a Feed as RSS 2.0, Atom 1.0 (RFC 4287) or JSON Feed 1.1; each returns UTF-8 bytes.

RSS and Atom are written by Django's feedgenerator, which is maintained with the specs and
escapes what it writes; the subclasses here add only what it lacks and readers use: the full
article (content:encoded, Atom content), every author, categories with their taxonomy and
typed links to the feed itself. feedgenerator has no JSON Feed, so that writer is ours.
"""

import dataclasses
import json
import re
from datetime import UTC

from django.utils import feedgenerator, timezone
from django.utils.encoding import iri_to_uri
from django.utils.xmlutils import UnserializableContentError

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# What XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE and U+FFFF), which a
# pasted headline may: feedgenerator refuses such text rather than write a broken document.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value):
    """Return the value with every string fit for XML 1.0; what is already fit, unchanged.

    Dataclasses and lists are copied only where a string in them had to change: a feed of
    fifty full articles is walked on every uncached request.
    """
    if isinstance(value, str):
        return NOT_XML.sub("", value) if NOT_XML.search(value) else value
    if isinstance(value, list):
        cleaned = [xml_safe(element) for element in value]
        return value if all(a is b for a, b in zip(cleaned, value, strict=True)) else cleaned
    if isinstance(value, dict):
        return {key: xml_safe(element) for key, element in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            cleaned = xml_safe(current)
            if cleaned is not current:
                changed[field.name] = cleaned
        return dataclasses.replace(value, **changed) if changed else value
    return value


def rfc3339(value):
    """Return a JSON Feed date: RFC 3339 in UTC, to the second, as the XML feeds give it."""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _utc(value):
    # Aware, or RFC 822 dates would say "-0000" (zone unknown); in UTC, whatever the server's.
    return value.astimezone(UTC)


def _utc_seconds_naive(value):
    # feedgenerator writes a naive time as UTC with a "Z", and an aware one with its microseconds.
    return value.astimezone(UTC).replace(microsecond=0, tzinfo=None)


class NashraRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with a dc:creator per author (feedgenerator writes one), domain-scoped categories,
    content:encoded for the full article and a typed atom:link to itself, which validators ask
    for; ``entry`` on an item is the FeedItem it was made from."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS}

    def latest_post_date(self):
        # The Feed's date, so an empty feed says when its page was published, not "now".
        return self.feed["updated"]

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        link = {"href": self.feed["self_url"], "rel": "self", "type": "application/rss+xml"}
        handler.addQuickElement("atom:link", None, link)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        entry = item["entry"]
        if entry.content_html:
            handler.addQuickElement("content:encoded", entry.content_html)
        for author in entry.authors:
            handler.addQuickElement("dc:creator", author.name)
        for category in entry.categories:
            domain = {"domain": category.scheme} if category.scheme else None
            handler.addQuickElement("category", category.term, domain)


class NashraAtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with every author and its page, categories with their scheme, a plain-text
    summary beside the HTML content, and the feed's links typed for readers that pick by type."""

    def latest_post_date(self):
        return self.feed["updated"]

    def add_root_elements(self, handler):
        # Replaced, not extended: feedgenerator's feed links carry no type.
        feed = self.feed
        handler.addQuickElement("id", feed["id"])
        handler.addQuickElement("title", feed["title"], {"type": "text"})
        handler.addQuickElement("subtitle", feed["subtitle"], {"type": "text"})
        handler.addQuickElement("updated", feedgenerator.rfc3339_date(self.latest_post_date()))
        for rel, mime_type, href in (
            ("alternate", "text/html", feed["link"]),
            ("self", "application/atom+xml", feed["self_url"]),
        ):
            handler.addQuickElement("link", "", {"rel": rel, "type": mime_type, "href": href})
        self._add_person(handler, feed["author_name"], feed["author_link"])
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("rights", feed["feed_copyright"], {"type": "text"})

    def add_item_elements(self, handler, item):
        # feedgenerator would mark the summary as HTML; ours is plain text, written below.
        super().add_item_elements(handler, {**item, "description": None})
        entry = item["entry"]
        for author in entry.authors:
            self._add_person(handler, author.name, iri_to_uri(author.url or None))
        for category in entry.categories:
            scheme = {"scheme": category.scheme} if category.scheme else {}
            handler.addQuickElement("category", "", {"term": category.term, **scheme})
        handler.addQuickElement("summary", entry.summary, {"type": "text"})
        if entry.content_html:
            handler.addQuickElement("content", entry.content_html, {"type": "html"})

    @staticmethod
    def _add_person(handler, name, url):
        handler.startElement("author", {})
        handler.addQuickElement("name", name)
        if url:
            handler.addQuickElement("uri", url)
        handler.endElement("author")


def _write_xml(feed_class, feed, key, when):
    """Return the feed written by feed_class, its times given to feedgenerator through when().

    Nearly every feed is fit for XML as it is: it is written first, and only when the
    document shows (or feedgenerator refuses) what XML cannot hold is it cleaned and
    written again. One scan of the document costs far less than walking every item.
    """
    try:
        document = _write_xml_once(feed_class, feed, key, when)
    except UnserializableContentError:
        document = None
    if document is None or NOT_XML.search(document):
        document = _write_xml_once(feed_class, xml_safe(feed), key, when)
    return document.encode("utf-8")


def _write_xml_once(feed_class, feed, key, when):
    self_url = iri_to_uri(feed.self_urls[key])
    generator = feed_class(
        title=feed.title,
        link=feed.link,
        description=feed.description,
        subtitle=feed.description,
        language=feed.language,
        author_name=feed.publisher.name,
        author_link=feed.publisher.url or None,
        feed_guid=self_url,
        feed_copyright=feed.rights or None,
        self_url=self_url,
        # An empty feed without a fallback date is new, as feedgenerator would say.
        updated=when(feed.updated or timezone.now()),
    )
    for item in feed.items:
        enclosures = None
        if enclosure := item.enclosure:
            # feedgenerator writes attributes as given, and the length is an int.
            length = str(enclosure.length)
            enclosures = [feedgenerator.Enclosure(enclosure.url, length, enclosure.mime_type)]
        generator.add_item(
            title=item.title,
            link=item.url,
            description=item.summary,
            unique_id=item.id,
            unique_id_is_permalink=item.id == item.url,
            pubdate=when(item.published),
            updateddate=when(item.updated),
            enclosures=enclosures,
            entry=item,
        )
    return generator.writeString("utf-8")


def write_rss(feed):
    return _write_xml(NashraRssFeed, feed, "rss", _utc)


def write_atom(feed):
    return _write_xml(NashraAtomFeed, feed, "atom", _utc_seconds_naive)


def _json_person(person):
    return {"name": person.name, **({"url": person.url} if person.url else {})}


def _json_item(item, language):
    data = {"id": item.id, "url": item.url, "title": item.title, "summary": item.summary}
    if item.content_html:
        data["content_html"] = item.content_html
    else:
        data["content_text"] = item.summary
    if item.enclosure:
        data["image"] = item.enclosure.url
        data["attachments"] = [
            {
                "url": item.enclosure.url,
                "mime_type": item.enclosure.mime_type,
                "size_in_bytes": item.enclosure.length,
            }
        ]
    data["date_published"] = rfc3339(item.published)
    data["date_modified"] = rfc3339(item.updated)
    if item.authors:
        data["authors"] = [_json_person(author) for author in item.authors]
    if item.categories:
        data["tags"] = [category.term for category in item.categories]
    data["language"] = language
    return data


def write_json(feed):
    data = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.link,
        "feed_url": feed.self_urls["json"],
        "description": feed.description,
        "language": feed.language,
        "authors": [_json_person(feed.publisher)],
        "items": [_json_item(item, feed.language) for item in feed.items],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


WRITERS = {"rss": write_rss, "atom": write_atom, "json": write_json}
