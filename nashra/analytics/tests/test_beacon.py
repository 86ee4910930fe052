"""The beacon counts a reader once a day, ignores bots, sets no cookie and costs no query."""

import datetime
from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from nashra.analytics.counting import flush_view_counts
from nashra.core.inline import THEME_SCRIPT

from .helpers import BROWSER, beacon_url, send_beacon, stored_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Gaza")


def test_article_page_carries_a_signed_beacon_and_its_script(client, article, en_home):
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    beacon = html.select_one("[data-view-beacon]")
    assert beacon["data-view-beacon"].startswith(f"/stats/view/{article.pk}/")
    assert beacon["data-page-id"] == str(article.pk)
    assert beacon.has_attr("hidden")
    script = html.select_one('script[src$="js/view-beacon.js"]')
    assert script.has_attr("defer")
    inline = [
        tag.string
        for tag in html.select("script:not([src])")
        if tag.get("type") != "application/ld+json"
    ]
    assert inline == [THEME_SCRIPT]  # the beacon adds no inline script of its own
    home = BeautifulSoup(client.get(en_home.url).content, "html.parser")
    assert home.select_one("[data-view-beacon]") is None


def test_the_script_posts_the_rendered_url_with_send_beacon():
    script = (Path(settings.PROJECT_DIR) / "static/js/view-beacon.js").read_text()
    assert 'getAttribute("data-view-beacon")' in script
    assert "navigator.sendBeacon(url)" in script
    assert 'method: "POST"' in script


def test_a_reader_counts_once_a_day_and_other_readers_count_too(client, article):
    url = beacon_url(client, article)
    for _ in range(3):
        assert send_beacon(client, url).status_code == 204
    flush_view_counts()
    assert stored_views(article) == 1

    send_beacon(client, url, ip="198.51.100.7")  # another reader
    send_beacon(client, url, user_agent=BROWSER.replace("126", "127"))  # same address
    flush_view_counts()
    assert stored_views(article) == 2

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        send_beacon(client, url)
        send_beacon(client, url)
        flush_view_counts()
    assert stored_views(article) == 3


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
    ],
)
def test_bots_are_not_counted(client, article, user_agent):
    url = beacon_url(client, article)
    assert send_beacon(client, url, user_agent=user_agent).status_code == 204
    flush_view_counts()
    assert stored_views(article) == 0


@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_readers_who_ask_not_to_be_tracked_are_not_counted(client, article, header):
    send_beacon(client, beacon_url(client, article), **header)
    flush_view_counts()
    assert stored_views(article) == 0


def test_the_beacon_sets_no_cookie_and_is_never_cached(client, article):
    url = beacon_url(client, article)
    client.cookies.clear()
    response = send_beacon(client, url)
    assert response.status_code == 204
    assert not response.cookies
    assert not client.cookies
    assert "no-store" in response["Cache-Control"]


def test_get_is_not_allowed(client, article):
    url = beacon_url(client, article)
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 405
    flush_view_counts()
    assert stored_views(article) == 0


def test_forged_or_unknown_ids_are_refused_and_not_counted(client, article, middle_east):
    url = beacon_url(client, article)
    issued, signature = url.strip("/").split("/")[-2:]
    other_time = issued[:-1] + ("1" if issued.endswith("0") else "0")
    forged = [
        f"/stats/view/{middle_east.pk}/{issued}/{signature}/",  # someone else's signature
        f"/stats/view/{article.pk}/{issued}/{signature[:-2]}xx/",
        f"/stats/view/{article.pk}/{issued}/not-signed/",
        f"/stats/view/{article.pk}/{other_time}/{signature}/",
        f"/stats/view/999999/{issued}/{signature}/",
    ]
    for bad in forged:
        assert send_beacon(client, bad).status_code == 400, bad
    for unroutable in (f"/stats/view/{article.pk}/", f"/stats/view/abc/{issued}/{signature}/"):
        assert send_beacon(client, unroutable).status_code in (302, 404)  # not a beacon
    flush_view_counts()
    assert stored_views(article) == 0


def test_the_beacon_request_makes_no_query(client, article, django_assert_num_queries):
    url = beacon_url(client, article)
    with django_assert_num_queries(0):
        assert send_beacon(client, url).status_code == 204


def test_no_beacon_in_an_editors_preview(article):
    request = RequestFactory().get(article.url)
    request.is_preview = True
    template = Template("{% load analytics_tags %}{% view_beacon page %}")
    assert "data-view-beacon" not in template.render(Context({"request": request, "page": article}))
    request.is_preview = False
    assert "data-view-beacon" in template.render(Context({"request": request, "page": article}))
