"""The most-read lists: per edition, two windows, live articles only, no query when warm."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from nashra.analytics.most_read import WINDOWS, most_read_articles
from nashra.home.context_processors import edition
from nashra.home.services import get_or_create_section

from .factories import add_views
from .helpers import HOUR

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def most_read_block(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    block = html.select_one("aside.most-read")
    if block is None:
        return None
    return {
        window.h3.get_text(): [(a.get_text(), a["href"]) for a in window.select("ol li a")]
        for window in block.select(".most-read__window")
    }


def titles(block, window):
    return [title for title, _ in block[window]]


def test_the_last_24_hours_and_the_last_7_days(middle_east, article_factory, now):
    steady = article_factory(middle_east, "Steady reader favourite")
    breaking = article_factory(middle_east, "Breaking this morning")
    old = article_factory(middle_east, "Read a lot last month")
    add_views(breaking, 10, at=now - 2 * HOUR)
    add_views(steady, 1, at=now)
    add_views(steady, 20, at=now - 30 * HOUR)
    add_views(old, 50, at=now - 9 * DAY)
    add_views(old, 50, at=now - 24 * HOUR)  # just outside the last 24 hours

    def ranked(window):
        return [a.title for a in most_read_articles(middle_east.locale, WINDOWS[window], now)]

    assert ranked("day") == ["Breaking this morning", "Steady reader favourite"]
    assert ranked("week") == [
        "Read a lot last month",
        "Steady reader favourite",
        "Breaking this morning",
    ]
    assert [
        a.recent_views for a in most_read_articles(middle_east.locale, WINDOWS["week"], now)
    ] == [50, 21, 10]


def test_the_block_shows_both_lists_on_home_and_article_pages(
    client, en_home, middle_east, article_factory, now
):
    articles = [article_factory(middle_east, f"Story {n}") for n in range(7)]
    for views, article in enumerate(articles, start=1):
        add_views(article, views, at=now - 3 * DAY)
    add_views(articles[0], 100, at=now - HOUR)
    expected_week = [(a.title, a.url) for a in [articles[0], *reversed(articles[3:])]]

    for url in (en_home.url, articles[3].url):
        block = most_read_block(client, url)
        assert block == {
            "Last 24 hours": [("Story 0", articles[0].url)],
            "Last 7 days": expected_week,  # five at most
        }
    html = BeautifulSoup(client.get(en_home.url).content, "html.parser")
    assert html.select_one("aside.most-read h2").get_text() == "Most read"
    assert html.select_one("aside.most-read")["aria-labelledby"] == "most-read-heading"


def test_nothing_is_shown_before_anyone_reads(client, en_home, middle_east, article_factory):
    article = article_factory(middle_east, "Unread")
    assert most_read_block(client, en_home.url) is None
    assert most_read_block(client, article.url) is None


def test_each_edition_lists_its_own_articles(
    client, en_home, ar_home, middle_east, article_factory, now
):
    ar_news = get_or_create_section(ar_home, "news", "أخبار")[0]
    english = article_factory(middle_east, "English story")
    arabic = article_factory(ar_news, "خبر عربي")
    add_views(english, 5, at=now)
    add_views(arabic, 3, at=now)
    assert titles(most_read_block(client, en_home.url), "Last 24 hours") == ["English story"]
    ar_block = most_read_block(client, ar_home.url)
    assert [title for window in ar_block.values() for title in titles({"w": window}, "w")] == [
        "خبر عربي",
        "خبر عربي",
    ]
    assert all(href.startswith("/ar/") for window in ar_block.values() for _, href in window)


def test_arabic_indic_digits_number_the_arabic_list(client, en_home, ar_home, article_factory, now):
    from nashra.home.services import set_edition_settings

    set_edition_settings("ar", digits="arabic_indic")
    ar_news = get_or_create_section(ar_home, "news", "أخبار")[0]
    add_views(article_factory(ar_news, "خبر عربي"), 3, at=now)
    html = BeautifulSoup(client.get(ar_home.url).content, "html.parser")
    assert "most-read__list--arabic_indic" in html.select_one(".most-read__list")["class"]
    assert "٢٤" in html.select_one("#most-read-day").get_text()
    assert "٧" in html.select_one("#most-read-week").get_text()


def test_an_unpublished_article_drops_out_at_once(
    client, en_home, middle_east, article_factory, now
):
    kept = article_factory(middle_east, "Still live")
    withdrawn = article_factory(middle_east, "Withdrawn")
    add_views(kept, 1, at=now)
    add_views(withdrawn, 9, at=now)
    assert titles(most_read_block(client, en_home.url), "Last 24 hours") == [
        "Withdrawn",
        "Still live",
    ]
    withdrawn.unpublish()
    assert titles(most_read_block(client, en_home.url), "Last 24 hours") == ["Still live"]


def test_the_block_costs_no_query_once_warm(client, en_home, middle_east, article_factory, now):
    article = article_factory(middle_east, "Widely read")
    add_views(article, 7, at=now)
    client.get(article.url)  # warms the caches, most-read lists included
    with CaptureQueriesContext(connection) as queries:
        html = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert html.select_one("aside.most-read a")["href"] == article.url
    assert not [q for q in queries if "analytics_" in q["sql"]]
    assert len(queries) <= 24  # the article page budget in nashra/news/tests/test_listings.py

    request = RequestFactory().get(en_home.url)
    context = Context({"request": request, **edition(request)})
    assert context["edition"].home == en_home  # the page has read its edition already
    template = Template("{% load analytics_tags %}{% most_read %}")
    with CaptureQueriesContext(connection) as queries:
        rendered = template.render(context)
    assert "Widely read" in rendered
    assert len(queries) == 0
