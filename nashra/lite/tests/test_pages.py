"""The lite edition as a reader on a slow connection sees it: the same stories, nothing heavy."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import PageViewRestriction

from nashra.core.inline import LITE_STYLE
from nashra.core.tests.factories import gallery
from nashra.corrections.models import Correction
from nashra.lite.addresses import lite_url
from nashra.news.models import ArticlePage
from nashra.pages.models import StandardPage

pytestmark = pytest.mark.django_db

SIZE_LIMIT = 15 * 1024
AUTHORS = {"en": "Huda Mansour", "ar": "هدى منصور"}


def html_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def lite(page):
    url = lite_url(page)
    assert url, page
    return url


def test_the_home_lists_the_latest_articles_and_links_the_sections(
    client, two_editions, article_factory
):
    en = two_editions.en
    older = article_factory(
        en.middle_east, "Older story", published_at=timezone.now() - datetime.timedelta(days=2)
    )
    newer = article_factory(en.news, "Newer story")
    html = html_of(client.get("/en/lite/"))
    assert html.h1.get_text() == "Nashra Network"
    links = [(a.get_text(), a["href"]) for a in html.select("main li a")]
    assert links == [
        ("Newer story", f"/en/lite/news/{newer.slug}/"),
        ("Older story", f"/en/lite/news/middle-east/{older.slug}/"),
    ]
    assert html.select_one("main nav a")["href"] == "/en/lite/news/"
    assert html.select_one('link[rel="canonical"]')["href"] == "http://testserver/en/"
    assert html.select_one('footer a[href="/en/"]')  # back to the full site


def test_the_home_shows_thirty_articles_at_most(client, two_editions, article_factory):
    for number in range(32):
        article_factory(two_editions.en.news, f"Story {number}")
    assert len(html_of(client.get("/en/lite/")).select("main li")) == 30


def test_a_section_lists_its_articles_a_page_at_a_time(
    client, settings, two_editions, article_factory
):
    settings.NASHRA_PAGE_SIZE = 2
    en = two_editions.en
    for number in range(3):
        article_factory(
            en.middle_east,
            f"Story {number}",
            published_at=timezone.now() - datetime.timedelta(hours=number + 1),
        )
    first = html_of(client.get("/en/lite/news/"))
    assert [a.get_text() for a in first.select("main li a")] == ["Story 0", "Story 1"]
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"
    assert first.select_one('nav a[href="/en/lite/news/middle-east/"]')  # its sub-section
    second = html_of(client.get("/en/lite/news/?page=2"))
    assert [a.get_text() for a in second.select("main li a")] == ["Story 2"]
    for bad in ("3", "0", "x"):
        assert client.get(f"/en/lite/news/?page={bad}").status_code == 404


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_article_shows_its_story_in_plain_html(client, long_article, language):
    article = long_article(language)
    Correction.objects.create(article=article, text="An earlier version misdated the work.")
    html = html_of(client.get(lite(article)))
    assert html.html["lang"] == language
    assert html.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert html.h1.get_text() == article.title
    assert article.lead.split()[0] in html.main.get_text()
    assert AUTHORS[language] in html.main.get_text()
    assert len(html.select("main article > p")) > 10  # the paragraphs
    assert html.select("main blockquote") and html.select("main h2")
    correction = html.select_one(f"#{article.corrections.get().anchor}")
    assert "misdated the work" in correction.get_text()
    assert html.select_one('a[rel="tag"]')["href"].startswith(f"/{language}/lite/topics/")
    canonical = html.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"http://testserver{article.url}"
    assert html.select_one(f'footer a[href="{article.url}"]')  # the full version


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_article_downloads_nothing_but_itself_and_fits_in_15_kb(client, long_article, language):
    """No picture until tapped, no font, no stylesheet, no script; its few lines of style inline."""
    article = long_article(language)
    response = client.get(lite(article))
    content = response.content.decode()
    html = html_of(response)
    assert len(response.content) < SIZE_LIMIT, len(response.content)
    assert html.find_all(["img", "script", "picture", "video", "iframe", "object"]) == []
    assert [style.string for style in html.find_all("style")] == [LITE_STYLE]
    assert html.find_all(style=True) == []
    assert not html.select('link[rel~="stylesheet"], link[rel~="preload"], link[as="font"]')
    assert not re.search(r"@font-face|\.woff2?\b|\.ttf\b|<script|<img", content)
    # The picture's only trace: a link to it, for the reader who asks.
    pictures = [a for a in html.select("main a") if "/media/images/" in a["href"]]
    assert len(pictures) == 1 + 1 + 8  # hero, inline, gallery
    assert all(a["href"].endswith(".width-800.jpg") for a in pictures)
    show = {"en": "Show image: ", "ar": "عرض الصورة: "}[language]
    assert pictures[0].get_text().startswith(show)


def test_the_lite_article_costs_as_many_queries_for_2_pictures_as_for_10(
    client, two_editions, article_factory, image_factory
):
    def queries(count):
        """(queries with nothing cached but the renditions made, queries served again)."""
        article = article_factory(
            two_editions.en.middle_east,
            f"Gallery of {count}",
            hero_image=image_factory(f"Hero {count}"),
            body=[gallery([image_factory(f"G{count} {n}") for n in range(count)])],
            topics=[two_editions.en.topic],
            authors=[two_editions.en.author],
            sources=[two_editions.en.source],
        )
        url = lite(article)
        client.get(url)  # makes every rendition, as any reader's first view would
        for alias in ("default", "renditions"):
            caches[alias].clear()
        counted = []
        for _time in ("cold", "warm"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counted.append(len(captured))
        return counted

    few, many = queries(2), queries(10)
    assert few == many
    cold, warm = many
    assert cold <= 24, cold
    assert warm <= 6, warm


def test_the_other_editions_lite_page_is_linked_when_a_translation_exists(
    client, translated_article
):
    original, translation = translated_article
    html = html_of(client.get(lite(original)))
    alternate = html.select_one('link[rel="alternate"][hreflang="ar"]')
    assert alternate["href"] == "http://testserver" + iri_to_uri(lite(translation))
    assert html.select_one(f'footer a[hreflang="ar"][href="{alternate["href"]}"]')
    back = html_of(client.get(lite(translation)))
    assert back.select_one('link[rel="alternate"][hreflang="en"]')["href"].endswith(
        iri_to_uri(lite(original))
    )


def test_an_article_without_translation_links_no_other_edition(
    client, two_editions, article_factory
):
    article = article_factory(two_editions.en.middle_east, "Only in English")
    assert html_of(client.get(lite(article))).select('link[rel="alternate"]') == []


def test_a_private_article_or_section_is_not_found(client, two_editions, article_factory):
    en = two_editions.en
    article = article_factory(en.middle_east, "Closed talks")
    url = lite(article)
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404
    restriction.delete()
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=en.middle_east, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for address in (url, "/en/lite/news/middle-east/"):
        assert client.get(address).status_code == 404, address
    for listing in ("/en/lite/", "/en/lite/news/", f"/en/lite/topics/{en.topic.slug}/"):
        assert "Closed talks" not in client.get(listing).content.decode(), listing


def test_a_private_article_is_not_found_even_by_a_signed_in_reader(
    client, two_editions, article_factory, django_user_model
):
    article = article_factory(two_editions.en.middle_east, "Members only")
    url = lite(article)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(url).status_code == 404


def test_a_withdrawn_or_draft_article_is_not_found(client, two_editions, article_factory):
    en = two_editions.en
    article = article_factory(en.middle_east, "Withdrawn story")
    url = lite(article)
    ArticlePage.objects.get(pk=article.pk).unpublish()
    assert client.get(url).status_code == 404
    assert "Withdrawn story" not in client.get("/en/lite/news/").content.decode()
    draft = article_factory(en.middle_east, "Draft story", publish=False)
    assert client.get(f"/en/lite/news/middle-east/{draft.slug}/").status_code == 404


def test_a_retracted_article_says_so_at_its_top_as_the_full_page_does(
    client, two_editions, article_factory
):
    article = article_factory(two_editions.en.middle_east, "Disputed figures")
    retraction = Correction.objects.create(
        article=article, kind=Correction.Kind.RETRACTION, text="The figures were fabricated."
    )
    html = html_of(client.get(lite(article)))
    notice = html.find("strong", string="This article has been retracted.").parent
    assert notice in html.h1.find_all_previous("p")  # above the headline
    assert notice.select_one("a")["href"] == f"#{retraction.anchor}"
    assert html.select_one(f"#{retraction.anchor}")


def test_only_articles_sections_and_topics_have_lite_pages(client, two_editions, article_factory):
    en = two_editions.en
    about = StandardPage(title="About us", slug="about")
    en.home.add_child(instance=about)
    about.save_revision().publish()
    article = article_factory(en.middle_east, "A story")
    for address in (
        "/en/lite/about/",
        "/en/lite/news/feed/",  # a section's own route
        "/en/lite/search/",  # the home's own routes but topics
        f"/en/lite/authors/{en.author.slug}/",
        "/en/lite/no-such-section/",
        f"{lite(article)}deeper/",
        "/en/lite/news//middle-east/",
        "/en/lite/topics/no-such-topic/",
    ):
        assert client.get(address).status_code == 404, address


def test_a_topic_lists_its_articles(client, translated_article):
    original, translation = translated_article
    topic = original.topics.get()
    html = html_of(client.get(f"/en/lite/topics/{topic.slug}/"))
    assert html.h1.get_text() == topic.name
    assert html.select_one("main li a")["href"] == lite(original)
    assert html.select_one('link[rel="canonical"]')["href"].endswith(f"/en/topics/{topic.slug}/")
    arabic = translation.topics.get()
    assert html.select_one('link[rel="alternate"][hreflang="ar"]')["href"].endswith(
        iri_to_uri(f"/ar/lite/topics/{arabic.slug}/")
    )
