"""Reading sitemaps the way a crawler does: over the test client, parsed with lxml."""

import re
from urllib.parse import urlsplit

from lxml import etree

from nashra.sitemaps.xml import NEWS_NS, SITEMAP_NS, XHTML_NS

NS = {"sm": SITEMAP_NS, "xhtml": XHTML_NS, "news": NEWS_NS}
ORIGIN = "http://testserver"
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetch(client, url):
    """GET a sitemap by absolute URL or path; return the response and its parsed root."""
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response, etree.fromstring(body(response))


def locs(root):
    return [loc.text for loc in root.iterfind("sm:url/sm:loc", NS)]


def index_files(client):
    _response, root = fetch(client, "/sitemap.xml")
    return [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]


def edition_locs(client, language, kind="pages"):
    """Return every URL of one kind of an edition, across all its files, in order."""
    found = []
    for url in index_files(client):
        if f"/sitemaps/{language}-{kind}-" in url:
            found += locs(fetch(client, url)[1])
    return found


def alternates(root, loc):
    """Return {hreflang: href} of the <url> whose <loc> is loc."""
    (url,) = [
        el for el in root.iterfind("sm:url", NS) if el.findtext("sm:loc", namespaces=NS) == loc
    ]
    return {
        link.get("hreflang"): link.get("href")
        for link in url.iterfind("xhtml:link[@rel='alternate']", NS)
    }


def absolute(page, origin=ORIGIN):
    return origin + page.url
