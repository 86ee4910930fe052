"""An article's body as the HTML a partner can put on its own page: plain, absolute, sanitized.

Not the site's block templates, which carry classes, ``<picture>`` sets and the gallery's
lightbox: one element per block, written so that ``import_ninjs`` reads the body back into
the same blocks (``nashra/ingest/html.py``):

- a paragraph is its rich text (``<p>``, ``<ul>``/``<ol>``, ``<b>``, ``<i>``, links);
- a sub-heading is ``<h2>``;
- a quote is ``<blockquote>``, inside a ``<figure>`` whose ``<figcaption>`` is the attribution;
- an image is a ``<figure>`` with an ``<img>`` and its caption and credit; a gallery is a
  ``<figure>`` of those; a video is a ``<figure>`` linking to it (the importer drops figures
  without a quote, pictures come as associations).

Every link and picture address is absolute; the result goes through nh3 with only those tags
allowed, so no script, style or event handler can reach a partner. Rendered once per
published revision (pictures and internal links cost queries) and kept in the cache.
"""

import hashlib
import re
from urllib.parse import urljoin

import nh3
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from nashra.feeds.content import absolutize

CACHE_SECONDS = 60 * 60
# Bump when the HTML written here changes: every cached body is then rendered again.
FORMAT = 1
BODY_IMAGE_FILTER = "width-1200"
ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "small",
}
CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href"}, "img": {"src", "alt", "width", "height"}},
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel=None,
    strip_comments=True,
)


def _quote(value):
    paragraphs = "".join(
        f"<p>{_lines(part)}</p>"
        for part in re.split(r"\n\s*\n", value["quote"].strip())
        if part.strip()
    )
    quote = f"<blockquote>{paragraphs}</blockquote>"
    if not value["attribution"]:
        return quote
    return f"<figure>{quote}<figcaption>{escape(value['attribution'])}</figcaption></figure>"


def _lines(text):
    # A line break keeps a newline beside it, so the words either side stay two words in text.
    return "<br>\n".join(escape(line) for line in text.strip().splitlines())


def _figcaption(*parts):
    """Return a <figcaption> of the non-empty parts (HTML already), or "" for none."""
    text = " ".join(part for part in parts if part)
    return f"<figcaption>{text}</figcaption>" if text else ""


def _figure(value, base_url):
    image = value["image"]
    if image is None:  # deleted from the library since
        return ""
    caption = value["caption"] or image.caption
    credit = value["credit"] or image.credit
    rendition = image.get_rendition(BODY_IMAGE_FILTER)
    src = escape(urljoin(base_url, rendition.url))
    return (
        f'<figure><img src="{src}" width="{rendition.width}" height="{rendition.height}"'
        f' alt="{escape(caption)}">'
        f"{_figcaption(escape(caption), credit and f'<small>{escape(credit)}</small>')}</figure>"
    )


def _gallery(value, base_url):
    figures = "".join(_figure(item, base_url) for item in value["images"])
    return f"<figure>{figures}{_figcaption(escape(value['title']))}</figure>"


def _video(value):
    url = value["video"].url if value["video"] else ""
    if not url:
        return ""
    link = f'<p><a href="{escape(url)}">{escape(_("Watch the video"))}</a></p>'
    return f"<figure>{link}{_figcaption(escape(value['caption']))}</figure>"


def _block_html(block, base_url):
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return expand_db_html(value.source)
    if kind == "subheading":
        return f"<h2>{escape(value)}</h2>"
    if kind == "quote":
        return _quote(value)
    if kind == "image":
        return _figure(value, base_url)
    if kind == "gallery":
        return _gallery(value, base_url)
    if kind == "video":
        return _video(value)
    return ""  # a block type added later says nothing until it is written here


def render_body(article, base_url):
    """Return {"value": sanitized HTML, "charcount", "wordcount"} of an article's body.

    The counts are of the text without figure captions, as ninjs defines them.
    """
    html = "\n".join(_block_html(block, base_url) for block in article.body)
    html = CLEANER.clean(absolutize(html, base_url))
    soup = BeautifulSoup(html, "html.parser")
    for caption in soup.find_all("figcaption"):
        caption.decompose()
    text = " ".join(soup.get_text(" ").split())
    return {"value": html, "charcount": len(text), "wordcount": len(text.split())}


def _cache_key(article, base_url):
    published = article.last_published_at.isoformat() if article.last_published_at else ""
    version = f"{FORMAT}:{article.pk}:{article.live_revision_id}:{published}:{base_url}"
    return f"nashra-ninjs:body:{hashlib.sha256(version.encode()).hexdigest()}"


def bodies(articles, base_url):
    """Return {article pk: rendered body}, rendering only what the cache lacks (one read)."""
    keys = {article.pk: _cache_key(article, base_url) for article in articles}
    cached = cache.get_many(keys.values())
    rendered, missing = {}, {}
    for article in articles:
        key = keys[article.pk]
        if key in cached:
            rendered[article.pk] = cached[key]
        else:
            rendered[article.pk] = missing[key] = render_body(article, base_url)
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return rendered
