from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.sitemaps import entries

from .helpers import body


def sitemap_queries(client):
    """Return the queries that serving (and streaming out) the English sitemap costs."""
    client.get("/sitemaps/en-pages-1.xml")  # warms the cached site root paths
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sitemaps/en-pages-1.xml")
        body(response)
    assert response.status_code == 200
    return len(captured)


def add_articles(section, article_factory, count, batch):
    section.refresh_from_db()
    for n in range(count):
        article_factory(section, f"Dispatch {batch}-{n}")


def test_sitemap_costs_the_same_queries_for_5_and_50_articles(client, news, article_factory):
    add_articles(news, article_factory, 5, 1)
    with_5 = sitemap_queries(client)
    add_articles(news, article_factory, 45, 2)

    assert sitemap_queries(client) == with_5


def test_each_extra_chunk_costs_two_queries_at_most(client, news, article_factory, monkeypatch):
    monkeypatch.setattr(entries, "CHUNK_SIZE", 20)
    add_articles(news, article_factory, 5, 1)  # with the home and the section: 7 rows, 1 chunk
    with_5 = sitemap_queries(client)
    add_articles(news, article_factory, 45, 2)  # 52 rows: 3 chunks

    # One query for the chunk's rows, one for their translations.
    assert sitemap_queries(client) <= with_5 + 2 * (3 - 1)
