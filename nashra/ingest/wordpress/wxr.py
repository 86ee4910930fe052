"""Read a WordPress export (WXR 1.0–1.2) as a stream: an export of any size in little memory.

The file is parsed by defusedxml, so a document that declares entities (the "billion laughs")
or points at external ones (``file:///etc/passwd``) is refused before anything is expanded.
Each <item> is handed over, then dropped from the tree.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.utils.translation import gettext as _

from ..errors import IngestError

NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/(excerpt/)?$")
ZERO_DATE = "0000-00-00 00:00:00"


@dataclass
class Site:
    title: str = ""
    link: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    login: str
    display_name: str
    email: str = ""


@dataclass
class Term:
    """A category or a tag: its slug is decoded (WordPress percent-encodes Arabic ones)."""

    taxonomy: str
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Item:
    """One <item>: a post, a page, an attachment, or a type the importer leaves out."""

    id: int
    type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    parent: int = 0
    date: str = ""
    date_gmt: str = ""
    modified_gmt: str = ""
    sticky: bool = False
    password: str = ""
    attachment_url: str = ""
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0

    @property
    def label(self):
        return f"{self.type} {self.id}"


def _key(tag):
    """Return "wp:post_id", "content:encoded", "excerpt:encoded", "title"… for an element tag."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if match := WP_NAMESPACE.match(namespace):
        return f"{'excerpt' if match[2] else 'wp'}:{local}"
    prefix = NAMESPACES.get(namespace)
    return f"{prefix}:{local}" if prefix else local


def _text(element, name):
    for child in element:
        if _key(child.tag) == name:
            return (child.text or "").strip() if name != "content:encoded" else child.text or ""
    return ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _slug(value):
    return unquote(value.strip())


def _author(element):
    return Author(
        login=_text(element, "wp:author_login"),
        display_name=_text(element, "wp:author_display_name") or _text(element, "wp:author_login"),
        email=_text(element, "wp:author_email"),
    )


def _category(element):
    return Term(
        "category",
        slug=_slug(_text(element, "wp:category_nicename")),
        name=_text(element, "wp:cat_name"),
        parent=_slug(_text(element, "wp:category_parent")),
        description=_text(element, "wp:category_description"),
    )


def _tag(element):
    return Term(
        "post_tag",
        slug=_slug(_text(element, "wp:tag_slug")),
        name=_text(element, "wp:tag_name"),
        description=_text(element, "wp:tag_description"),
    )


def _item(element):
    item = Item(
        id=_int(_text(element, "wp:post_id")),
        type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status") or "publish",
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        creator=_text(element, "dc:creator"),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        slug=_slug(_text(element, "wp:post_name")),
        parent=_int(_text(element, "wp:post_parent")),
        date=_text(element, "wp:post_date"),
        date_gmt=_text(element, "wp:post_date_gmt"),
        modified_gmt=_text(element, "wp:post_modified_gmt"),
        sticky=_text(element, "wp:is_sticky") == "1",
        password=_text(element, "wp:post_password"),
        attachment_url=_text(element, "wp:attachment_url"),
    )
    for child in element:
        key = _key(child.tag)
        if key == "category":
            term = Term(
                child.get("domain", ""),
                slug=_slug(child.get("nicename", "")),
                name=(child.text or "").strip(),
            )
            if term.taxonomy == "category":
                item.categories.append(term)
            elif term.taxonomy == "post_tag":
                item.tags.append(term)
        elif key == "wp:postmeta":
            meta_key = _text(child, "wp:meta_key")
            if meta_key:
                item.meta[meta_key] = _text(child, "wp:meta_value")
        elif key == "wp:comment":
            item.comments += 1
    return item


CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "language": "language",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}
READERS = {"wp:author": _author, "wp:category": _category, "wp:tag": _tag}


def read_export(path):
    """Yield what the export holds, in file order: a Site first, then Authors, Terms and Items.

    Raises IngestError naming the line and column of the first problem: XML that is not well
    formed, entities, or a file that is no WordPress export.
    """
    site = Site()
    channel = None
    depth = 0
    seen_rss = False
    try:
        events = iterparse(str(path), events=("start", "end"))
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    seen_rss = _key(element.tag) == "rss"
                    if not seen_rss:
                        raise IngestError(
                            _("%(path)s is not a WordPress export (its root is <%(root)s>)")
                            % {"path": path, "root": _key(element.tag)}
                        )
                elif depth == 2 and _key(element.tag) == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            key = _key(element.tag)
            if key in CHANNEL_FIELDS and site is not None:
                setattr(site, CHANNEL_FIELDS[key], (element.text or "").strip())
                continue
            if key == "item":
                if site is not None:
                    yield site
                    site = None
                yield _item(element)
            elif key in READERS:
                yield READERS[key](element)
            channel.remove(element)  # keep memory flat: what was read is dropped
        if site is not None:
            yield site
    except DefusedXmlException as error:
        raise IngestError(
            _("%(path)s declares XML entities (%(error)s); an export never needs them, refused")
            % {"path": path, "error": error}
        ) from error
    except ParseError as error:
        line, column = error.position
        raise IngestError(
            _("%(path)s, line %(line)d, column %(column)d: the XML is broken (%(error)s)")
            % {"path": path, "line": line, "column": column, "error": _reason(error)}
        ) from error
    except OSError as error:
        raise IngestError(
            _("%(path)s cannot be read (%(error)s)") % {"path": path, "error": error.strerror}
        ) from error


def _reason(error):
    return str(error).split(":", 1)[0]


def local_datetime_text(value):
    """Return a WXR date, or "" for WordPress's "no date" (0000-00-00 00:00:00)."""
    return "" if not value or value.startswith("0000-00-00") else value


@dataclass
class Export:
    """What the first pass keeps of an export."""

    site: Site
    authors: dict[str, Author]
    categories: list[Term]
    tags: list[Term]
    attachments: dict[int, Item]
    types: Counter
    offsets: Counter  # local time minus UTC, as the dated items show it


def scan(path):
    site, authors, categories, tags = Site(), {}, [], []
    attachments, types, offsets = {}, Counter(), Counter()
    for thing in read_export(path):
        if isinstance(thing, Site):
            site = thing
        elif isinstance(thing, Author):
            authors[thing.login] = thing
        elif isinstance(thing, Term):
            (categories if thing.taxonomy == "category" else tags).append(thing)
        elif isinstance(thing, Item):
            types[thing.type] += 1
            if thing.type == "attachment":
                thing.content = ""  # kept for its URL, file and caption only
                attachments[thing.id] = thing
            if (offset := _offset(thing)) is not None:
                offsets[offset] += 1
    return Export(site, authors, categories, tags, attachments, types, offsets)


def parse_date(value):
    value = local_datetime_text(value)
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _offset(item):
    local, utc = parse_date(item.date), parse_date(item.date_gmt)
    if local is None or utc is None:
        return None
    return round((local - utc).total_seconds() / 900) * 900  # whole quarter hours
