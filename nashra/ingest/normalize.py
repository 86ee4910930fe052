"""Read a valid ninjs document of any generation into one NinjsItem.

The generations spell the same things differently: 1.x ``headline`` / ``body_html`` / ``byline``
/ ``subject`` / ``infosource``, 2.x ``headlines`` / ``bodies`` / ``by`` / ``subjects`` /
``infosources``, 3.x the same arrays with camelCase names (``versionCreated``, ``contentType``,
``infoSources``). Every reader below accepts all spellings; the schema already said which apply.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .errors import IngestError
from .html import collapse, first_sentences, html_to_text, looks_like_html

ARTICLE_TYPES = {"text", "composite"}
CREDIT_NAMES = (
    "copyrightholder",
    "copyrightHolder",
    "by",
    "byline",
    "copyrightnotice",
    "copyrightNotice",
)
LEAD_ROLES = ("summary", "abstract", "lead", "standfirst", "teaser", "main", "text", "")
BYLINE_PREFIX = re.compile(r"^\s*(by|von|par|por|door|av|af|di|بقلم|كتب)\s*:?\s+", re.IGNORECASE)
BYLINE_SEPARATOR = re.compile(r"\s*(?:[,;&/،؛]|\s(?:and|und|og|och|et|y|و)\s)\s*", re.IGNORECASE)


@dataclass
class SourceRef:
    name: str
    url: str = ""


@dataclass
class Picture:
    uri: str
    href: str
    caption: str
    credit: str
    headline: str

    @property
    def is_remote(self):
        return urlsplit(self.href).scheme.lower() in {"http", "https"}


@dataclass
class NinjsItem:
    uri: str
    version: str
    type: str
    language: str
    headline: str
    lead: str
    body_html: str = ""
    body_text: str = ""
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    topics: list[str] = field(default_factory=list)
    # Subject uris by name: the same uri in two editions makes the topics translations.
    topic_uris: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    @property
    def is_article(self):
        return self.type in ARTICLE_TYPES


@dataclass
class TextPart:
    """One headline, description or body: a value with its role and content type."""

    role: str
    content_type: str
    value: str

    @property
    def kind(self):
        if "html" in self.content_type or "html" in self.role:
            return "html"
        if self.content_type and self.content_type != "text/plain":
            return "other"  # XML flavours (NITF…), which no article shows
        return "html" if not self.content_type and looks_like_html(self.value) else "text"

    @property
    def text(self):
        return html_to_text(self.value) if self.kind != "text" else collapse(self.value)


def normalize(document, version):
    """Return a NinjsItem for a document that its version's schema accepted."""
    bodies = [part for part in _text_parts(document, "bodies", "body") if part.kind != "other"]
    html_body = _by_role([part for part in bodies if part.kind == "html"], ("main",))
    text_body = _by_role([part for part in bodies if part.kind == "text"], ("main",))
    headline = _by_role(_text_parts(document, "headlines", "headline"), ("main",))
    descriptions = [
        part
        for part in _text_parts(document, "descriptions", "description")
        if part.kind != "other" and part.role != "creditline"
    ]
    description = _by_role(descriptions, LEAD_ROLES)
    item = NinjsItem(
        uri=document["uri"].strip(),
        version=version,
        type=document.get("type") or "text",
        language=document.get("language") or "",
        headline=headline.text if headline else "",
        lead=description.text if description else "",
        body_html=html_body.value if html_body else "",
        body_text="" if html_body or not text_body else text_body.value,
        first_created=_datetime(document, "firstcreated", "firstCreated"),
        version_created=_datetime(document, "versioncreated", "versionCreated"),
        embargoed_until=_datetime(document, "embargoed", "embargoedUntil"),
        topics=_unique(
            entry["name"]
            for entry in _first(document, "subjects", "subject") or []
            if isinstance(entry.get("name"), str)
        ),
        topic_uris={
            collapse(entry["name"]).casefold(): entry["uri"].strip()
            for entry in _first(document, "subjects", "subject") or []
            if isinstance(entry.get("name"), str) and isinstance(entry.get("uri"), str)
        },
        sources=_sources(document),
        pictures=_pictures(document),
    )
    item.authors = split_byline(_first(document, "by", "byline") or "", item.sources)
    if not item.lead:
        body = html_to_text(item.body_html) if item.body_html else item.body_text
        item.lead = first_sentences(body) or item.headline
    return item


