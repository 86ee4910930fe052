"""Markup details the HTML checker insists on, checked where they are made."""

import pytest
from bs4 import BeautifulSoup

from nashra.core.inline import THEME_SCRIPT

pytestmark = pytest.mark.django_db


def hero_img(client, article):
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    return html.select_one("figure.article__hero img")


def widths(img):
    return [candidate.split()[-1] for candidate in img["srcset"].split(", ")]


def test_srcset_names_each_width_once(client, middle_east, image_factory, article_factory):
    small = article_factory(middle_east, "Small", hero_image=image_factory("Small"))
    large = article_factory(
        middle_east, "Large", hero_image=image_factory("Large", size=(1600, 900))
    )
    assert widths(hero_img(client, small)) == ["480w", "640w"]
    img = hero_img(client, large)
    assert widths(img) == ["480w", "800w", "1200w"]
    assert (img["width"], img["height"], img["fetchpriority"]) == ("480", "270", "high")
    assert img["sizes"] == "(min-width: 48.5em) 46rem, calc(100vw - 2rem)"


def test_time_datetime_is_to_the_second(client, middle_east, article_factory):
    article = article_factory(middle_east, "Dated")
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    published = html.select_one("time.article__published")["datetime"]
    assert published == article.published_at.replace(microsecond=0).isoformat()


def test_only_data_blocks_are_inline_scripts(client, newsroom):
    for url in ("/en/", newsroom["en"]["article"].url, newsroom["ar"]["section"].url):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        inline = [script for script in html.find_all("script") if not script.get("src")]
        data = [script for script in inline if script.get("type") == "application/ld+json"]
        assert data, url
        # The one inline script that runs: the theme's, allowed by its hash (nashra/core/inline.py).
        assert [script.string for script in inline if script not in data] == [THEME_SCRIPT], url
