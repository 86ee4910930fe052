"""The API behind production's nginx and Varnish (deploy/): its parameters pass, a preflight is
answered, nothing can be written, and a publish reaches partners through the cache."""

import json
import time

import pytest

from nashra.caching.tests.test_varnish import fetch

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom(two_editions, article_factory):
    for title in ("First", "Second", "Third"):
        article_factory(two_editions.en.middle_east, title)
    return two_editions.en


def headlines(body):
    return [item["headlines"][0]["value"] for item in json.loads(body)["items"]]


def test_paging_passes_through_and_stray_parameters_share_one_copy(nginx, newsroom):
    status, headers, body = fetch(nginx + "/en/ninjs/?limit=2&utm_source=partner")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert headlines(body) == ["Third", "Second"]
    cursor = json.loads(body)["links"]["next"].split("?", 1)[1]

    status, headers, body = fetch(nginx + "/en/ninjs/?fbclid=x&limit=2")
    assert status == 200 and headers["X-Cache"] == "HIT"
    status, _headers, body = fetch(nginx + f"/en/ninjs/?{cursor}")
    assert status == 200 and headlines(body) == ["First"]


def test_a_browser_may_ask_first_but_nobody_may_write(nginx, newsroom):
    preflight = {"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"}
    status, headers, _body = fetch(nginx + "/en/ninjs/", method="OPTIONS", headers=preflight)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    for method in ("PUT", "DELETE", "PATCH"):
        assert fetch(nginx + "/en/ninjs/", method=method)[0] == 405, method
    # OPTIONS is let through for the API only.
    assert fetch(nginx + "/en/", method="OPTIONS")[0] == 405


def test_a_publish_reaches_partners_through_the_cache_at_once(nginx, newsroom, article_factory):
    fetch(nginx + "/en/ninjs/sections/news/")
    assert fetch(nginx + "/en/ninjs/sections/news/")[1]["X-Cache"] == "HIT"

    article_factory(newsroom.middle_east, "Breaking")

    deadline = time.monotonic() + 2
    while "Breaking" not in headlines(fetch(nginx + "/en/ninjs/sections/news/")[2]):
        assert time.monotonic() < deadline, "the publish did not reach the cached listing"
        time.sleep(0.05)
