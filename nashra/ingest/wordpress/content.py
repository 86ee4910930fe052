"""A WordPress post's content as the blocks of an article body.

WordPress stores content in three dialects, often mixed in one archive: classic-editor text
whose paragraphs are blank lines (WordPress adds the <p> tags only when it shows a post),
block-editor HTML wrapped in ``<!-- wp:… -->`` comments, and shortcodes (``[caption]``,
``[gallery]``, ``[embed]``). Media become image, gallery and video blocks; everything else goes
through the wire's sanitizer (nashra/ingest/html.py), so nothing a reader sees escaped it.
"""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from django.utils.translation import gettext as _
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText

from ..html import first_sentences, html_to_blocks, html_to_text

BLOCK_COMMENT = re.compile(
    r"<!--\s*(/?)wp:([a-z0-9-]+(?:/[a-z0-9-]+)?)(\s+(\{.*?\}))?\s*(/?)-->", re.DOTALL
)
EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[a-z0-9-]+)?\s+(\{.*?\})\s*-->.*?<!--\s*/wp:(?:core-)?embed"
    r"(?:/[a-z0-9-]+)?\s*-->",
    re.DOTALL,
)
MORE = re.compile(r"<!--more(.*?)?-->")
NEXTPAGE = re.compile(r"<!--nextpage-->")
SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)((?:\s[^\]]*?)?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.DOTALL
)
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\']+))')
ENCLOSING = {"caption", "wp_caption", "embed", "video", "audio"}
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|"
    "header|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*<(?:{BLOCK_TAGS})[\s>/]", re.IGNORECASE)
HAS_BLOCK_MARKUP = re.compile(rf"<(?:{BLOCK_TAGS})[\s>/]", re.IGNORECASE)
ATTACHMENT_CLASS = re.compile(r"\bwp-image-(\d+)\b")
VIDEO_HOSTS = {"youtube.com", "youtu.be", "vimeo.com", "player.vimeo.com"}


@dataclass
class Converted:
    blocks: list
    teaser: str = ""  # the text before <!--more-->, a lead when the post has no excerpt
    notes: Counter = field(default_factory=Counter)  # what was left out or kept as text


class Converter:
    """Turn content into blocks; ``find_image(attachment_id, url)`` returns an image or None."""

    def __init__(self, find_image, gallery_of_post=None, standard_page=False):
        self.find_image = find_image
        self.gallery_of_post = gallery_of_post or (lambda: [])
        self.standard_page = standard_page  # a standard page's body has no gallery or video

    def convert(self, content):
        notes = Counter()
        content = _embed_blocks(content)
        content = _block_comments(content, notes)
        teaser = ""
        if match := MORE.search(content):
            teaser = first_sentences(html_to_text(_autop(content[: match.start()])), count=3)
            content = content[: match.start()] + content[match.end() :]
        if NEXTPAGE.search(content):
            notes[_("pages of a paged post (<!--nextpage-->) joined into one")] += 1
            content = NEXTPAGE.sub("\n\n", content)
        content = _shortcodes(content, notes)
        content = BARE_URL_LINE.sub(lambda m: _embed_marker(m[1]), content)
        content = _autop(content)
        blocks = self._blocks(content, notes)
        return Converted(blocks, teaser, notes)

    def _blocks(self, content, notes):
        soup = BeautifulSoup(content, "html.parser")
        blocks, pending = [], []

        def flush():
            if pending:
                blocks.extend(html_to_blocks("".join(pending)))
                pending.clear()

        for node in list(soup.contents):
            media = _media_in(node)
            if not media:
                pending.append(str(node))
                continue
            for found in media:
                found.extract()
            if isinstance(node, Tag) and node not in media and node.get_text(strip=True):
                pending.append(str(node))
            flush()
            for found in media:
                blocks.extend(self._media_blocks(found, notes))
        flush()
        return _merge_paragraphs(blocks)

    def _media_blocks(self, element, notes):
        if element.has_attr("data-wp-gallery"):
            figures = self._gallery(element["data-wp-gallery"], notes)
            if len(figures) >= 2 and not self.standard_page:
                return [("gallery", {"title": "", "images": figures})]
            return [("image", figure) for figure in figures]
        if element.has_attr("data-wp-embed"):
            return self._embed(element["data-wp-embed"], element.get("data-caption", ""), notes)
        if element.name == "figure" and "wp-block-gallery" in element.get("class", []):
            figures = [f for img in element.find_all("img") if (f := self._figure(img, notes))]
            if len(figures) >= 2 and not self.standard_page:
                return [("gallery", {"title": "", "images": figures})]
            return [("image", figure) for figure in figures]
        if element.name == "figure" and "wp-block-embed" in element.get("class", []):
            url = element.get_text(" ", strip=True).split(" ")[0]
            return self._embed(url, "", notes) if url else []
        image = element if element.name == "img" else element.find("img")
        if image is None:
            return []
        caption = element.get("data-caption") or _figcaption(element)
        figure = self._figure(image, notes, caption)
        return [("image", figure)] if figure else []

    def _figure(self, img, notes, caption=""):
        attachment_id = img.get("data-id") or ""
        if not attachment_id and (match := ATTACHMENT_CLASS.search(" ".join(img.get("class", [])))):
            attachment_id = match[1]
        image = self.find_image(_int(attachment_id), img.get("src", ""))
        if image is None:
            notes[_("pictures not found, left out")] += 1
            return None
        caption = caption or img.get("alt", "")
        return {"image": image, "caption": caption[:500], "credit": ""}

    def _gallery(self, ids, notes):
        if ids == "attached":
            images = self.gallery_of_post()
        else:
            images = [self.find_image(_int(i), "") for i in ids.split(",") if i.strip()]
            if missing := sum(1 for image in images if image is None):
                notes[_("pictures not found, left out")] += missing
        return [{"image": image, "caption": "", "credit": ""} for image in images if image]

    def _embed(self, url, caption, notes):
        host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
        if host in VIDEO_HOSTS and not self.standard_page:
            return [("video", {"video": EmbedValue(url), "caption": caption[:500]})]
        notes[_("embeds kept as links")] += 1
        link = html.escape(url, quote=True)
        return [("paragraph", RichText(f'<p><a href="{link}">{html.escape(url)}</a></p>'))]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _embed_blocks(content):
    """Replace a block-editor embed by a marker carrying its URL (its wrapper holds only text)."""

    def replace(match):
        try:
            url = json.loads(match[1]).get("url", "")
        except (ValueError, AttributeError):
            url = ""
        return _embed_marker(url) if url else ""

    return EMBED_BLOCK.sub(replace, content)


