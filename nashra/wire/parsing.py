"""Read a partner's feed, RSS 2.0, Atom or JSON Feed 1.0/1.1, into entries of one shape.

feedparser reads RSS and Atom (given the bytes, never an address or a file name); it does
not read JSON Feed, which is read here. Every HTML part goes through the ingest sanitizer.
"""

import html
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from nashra.ingest.html import collapse, first_sentences, html_to_text, looks_like_html, sanitize

JSON_FEED_VERSION = "https://jsonfeed.org/version/"
BOM_AND_SPACE = b"\xef\xbb\xbf \t\r\n"
# "jane@example.org (Jane Doe)", the RSS way of naming an author.
EMAIL_WITH_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
EMAIL = re.compile(r"^\S+@\S+$")
GUID_LIMIT = 1000
TITLE_LIMIT = 500
SUMMARY_LIMIT = 2000


class FeedError(Exception):
    """The answer is not a feed this desk reads; the message is for the editor."""


@dataclass
class Entry:
    guid: str
    title: str
    link: str = ""
    summary: str = ""  # plain text
    body: str = ""  # sanitized HTML
    language: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    authors: list[str] = field(default_factory=list)

    @property
    def text(self):
        """The story's words, for recognising it in another feed."""
        return html_to_text(self.body) if self.body else self.summary

    @property
    def dated(self):
        return self.updated_at or self.published_at


@dataclass
class ParsedFeed:
    language: str
    entries: list[Entry]


def primary_language(tag):
    """Return the language of a tag ("ar-SA" → "ar"), lower case; "" for none."""
    tag = (tag or "").strip().replace("_", "-")
    return tag.split("-", 1)[0].lower()[:16] if tag else ""


def parse_feed(body, content_type="", url=""):
    if _looks_like_json(body, content_type):
        return parse_json_feed(body)
    return parse_xml_feed(body, content_type, url)


def _looks_like_json(body, content_type):
    return "json" in content_type.lower() or body.lstrip(BOM_AND_SPACE)[:1] in (b"{", b"[")


def parse_xml_feed(body, content_type="", url=""):
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url  # relative links are read against the feed's address
    # A file-like object: feedparser opens a string that looks like a path or an address.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedError(
            _("not an RSS, Atom or JSON feed (%(problem)s)")
            % {"problem": str(problem)[:200] if problem else _("no entries")}
        )
    feed = parsed.get("feed", {})
    language = primary_language(feed.get("language") or _detail_language(feed, "title_detail"))
    entries = [entry for raw in parsed.entries if (entry := _xml_entry(raw))]
    return ParsedFeed(language, entries)


def _detail_language(raw, *names):
    for name in names:
        detail = raw.get(name)
        if isinstance(detail, dict) and detail.get("language"):
            return detail["language"]
    return ""


def _xml_entry(raw):
    contents = raw.get("content") or []
    content = next((c for c in contents if "html" in c.get("type", "")), None) or (
        contents[0] if contents else None
    )
    summary = raw.get("summary", "")
    title_detail = raw.get("title_detail") or {}
    title = raw.get("title", "")
    if "html" in title_detail.get("type", ""):
        title = html_to_text(title)
    language = _detail_language(raw, "title_detail", "summary_detail")
    if content:
        language = content.get("language") or language
    return _entry(
        guid=raw.get("id") or raw.get("link") or "",
        link=raw.get("link", ""),
        title=title,
        summary_html=summary,
        body_html=_as_html(content.get("value", ""), content.get("type", "")) if content else "",
        language=language,
        published_at=_struct_time(raw.get("published_parsed")),
        updated_at=_struct_time(dict.get(raw, "updated_parsed")),  # no fallback to published
        authors=[author.get("name", "") for author in raw.get("authors") or []]
        or [raw.get("author", "")],
    )


def _as_html(value, content_type):
    if "html" in content_type or looks_like_html(value):
        return value
    return text_to_html(value)


def _struct_time(value):
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def parse_json_feed(body):
    try:
        data = json.loads(body)
    except ValueError as error:
        raise FeedError(
            _("not valid JSON (%(problem)s)") % {"problem": str(error)[:200]}
        ) from error
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_VERSION):
        raise FeedError(_("JSON, but not a JSON Feed (no jsonfeed.org version)"))
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError(_("a JSON Feed without items"))
    feed_authors = _json_authors(data)
    entries = []
    for item in items:
        if not isinstance(item, dict) or item.get("id") in (None, ""):
            continue  # "id" is required; without it an item cannot be told from another
        content_html = _string(item.get("content_html"))
        entry = _entry(
            guid=str(item["id"]),
            link=_string(item.get("url")) or _string(item.get("external_url")),
            title=_string(item.get("title")),
            summary_html=html.escape(_string(item.get("summary")), quote=False),
            body_html=content_html or text_to_html(_string(item.get("content_text"))),
            language=_string(item.get("language")),
            published_at=_json_date(item.get("date_published")),
            updated_at=_json_date(item.get("date_modified")),
            authors=_json_authors(item) or feed_authors,
        )
        if entry:
            entries.append(entry)
    return ParsedFeed(primary_language(_string(data.get("language"))), entries)


def _string(value):
    return value if isinstance(value, str) else ""


def _json_authors(obj):
    """Authors of a JSON Feed item or feed: 1.1's "authors" list, or 1.0's "author"."""
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj.get("author")]
    return [
        author["name"]
        for author in authors
        if isinstance(author, dict) and _string(author.get("name"))
    ]


def _json_date(value):
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def text_to_html(text):
    """Return plain text as HTML paragraphs (split on blank lines), escaped."""
    paragraphs = [collapse(chunk) for chunk in re.split(r"\n\s*\n", text or "")]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def _entry(
    *, guid, link, title, summary_html, body_html, language, published_at, updated_at, authors
):
    """Return an Entry from a feed's raw parts, or None when it has neither headline nor words."""
    body = sanitize(body_html or summary_html or "")
    text = html_to_text(body)
    summary = html_to_text(summary_html) if summary_html and body_html else ""
    summary = summary[:SUMMARY_LIMIT] or first_sentences(text)
    title = collapse(title)[:TITLE_LIMIT] or first_sentences(text, count=1, max_chars=120)
    if not title:
        return None
    link = link.strip() if link.strip().lower().startswith(("http://", "https://")) else ""
    return Entry(
        guid=(guid.strip() or link or title)[:GUID_LIMIT],
        title=title,
        link=link[:1000],
        summary=summary,
        body=body,
        language=primary_language(language),
        published_at=published_at,
        updated_at=updated_at,
        authors=_author_names(authors),
    )


def _author_names(values):
    names = []
    for value in values:
        value = collapse(value or "")
        if match := EMAIL_WITH_NAME.match(value):
            value = match["name"].strip()
        if value and not EMAIL.match(value) and value not in names:
            names.append(value[:255])
    return names[:20]
