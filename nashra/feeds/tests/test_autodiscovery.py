from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from nashra.corrections.tests.factories import CorrectionsPageFactory

from .readers import CONTENT_TYPES, FORMATS

pytestmark = pytest.mark.django_db

TYPES = [CONTENT_TYPES[name].split(";")[0] for name in FORMATS]
FORMAT_NAMES = ["RSS", "Atom", "JSON Feed"]


def discovered(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        (link["type"], link["title"], unquote(link["href"]))
        for link in html.head.select('link[rel="alternate"][type]')
    ]


def feeds_of(page_url, title):
    return [
        (content_type, f"{title} ({name})", unquote(page_url) + path)
        for content_type, name, path in zip(TYPES, FORMAT_NAMES, FORMATS.values(), strict=True)
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_announce_their_feeds_then_the_editions(client, editions, language):
    edition = editions[language]
    site = edition.site_name
    edition_feeds = feeds_of(edition.home.url, site)
    section_feeds = feeds_of(edition.section.url, f"{site} – {edition.section.title}")
    assert discovered(client, edition.home.url) == edition_feeds
    assert discovered(client, edition.section.url) == section_feeds + edition_feeds
    assert discovered(client, edition.tagged.url) == section_feeds + edition_feeds
    assert (
        discovered(client, edition.page_url("topic"))
        == feeds_of(edition.page_url("topic"), f"{site} – {edition.topic.hashtag}") + edition_feeds
    )
    assert (
        discovered(client, edition.page_url("author"))
        == feeds_of(edition.page_url("author"), f"{site} – {edition.author.name}") + edition_feeds
    )


def test_every_announced_feed_answers_with_its_type(client, editions):
    edition = editions["ar"]
    for page_url in [edition.tagged.url, edition.page_url("topic"), edition.page_url("author")]:
        for content_type, _title, href in discovered(client, page_url):
            response = client.get(href)
            assert response.status_code == 200, href
            assert response["Content-Type"].split(";")[0] == content_type


def test_corrections_page_announces_its_three_feeds_first(client, en_home):
    page = CorrectionsPageFactory(parent=en_home)
    links = discovered(client, page.url)
    assert links[:3] == feeds_of(page.url, "Nashra Network – Corrections")
    assert feeds_of(en_home.url, "Nashra Network")[0] in links


def test_feed_links_cost_no_query(client, editions):
    edition = editions["en"]
    for url in (edition.tagged.url, edition.section.url, edition.page_url("topic")):
        response = client.get(url)
        context = response.context[0].flatten()  # the page template's, processors included
        with CaptureQueriesContext(connection) as queries:
            html = Template('{% include "components/feed_links.html" %}').render(Context(context))
        assert html.count('rel="alternate"') == 6
        assert len(queries) == 0, [query["sql"] for query in queries]
