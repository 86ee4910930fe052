"""Writing sitemap XML by hand: it streams out chunk by chunk, which no template does."""

import datetime
import re
from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Characters XML 1.0 does not allow, which a pasted headline may still carry.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value):
    return escape(NOT_XML.sub("", str(value)), {'"': "&quot;"})


def w3c(moment):
    """Return a moment as a W3C datetime in UTC: 2026-11-29T14:32:09+00:00."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")


def index_document(files):
    """Return a sitemap index of (absolute URL, lastmod or None) pairs."""
    parts = [DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for loc, lastmod in files:
        parts.append(f"<sitemap><loc>{text(loc)}</loc>")
        if lastmod is not None:
            parts.append(f"<lastmod>{w3c(lastmod)}</lastmod>")
        parts.append("</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def urlset_stream(chunks):
    """Yield a <urlset> piece by piece, one string per chunk of Entry."""
    yield DECLARATION + f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for entries in chunks:
        yield "".join(map(url_element, entries))
    yield "</urlset>\n"


def url_element(entry):
    parts = [f"<url><loc>{text(entry.loc)}</loc>"]
    if entry.lastmod is not None:
        parts.append(f"<lastmod>{w3c(entry.lastmod)}</lastmod>")
    parts.extend(
        f'<xhtml:link rel="alternate" hreflang="{text(code)}" href="{text(url)}"/>'
        for code, url in entry.alternates
    )
    parts.append("</url>\n")
    return "".join(parts)


def news_document(entries, publication_name, language_code):
    """Return a Google News sitemap of NewsEntry."""
    publication = (
        f"<news:publication><news:name>{text(publication_name)}</news:name>"
        f"<news:language>{text(language_code)}</news:language></news:publication>"
    )
    parts = [DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for entry in entries:
        parts.append(
            f"<url><loc>{text(entry.loc)}</loc><news:news>{publication}"
            f"<news:publication_date>{w3c(entry.published_at)}</news:publication_date>"
            f"<news:title>{text(entry.title)}</news:title></news:news></url>\n"
        )
    parts.append("</urlset>\n")
    return "".join(parts)
