import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.news.models import ArticlePage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


def build_archive(section, count, *, topic, author, source, hero):
    """Create count published articles in section sharing one topic, author, source and image."""
    now = timezone.now()
    for number in range(count):
        article = ArticlePage(
            title=f"Story {number}",
            lead=f"Lead {number}",
            live=True,
            published_at=now - datetime.timedelta(minutes=number),
            hero_image=hero,
            body=[("paragraph", f"<p>Body {number}</p>")],
        )
        section.add_child(instance=article)
        article.topics.set([topic])
        article.authors.set([author])
        article.sources.set([source])
        article.save()


@pytest.fixture
def shared(en_home, image_factory):
    locale = en_home.locale
    return {
        "topic": Topic.objects.create(name="Iraq", locale=locale),
        "author": Author.objects.create(name="Huda Mansour", locale=locale),
        "source": Source.objects.create(name="Reuters", locale=locale),
        "hero": image_factory("Hero"),
    }


def queries_for(client, url):
    client.get(url)  # warm Wagtail's site-root and rendition caches, as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def page_urls(en_home, middle_east):
    article = ArticlePage.objects.live().latest().first()
    return {
        "home": en_home.url,
        "section": middle_east.url,
        "topic": "/en/topics/iraq/",
        "author": "/en/authors/huda-mansour/",
        "article": article.url,
    }


def test_query_count_does_not_grow_with_the_archive(client, en_home, middle_east, shared):
    from nashra.demo.archive.catalogue import ensure_sections
    from nashra.demo.archive.generator import generate_archive

    ensure_sections(en_home)  # the edition's full set of sections, before and after
    build_archive(middle_east, 10, **shared)
    urls = page_urls(en_home, middle_east)
    small = {name: queries_for(client, url) for name, url in urls.items()}
    # Some of the generator's articles share the topic and author (its catalogue has both).
    generate_archive(990, seed=6)
    assert ArticlePage.objects.live().count() == 1000
    assert ArticlePage.objects.live().filter(topics=shared["topic"]).count() > 10
    large = {name: queries_for(client, url) for name, url in urls.items()}
    assert large == small
    # Budgets: keep these honest; raising one needs a reason.
    assert small["article"] <= 6, small
    # A listing read again finds its articles' ids and teasers kept: the home page no longer
    # pays a query per section block, nor a listing for its page of articles; and no page
    # asks for its language's locale (nashra/core/locales.py). A topic or author page still
    # finds its topic or author, and its translations for the other edition's link.
    assert small == {"home": 0, "section": 0, "topic": 2, "author": 2, "article": 0}, small


def test_section_lists_articles_of_its_subsections_newest_first(
    client, news, middle_east, article_factory
):
    now = timezone.now()
    article_factory(middle_east, "Older", published_at=now - datetime.timedelta(days=2))
    article_factory(middle_east, "Newer", published_at=now - datetime.timedelta(hours=2))
    html = BeautifulSoup(client.get(news.url).content, "html.parser")
    assert [a.get_text() for a in html.select(".teaser__title a")] == ["Newer", "Older"]
    assert html.select_one("nav.breadcrumb a").get_text() == "News"


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", ""])
def test_bad_or_out_of_range_page_number_is_404(client, middle_east, article_factory, page):
    article_factory(middle_east, "Only one")
    response = client.get(middle_east.url, {"page": page})
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_pagination_links(client, middle_east, en_home, shared, settings):
    settings.NASHRA_PAGE_SIZE = 5
    build_archive(middle_east, 12, **shared)
    first = BeautifulSoup(client.get(middle_east.url).content, "html.parser")
    assert len(first.select(".teaser")) == 5
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"
    last = BeautifulSoup(client.get(middle_east.url, {"page": 3}).content, "html.parser")
    assert len(last.select(".teaser")) == 2
    assert last.select_one('a[rel="next"]') is None
    assert "Page 3 of 3" in last.select_one(".pagination").get_text()


def test_home_has_top_story_latest_and_section_blocks_without_repeats(
    client, en_home, news, middle_east, article_factory
):
    now = timezone.now()
    for number in range(16):
        article_factory(
            middle_east, f"Story {number}", published_at=now - datetime.timedelta(hours=number)
        )
    html = BeautifulSoup(client.get(en_home.url).content, "html.parser")
    assert html.select_one(".top-story .teaser__title").get_text(strip=True) == "Story 0"
    titles = [a.get_text() for a in html.select("main .teaser__title a")]
    # Top story, six latest, then the next four in the News block; none twice.
    assert len(titles) == len(set(titles)) == 11
    block = html.select_one(".section-block")
    assert block.h2.get_text() == "News"
    assert [a.get_text() for a in block.select(".teaser__title a")] == [
        "Story 7",
        "Story 8",
        "Story 9",
        "Story 10",
    ]


def test_topic_and_author_pages(client, middle_east, en_home, shared, article_factory):
    article_factory(middle_east, "Tagged", topics=[shared["topic"]], authors=[shared["author"]])
    article_factory(middle_east, "Untagged")
    topic_html = BeautifulSoup(client.get("/en/topics/iraq/").content, "html.parser")
    assert topic_html.h1.get_text() == "#Iraq"
    assert [a.get_text() for a in topic_html.select(".teaser__title a")] == ["Tagged"]
    author_html = BeautifulSoup(client.get("/en/authors/huda-mansour/").content, "html.parser")
    assert author_html.h1.get_text() == "Huda Mansour"
    assert [a.get_text() for a in author_html.select(".teaser__title a")] == ["Tagged"]
    assert client.get("/en/topics/nowhere/").status_code == 404
    assert client.get("/en/authors/nobody/").status_code == 404


def test_topic_of_another_edition_is_not_found(client, en_home, ar_home):
    Topic.objects.create(name="العراق", slug="iraq-ar", locale=ar_home.locale)
    assert client.get("/en/topics/iraq-ar/").status_code == 404


def test_header_navigation_lists_sections_about_and_contact(client, en_home, news):
    from nashra.pages.models import ContactPage, StandardPage

    about = StandardPage(title="About Us", slug="about-us", show_in_menus=True)
    en_home.add_child(instance=about)
    contact = ContactPage(title="Contact Us", slug="contact-us", show_in_menus=True)
    en_home.add_child(instance=contact)
    html = BeautifulSoup(client.get(en_home.url).content, "html.parser")
    assert [a.get_text() for a in html.select(".main-nav a")] == ["News"]
    assert [a.get_text() for a in html.select(".utility-nav a")] == ["About Us", "Contact Us"]
    assert client.get(about.url).status_code == 200


def test_404_page_is_in_the_site_style(client, en_home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("header.site-header .site-name").get_text() == "Nashra Network"
    assert html.h1.get_text() == "Page not found"


def test_500_page_renders_without_the_database(client, settings):
    from django.template.loader import render_to_string

    html = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert html.h1.get_text() == "Something went wrong"
    assert html.html["lang"]
