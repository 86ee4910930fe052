"""What a partner's client sees of HTTP: caching headers, 304s, CORS and read-only methods."""

import pytest

from nashra.caching import tags
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.caching.tests.test_wsgi import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(two_editions, article_factory):
    return article_factory(
        two_editions.en.middle_east, "Talks resume", topics=[two_editions.en.topic]
    )


def test_listings_are_kept_like_feeds_and_items_like_article_pages(client, article):
    listing = client.get("/en/ninjs/topics/iraq/")
    item = client.get(f"/en/ninjs/items/{article.pk}/")

    assert listing["Cache-Control"].startswith("public, max-age=300, s-maxage=300")
    assert item["Cache-Control"].startswith("public, max-age=60, s-maxage=3600")
    for response in (listing, item):
        assert response["ETag"]
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
        assert {tags.article_tag(article.pk), "e:en"} <= set(response["xkey"].split())
    assert client.get("/en/ninjs/items/987654/")["Cache-Control"].startswith("public, ")


@pytest.mark.parametrize("page_cache_on", [False, True])
def test_an_unchanged_answer_is_a_304_that_other_sites_may_read(
    client, settings, article, page_cache_on
):
    settings.NASHRA_PAGE_CACHE = page_cache_on
    url = f"/en/ninjs/items/{article.pk}/"
    etag = client.get(url)["ETag"]

    again = client.get(url, headers={"If-None-Match": etag, "Origin": "https://partner.example"})

    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_front_door_keeps_cors_on_its_304(application, article):
    url = f"/en/ninjs/items/{article.pk}/"
    first = call(application, url)
    assert first["status"] == 200

    hit = call(application, url, IF_NONE_MATCH=first["headers"]["ETag"])

    assert hit["status"] == 304
    assert hit["headers"]["Access-Control-Allow-Origin"] == "*"


def test_any_site_may_read_any_answer_without_credentials(client, article):
    for url, status in (
        ("/en/ninjs/", 200),
        (f"/en/ninjs/items/{article.pk}/", 200),
        ("/en/ninjs/?limit=0", 400),
        ("/en/ninjs/items/987654/", 404),
    ):
        for method in (client.get, client.head):
            response = method(url, headers={"Origin": "https://partner.example"})
            assert response.status_code == status, url
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "ETag" in response["Access-Control-Expose-Headers"]
            assert "Access-Control-Allow-Credentials" not in response


def test_head_is_get_without_the_body(client, article):
    get = client.get("/en/ninjs/")
    head = client.head("/en/ninjs/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["ETag"] == get["ETag"]


def test_a_browser_preflight_is_allowed_to_get(client, article):
    response = client.options(
        "/en/ninjs/topics/iraq/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(client, article, method):
    url = f"/en/ninjs/items/{article.pk}/"

    response = getattr(client, method)(url, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {"status": 405, "error": "This API is read-only: use GET."}
    assert client.get(url).status_code == 200


def test_stray_parameters_share_the_cached_answer(client, page_cache, article):
    assert client.get("/en/ninjs/?limit=5")[CACHE_STATUS_HEADER] == "miss"

    again = client.get("/en/ninjs/?utm_source=partner&limit=05&fbclid=x")

    assert again[CACHE_STATUS_HEADER] == "hit"
    assert again.json()["limit"] == 5
