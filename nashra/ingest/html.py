"""Wire HTML made safe, and cut into the blocks of an article body.

Every piece of HTML from a wire goes through nh3 first; the block builder then only ever sees
the tags listed here, and writes rich text in Wagtail's database format (b, i, a href, lists).
"""

import html
import re

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from wagtail.rich_text import RichText

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "cite",
    "figure",
    "figcaption",
}
# Removed with everything inside them. A body's h1 is the headline again: the page prints its own.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "head",
    "title",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "video",
    "audio",
    "canvas",
    "textarea",
    "select",
    "button",
    "h1",
}
CLEANER_OPTIONS = {
    "clean_content_tags": DROPPED_WITH_CONTENT,
    "attributes": {"a": {"href"}},
    "url_schemes": {"http", "https", "mailto"},
    "url_relative": "deny",
    # No rel: links open in the same tab, and the site's Referrer-Policy already applies.
    "link_rel": None,
    "strip_comments": True,
}
CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS, **CLEANER_OPTIONS)
# <footer> survives only until a quote's attribution is read from it; no block stores it.
BLOCK_CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS | {"footer"}, **CLEANER_OPTIONS)

HEADINGS = {"h2", "h3", "h4"}
LISTS = {"ul", "ol"}
BOLD = {"b", "strong"}
ITALIC = {"i", "em"}
LOOKS_LIKE_HTML = re.compile(r"<(/?[a-zA-Z][\w-]*|!--|!\[CDATA\[)[^>]*>")
BLOCK_END = re.compile(r"(</(?:p|li|h[2-4]|blockquote|figcaption|footer)>|<(?:br\s*/?|ul|ol)>)")
SENTENCE_END = re.compile(r"(?<=[.!?؟。！？])\s+")
DASHES = " \t\n—–―-"


def sanitize(value):
    """Return the HTML with only the allowed tags, http(s)/mailto links and no comments."""
    return CLEANER.clean(value)


def looks_like_html(value):
    return bool(LOOKS_LIKE_HTML.search(value))


def collapse(value):
    return re.sub(r"\s+", " ", value).strip()


def html_to_text(value):
    """Return the text of an HTML fragment on one line, script and style content left out."""
    cleaned = BLOCK_END.sub(r"\1 ", sanitize(value))
    return collapse(BeautifulSoup(cleaned, "html.parser").get_text())


def first_sentences(text, count=2, max_chars=300):
    """Return the first sentences of a text, for a lead the wire did not give."""
    lead = ""
    for sentence in SENTENCE_END.split(collapse(text))[:count]:
        candidate = f"{lead} {sentence}".strip()
        if lead and len(candidate) > max_chars:
            break
        lead = candidate
    if len(lead) > max_chars:
        lead = lead[: max_chars - 1].rsplit(" ", 1)[0] + "…"
    return lead


def text_to_blocks(text):
    """Return one paragraph block for a plain-text body: paragraphs split on blank lines."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [html.escape(collapse(line), quote=False) for line in chunk.splitlines()]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("<p>" + "<br/>".join(lines) + "</p>")
    return [("paragraph", RichText("".join(paragraphs)))] if paragraphs else []


def html_to_blocks(value):
    """Return StreamField blocks (paragraph, subheading, quote) for a sanitized HTML body."""
    builder = _BlockBuilder()
    for node in BeautifulSoup(BLOCK_CLEANER.clean(value), "html.parser").contents:
        builder.add(node)
    return builder.finish()


class _BlockBuilder:
    """Group consecutive paragraphs and lists into one rich-text block; cut at headings/quotes."""

    def __init__(self):
        self.blocks = []
        self.paragraphs = []  # rendered <p>/<ul>/<ol> of the paragraph block being built
        self.inline = []  # loose text and inline tags waiting to become a <p>

    def add(self, node):
        if not isinstance(node, Tag):
            if type(node) is NavigableString:  # comments, CDATA and doctypes are not text
                self.inline.append(node)
            return
        if node.name in HEADINGS:
            self._close_paragraph_block()
            if text := collapse(node.get_text()):
                self.blocks.append(("subheading", text))
        elif node.name == "blockquote":
            self._close_paragraph_block()
            self._add_quote(node, node.find(["footer", "cite"]))
        elif node.name == "figure":
            # A figure holding a quote is a pull quote; any other figure lost its image to the
            # sanitizer, and a caption without its picture would mislead a reader.
            if quote := node.find("blockquote"):
                self._close_paragraph_block()
                self._add_quote(quote, node.find("figcaption") or quote.find(["footer", "cite"]))
        elif node.name == "p":
            self._close_inline()
            self._add_paragraph(_render_children(node))
        elif node.name in LISTS:
            self._close_inline()
            if collapse(node.get_text()):
                self.paragraphs.append(_render(node))
        elif node.name in {"footer", "figcaption"}:
            for child in list(node.contents):
                self.add(child)
        else:
            self.inline.append(node)

    def finish(self):
        self._close_paragraph_block()
        return self.blocks

    def _add_paragraph(self, inner):
        inner = inner.strip()
        if collapse(BeautifulSoup(inner, "html.parser").get_text()):
            self.paragraphs.append(f"<p>{inner}</p>")

    def _add_quote(self, quote, attribution_node):
        attribution = ""
        if attribution_node is not None:
            attribution = collapse(attribution_node.get_text()).strip(DASHES)
            attribution_node.extract()
        parts = [collapse(p.get_text()) for p in quote.find_all("p")]
        for p in quote.find_all("p"):
            p.extract()
        parts.append(collapse(quote.get_text()))
        text = "\n\n".join(part for part in parts if part)
        if text:
            self.blocks.append(("quote", {"quote": text, "attribution": attribution[:255]}))

    def _close_inline(self):
        if self.inline:
            self._add_paragraph("".join(_render(node) for node in self.inline))
            self.inline = []

    def _close_paragraph_block(self):
        self._close_inline()
        if self.paragraphs:
            self.blocks.append(("paragraph", RichText("".join(self.paragraphs))))
            self.paragraphs = []


def _render_children(node):
    return "".join(_render(child) for child in node.contents)


def _render(node):
    """Return a node as rich-text HTML: b, i, links, lists and line breaks; other tags unwrapped."""
    if not isinstance(node, Tag):
        if type(node) is NavigableString:
            return html.escape(re.sub(r"\s+", " ", str(node)), quote=False)
        return ""
    inner = _render_children(node)
    if node.name in BOLD:
        return f"<b>{inner}</b>"
    if node.name in ITALIC:
        return f"<i>{inner}</i>"
    if node.name == "a" and node.get("href"):
        return f'<a href="{html.escape(node["href"], quote=True)}">{inner}</a>'
    if node.name == "br":
        return "<br/>"
    if node.name in LISTS:
        items = "".join(_render(child) for child in node.find_all("li", recursive=False))
        return f"<{node.name}>{items}</{node.name}>"
    if node.name == "li":
        return f"<li>{inner.strip()}</li>"
    if node.name in {"p", "blockquote"} | HEADINGS:
        return f" {inner} "
    return inner
