"""Write a Feed as RSS 2.0, Atom 1.0 (RFC 4287) or JSON Feed 1.1; each returns UTF-8 bytes."""

import json
import xml.etree.ElementTree as ET
from datetime import UTC
from email.utils import format_datetime

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

for _prefix, _uri in (("atom", ATOM_NS), ("content", CONTENT_NS), ("dc", DC_NS)):
    ET.register_namespace(_prefix, _uri)


def rfc822(value):
    return format_datetime(value.astimezone(UTC), usegmt=True)


def rfc3339(value):
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def _serialize(root):
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_rss(feed):
    rss = ET.Element("rss", version="2.0")
    channel = _add(rss, "channel")
    _add(channel, "title", feed.title)
    _add(channel, "link", feed.link)
    _add(channel, "description", feed.description)
    _add(channel, "language", feed.language)
    if feed.rights:
        _add(channel, "copyright", feed.rights)
    if feed.updated:
        _add(channel, "lastBuildDate", rfc822(feed.updated))
    _add(
        channel,
        f"{{{ATOM_NS}}}link",
        href=feed.self_urls["rss"],
        rel="self",
        type="application/rss+xml",
    )
    for item in feed.items:
        entry = _add(channel, "item")
        _add(entry, "title", item.title)
        _add(entry, "link", item.url)
        _add(entry, "guid", item.id, isPermaLink=str(item.id == item.url).lower())
        _add(entry, "description", item.summary)
        if item.content_html:
            _add(entry, f"{{{CONTENT_NS}}}encoded", item.content_html)
        for author in item.authors:
            _add(entry, f"{{{DC_NS}}}creator", author.name)
        for category in item.categories:
            attributes = {"domain": category.scheme} if category.scheme else {}
            _add(entry, "category", category.term, **attributes)
        if item.enclosure:
            enclosure = item.enclosure
            _add(entry, "enclosure", url=enclosure.url, length=enclosure.length,
                 type=enclosure.mime_type)  # fmt: skip
        _add(entry, "pubDate", rfc822(item.published))
    return _serialize(rss)


def _atom_person(parent, tag, person):
    element = _add(parent, tag)
    _add(element, "name", person.name)
    if person.url:
        _add(element, "uri", person.url)


def write_atom(feed):
    # Atom's namespace is declared as the default one, so elements need no prefix.
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: feed.language})
    _add(root, "id", feed.self_urls["atom"])
    _add(root, "title", feed.title, type="text")
    _add(root, "subtitle", feed.description, type="text")
    _add(root, "updated", rfc3339(feed.updated))
    _add(root, "link", rel="alternate", type="text/html", href=feed.link)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_urls["atom"])
    _atom_person(root, "author", feed.publisher)
    if feed.rights:
        _add(root, "rights", feed.rights, type="text")
    for item in feed.items:
        entry = _add(root, "entry")
        _add(entry, "id", item.id)
        _add(entry, "title", item.title, type="text")
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        _add(entry, "published", rfc3339(item.published))
        _add(entry, "updated", rfc3339(item.updated))
        for author in item.authors:
            _atom_person(entry, "author", author)
        for category in item.categories:
            attributes = {"scheme": category.scheme} if category.scheme else {}
            _add(entry, "category", term=category.term, **attributes)
        _add(entry, "summary", item.summary, type="text")
        if item.content_html:
            _add(entry, "content", item.content_html, type="html")
        if item.enclosure:
            enclosure = item.enclosure
            _add(entry, "link", rel="enclosure", type=enclosure.mime_type,
                 length=enclosure.length, href=enclosure.url)  # fmt: skip
    return _serialize(root)


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
