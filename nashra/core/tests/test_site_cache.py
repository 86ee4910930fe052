"""Wagtail's site for a request is found once per host, not once per request."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries if '"wagtailcore_site"' in query["sql"]]


def test_the_site_is_looked_up_once_and_again_after_it_changes(
    client, middle_east, article_factory, django_capture_on_commit_callbacks
):
    article = article_factory(middle_east, "Talks resume")
    client.get(article.url)
    assert site_queries(client, article.url) == []
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Nashra Network"
        site.save()
    # Looked up again (with Wagtail's own root paths, which it forgets too), then kept.
    assert any("testserver" in query["sql"] for query in site_queries(client, article.url))
    assert site_queries(client, article.url) == []


def test_the_health_check_needs_no_site(client, db):
    assert site_queries(client, "/health/live/") == []


@override_settings(NASHRA_FAST_ROUTING=False)
def test_without_the_fast_path_wagtail_finds_the_site_on_every_request(
    client, middle_east, article_factory
):
    article = article_factory(middle_east, "Talks resume")
    first = client.get(article.url)
    assert site_queries(client, article.url) != []  # Wagtail's own lookup, every time
    assert client.get(article.url).content == first.content