def _block_comments(content, notes):
    """Remove the block editor's comments; note the dynamic blocks that only PHP could render."""

    def replace(match):
        closing, name, self_closing = match[1], match[2], match[5]
        if self_closing and not closing:
            notes[_("dynamic blocks left out (%(name)s)") % {"name": f"wp:{name}"}] += 1
        return "\n\n"

    return BLOCK_COMMENT.sub(replace, content)


def _attributes(text):
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTRIBUTE.finditer(text or "")}


def _shortcodes(content, notes):
    def replace(match):
        escaped_open, name, attrs, _slash, inner, escaped_close = match.groups()
        whole = match[0]
        if escaped_open and escaped_close:
            return html.escape(whole[1:-1], quote=False)  # [[gallery]] shows "[gallery]"
        name = name.lower()
        attributes = _attributes(attrs)
        inner = inner or ""
        if name in {"caption", "wp_caption"}:
            return _caption(attributes, inner)
        if name == "gallery":
            ids = attributes.get("ids") or attributes.get("include") or "attached"
            return f'\n\n<figure data-wp-gallery="{html.escape(ids, quote=True)}"></figure>\n\n'
        if name == "embed":
            return _embed_marker(inner.strip() or attributes.get("src", ""))
        if name in {"video", "audio"}:
            url = attributes.get("src") or next(
                (v for k, v in attributes.items() if k in {"mp4", "webm", "mp3", "ogg"}), ""
            )
            return _embed_marker(url) if url else ""
        notes[_("unknown shortcodes kept as text (%(name)s)") % {"name": f"[{name}]"}] += 1
        return html.escape(whole, quote=False)

    return SHORTCODE.sub(replace, content)


def _caption(attributes, inner):
    """A [caption] is an image (maybe in a link) followed by its caption text."""
    soup = BeautifulSoup(inner, "html.parser")
    image = soup.find("img")
    if image is None:
        return inner
    if match := re.match(r"attachment_(\d+)", attributes.get("id", "")):
        image["data-id"] = match[1]
    (image.find_parent("a") or image).extract()
    caption = attributes.get("caption") or soup.get_text(" ", strip=True)
    figure = BeautifulSoup("<figure></figure>", "html.parser").figure
    figure["data-caption"] = caption
    figure.append(image)
    return f"\n\n{figure}\n\n"


def _embed_marker(url):
    return f'\n\n<figure data-wp-embed="{html.escape(url, quote=True)}"></figure>\n\n'


def _figcaption(element):
    caption = element.find("figcaption") if isinstance(element, Tag) else None
    return caption.get_text(" ", strip=True) if caption else ""


def _media_in(node):
    """Return the media elements in a top-level node: markers, figures of images, lone images."""
    if not isinstance(node, Tag):
        return []
    if _is_media(node):
        return [node]
    found = []
    for element in node.find_all(["figure", "img"]):
        if _is_media(element) and not any(element in f.descendants for f in found):
            found.append(element)
    return found


def _is_media(element):
    if element.name == "img":
        return True
    if element.name != "figure":
        return False
    return (
        element.has_attr("data-wp-gallery")
        or element.has_attr("data-wp-embed")
        or "wp-block-embed" in element.get("class", [])
        or element.find("img") is not None
    )


def _autop(content):
    """Wrap classic-editor paragraphs (blank-line separated) in <p>, as WordPress shows them."""
    if not content.strip():
        return ""
    chunks = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk) or (
            HAS_BLOCK_MARKUP.search(chunk) and chunk.startswith("<")
        ):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br/>", chunk) + "</p>")
    return "\n".join(out)


def _merge_paragraphs(blocks):
    """Join neighbouring paragraph blocks, which cutting around media can leave apart."""
    merged = []
    for block in blocks:
        if merged and block[0] == "paragraph" and merged[-1][0] == "paragraph":
            merged[-1] = ("paragraph", RichText(merged[-1][1].source + block[1].source))
        else:
            merged.append(block)
    return merged
