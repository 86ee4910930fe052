"""An article's HTML and hero enclosure for feeds, absolute and cached per published revision."""

import hashlib
import mimetypes
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.template.loader import render_to_string

from .model import Enclosure

CACHE_SECONDS = 60 * 60
HERO_FILTER = "width-1200"
URL_ATTRIBUTES = ("href", "src", "poster", "action")
# Page furniture that only works with the site's scripts (the gallery's lightbox).
INTERACTIVE_TAGS = ("dialog", "button", "script", "noscript", "form")


def absolutize(html, base_url):
    """Return the HTML with every link and image address absolute, page-only furniture removed."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(INTERACTIVE_TAGS):
        element.decompose()
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if element.has_attr(attribute):
                element[attribute] = urljoin(base_url, element[attribute])
        if element.has_attr("srcset"):
            element["srcset"] = ", ".join(
                " ".join([urljoin(base_url, url), *descriptor])
                for url, *descriptor in (
                    candidate.split() for candidate in element["srcset"].split(",") if candidate
                )
            )
        for attribute in [name for name in element.attrs if name.startswith("data-")]:
            del element[attribute]
    return str(soup).strip()


def render_article_html(article, base_url, edition_settings):
    """Return the lead, hero figure and body as the article page shows them, URLs absolute."""
    html = render_to_string(
        "feeds/article_content.html",
        {"page": article, "edition": {"settings": edition_settings}},
    )
    return absolutize(html, base_url)


def hero_enclosure(article, base_url):
    """Return the hero image's large rendition as an enclosure, or None without a hero."""
    if article.hero_image is None:
        return None
    rendition = article.hero_image.get_rendition(HERO_FILTER)
    try:
        length = rendition.file.size
    except Exception:  # a disk's OSError, a bucket's client error: the length is unknown
        length = 0  # RSS's convention for an unknown length
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return Enclosure(urljoin(base_url, rendition.url), length, mime_type)


def _cache_key(article, part, base_url, language):
    published = article.last_published_at.isoformat() if article.last_published_at else ""
    version = f"{article.pk}:{article.live_revision_id}:{published}:{language}:{base_url}"
    return f"nashra-feeds:{part}:{hashlib.sha256(version.encode()).hexdigest()}"


def article_extras(articles, base_url, edition_settings, *, full):
    """Return {article pk: (html or "", enclosure)}, rendering only what the cache lacks."""
    language = edition_settings.locale.language_code
    parts = ("enclosure", "html") if full else ("enclosure",)
    keys = {
        (article.pk, part): _cache_key(article, part, base_url, language)
        for article in articles
        for part in parts
    }
    cached = cache.get_many(keys.values())
    missing = {}
    extras = {}
    for article in articles:
        values = {}
        for part in parts:
            key = keys[(article.pk, part)]
            if key in cached:
                values[part] = cached[key]
            elif part == "html":
                values[part] = missing[key] = render_article_html(
                    article, base_url, edition_settings
                )
            else:
                values[part] = missing[key] = hero_enclosure(article, base_url)
        extras[article.pk] = (values.get("html", ""), values["enclosure"])
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return extras