def split_byline(byline, sources=()):
    """Return the people a by-line names, leaving out "By" and agency names that are sources."""
    agencies = {source.name.casefold() for source in sources}
    names = BYLINE_SEPARATOR.split(BYLINE_PREFIX.sub("", collapse(byline)))
    return _unique(name[:255] for name in names if name and name.casefold() not in agencies)


def _first(document, *names):
    for name in names:
        if document.get(name) not in (None, "", [], {}):
            return document[name]
    return None


def _unique(values):
    seen, result = set(), []
    for value in values:
        value = collapse(value)
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


def _text_parts(document, array_name, flat_name):
    """Return the parts of a 2.x/3.x array (bodies…) or of 1.x flat names (body_html…)."""
    parts = []
    for entry in document.get(array_name) or []:
        if isinstance(entry.get("value"), str):
            content_type = entry.get("contenttype") or entry.get("contentType") or ""
            parts.append(
                TextPart((entry.get("role") or "").lower(), content_type.lower(), entry["value"])
            )
    if isinstance(document.get(flat_name), str):
        parts.append(TextPart("main", "", document[flat_name]))
    for key, value in document.items():
        if key.startswith(flat_name + "_") and isinstance(value, str):
            role = key.removeprefix(flat_name + "_").lower()
            content_type = "text/plain" if role == "text" else ""
            parts.append(TextPart(role, content_type, value))
    return [part for part in parts if part.value.strip()]


def _by_role(parts, roles):
    for role in roles:
        for part in parts:
            if part.role == role:
                return part
    return parts[0] if parts else None


def _datetime(document, *names):
    value = _first(document, *names)
    if value is None:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise IngestError(
            _("“%(name)s” is not a date and time: %(value)s") % {"name": names[0], "value": value}
        )
    return timezone.make_aware(parsed, UTC) if timezone.is_naive(parsed) else parsed


def _sources(document):
    sources = []
    for entry in _first(document, "infosources", "infoSources", "infosource") or []:
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            uri = entry.get("uri") or ""
            url = uri if urlsplit(uri).scheme in {"http", "https"} else ""
            sources.append(SourceRef(collapse(entry["name"])[:255], url))
    holder = _first(document, "copyrightholder", "copyrightHolder")
    if not sources and isinstance(holder, str) and holder.strip():
        sources.append(SourceRef(collapse(holder)[:255]))
    return sources


def _pictures(document):
    associations = document.get("associations") or []
    if isinstance(associations, dict):  # 1.x: an object keyed by association name
        associations = list(associations.values())
    pictures = []
    for association in associations:
        if association.get("type") != "picture":
            continue
        href = _best_rendition(association)
        if not href:
            continue
        descriptions = _text_parts(association, "descriptions", "description")
        caption = _by_role([d for d in descriptions if d.role != "creditline"], ("caption",))
        headline = _by_role(_text_parts(association, "headlines", "headline"), ("main",))
        credit = _first(association, *CREDIT_NAMES)
        if not credit:
            credit_line = _by_role([d for d in descriptions if d.role == "creditline"], ())
            credit = credit_line.text if credit_line else ""
        pictures.append(
            Picture(
                uri=association.get("uri") or "",
                href=href,
                caption=caption.text if caption else "",
                credit=collapse(credit),
                headline=headline.text if headline else "",
            )
        )
    return pictures


def _best_rendition(association):
    """Return the href of the largest image rendition, a local file preferred to a web address."""
    renditions = association.get("renditions") or []
    if isinstance(renditions, dict):  # 1.x: an object keyed by rendition name
        renditions = list(renditions.values())
    local, remote = [], []
    for rendition in renditions:
        href = rendition.get("href")
        content_type = rendition.get("contenttype") or rendition.get("contentType") or ""
        content_type = content_type or rendition.get("mimetype") or ""
        if not href or (content_type and not content_type.startswith("image/")):
            continue
        scheme = urlsplit(href).scheme.lower()
        if scheme in {"http", "https"}:
            remote.append(rendition)
        elif scheme in {"", "file"}:
            local.append(rendition)
    candidates = local or remote
    if not candidates:
        return ""
    return max(candidates, key=lambda r: (r.get("width") or 0) * (r.get("height") or 0))["href"]
