import base64
import datetime
import hashlib

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.core.tests.factories import gallery
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(middle_east, en_home, image_factory, article_factory):
    locale = en_home.locale
    hero = image_factory(
        "Hero", caption="Smoke over the port", credit="Photo: A. Saleh", size=(1600, 1000)
    )
    pictures = [
        image_factory(f"Gallery {n}", caption=f"Scene {n}", credit="Nashra") for n in range(8)
    ]
    iraq = Topic.objects.create(name="Iraq", locale=locale)
    iran = Topic.objects.create(name="Iran", locale=locale)
    press_tv = Source.objects.create(
        name="Press TV", url="https://www.presstv.ir/", kind=Source.Kind.BROADCASTER, locale=locale
    )
    author = Author.objects.create(name="Huda Mansour", locale=locale)
    now = timezone.now()
    article = article_factory(
        middle_east,
        "Iraq and Iran agree on border crossing hours",
        lead="Trucks will cross at Mandali from dawn to midnight under the new deal.",
        published_at=now - datetime.timedelta(days=95),
        updated_at=now - datetime.timedelta(days=2),
        hero_image=hero,
        topics=[iraq, iran],
        sources=[press_tv],
        authors=[author],
        body=[
            ("paragraph", "<p>The agreement was signed on Sunday.</p>"),
            ("subheading", "What changes for traders"),
            ("quote", {"quote": "This opens the road again.", "attribution": "A customs officer"}),
            gallery(pictures, title="At the crossing"),
        ],
    )
    return article


@pytest.fixture
def page_html(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_article_url_is_under_the_edition_prefix(article):
    assert article.url == "/en/news/middle-east/iraq-and-iran-agree-on-border-crossing-hours/"


def test_article_elements_appear_in_reading_order(page_html):
    article = page_html.select_one("main article.article")
    markers = [
        article.select_one("nav.breadcrumb"),
        article.select_one("h1"),
        article.select_one(".article__lead"),
        article.select_one(".article__byline"),
        article.select_one("time.article__published"),
        article.select_one("figure.article__hero"),
        article.select_one(".article__body"),
        article.select_one(".article__source"),
        article.select_one(".article__topics"),
    ]
    assert all(markers), markers
    order = [list(article.descendants).index(marker) for marker in markers]
    assert order == sorted(order)
    related = page_html.select_one("aside.related")
    assert related is None or list(page_html.descendants).index(related) > list(
        page_html.descendants
    ).index(article)


def test_breadcrumb_links_news_then_middle_east(page_html):
    links = page_html.select("nav.breadcrumb a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("News", "/en/news/"),
        ("Middle East", "/en/news/middle-east/"),
    ]


def test_headline_lead_and_byline(page_html):
    assert page_html.h1.get_text() == "Iraq and Iran agree on border crossing hours"
    assert "Trucks will cross at Mandali" in page_html.select_one(".article__lead").get_text()
    byline = page_html.select_one(".article__byline")
    assert "By" in byline.get_text()
    assert byline.a["href"] == "/en/authors/huda-mansour/"


def test_relative_date_inside_time_with_full_date_title(page_html, article):
    published = page_html.select_one("time.article__published")
    assert published.get_text() == "3 months ago"
    assert published["datetime"] == article.published_at.replace(microsecond=0).isoformat()
    assert str(article.published_at.year) in published["title"]
    updated = page_html.select_one(".article__updated")
    assert "Updated" in updated.get_text()
    assert updated.time.get_text() == "2 days ago"


def test_hero_image_with_caption_credit_and_srcset(page_html):
    hero = page_html.select_one("figure.article__hero")
    assert hero.img["fetchpriority"] == "high"
    assert "loading" not in hero.img.attrs
    assert len(hero.img["srcset"].split(",")) == 3
    assert "Smoke over the port" in hero.figcaption.get_text()
    assert "Photo: A. Saleh" in hero.figcaption.get_text()


def test_body_has_subheading_and_attributed_quote(page_html):
    body = page_html.select_one(".article__body")
    assert body.select_one("h2.block-subheading").get_text() == "What changes for traders"
    quote = body.select_one(".block-quote")
    assert quote.blockquote.get_text(strip=True) == "This opens the road again."
    assert quote.cite.get_text() == "A customs officer"


def test_source_is_linked(page_html):
    source = page_html.select_one(".article__source")
    assert source.get_text(" ", strip=True) == "Source: Press TV"
    assert source.a["href"] == "https://www.presstv.ir/"


def test_hashtags_link_to_topic_pages(client, page_html):
    tags = page_html.select(".article__topics a")
    assert sorted((a.get_text(), a["href"]) for a in tags) == [
        ("#Iran", "/en/topics/iran/"),
        ("#Iraq", "/en/topics/iraq/"),
    ]
    topic_page = client.get("/en/topics/iraq/")
    assert topic_page.status_code == 200
    assert b"Iraq and Iran agree on border crossing hours" in topic_page.content


def test_gallery_thumbnails_link_to_large_images_and_lightbox_markup(page_html):
    gallery = page_html.select_one("[data-gallery]")
    thumbs = gallery.select("a[data-gallery-item]")
    assert len(thumbs) == 8
    # Without JavaScript every image stays reachable as a plain link.
    assert all(a["href"].endswith(".webp") for a in thumbs)
    assert thumbs[2]["data-caption"] == "Scene 2"
    dialog = gallery.select_one("dialog[data-lightbox]")
    assert dialog.select_one("[data-lightbox-close]").get_text() == "Close gallery"


def test_related_articles_from_the_same_section(client, article, middle_east, article_factory):
    sibling = article_factory(middle_east, "Basra port extends opening hours")
    response = client.get(article.url)
    html = BeautifulSoup(response.content, "html.parser")
    related = [a.get_text() for a in html.select("aside.related .teaser__title a")]
    assert related == [sibling.title]


def test_header_blurb_and_footer(page_html):
    header = page_html.select_one("header.site-header")
    assert header.select_one(".site-name").get_text() == "Nashra Network"
    # On a phone the blurb would push the story down: an article keeps it for its footer.
    assert page_html.select(".site-blurb") == []
    footer = page_html.select_one("footer.site-footer")
    assert footer.h2.get_text() == "Who we are"
    assert "This page is the English version of" in footer.get_text()
    year = timezone.now().year
    assert f"Copyright by Nashra Media Group {year} ©" in footer.select_one(".copyright").get_text()


def test_html_lang_and_dir(page_html):
    assert page_html.html["lang"] == "en"
    assert page_html.html["dir"] == "ltr"


def test_no_inline_script_or_style_and_strict_csp(client, article):
    response = client.get(article.url)
    html = BeautifulSoup(response.content, "html.parser")
    # JSON-LD is a data block, not script: the CSP does not apply to it. The one inline script
    # applies the reader's theme before the first paint; the CSP allows it by its hash alone.
    scripts = html.find_all("script")
    inline = [s for s in scripts if not s.get("src") and s.get("type") != "application/ld+json"]
    assert len(inline) == 1 and "nashra-theme" in inline[0].string
    assert not html.find_all("style")
    assert not html.select("[style]")
    assert not [tag for tag in html.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    digest = base64.b64encode(hashlib.sha256(inline[0].string.encode()).digest()).decode()
    assert script_src.split() == ["script-src", "'self'", f"'sha256-{digest}'"]
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    style_src = next(part for part in csp.split(";") if part.strip().startswith("style-src"))
    assert "unsafe-inline" not in style_src


def test_draft_article_is_not_public(client, middle_east, article_factory):
    draft = article_factory(middle_east, "Not yet", publish=False)
    assert client.get(f"/en/news/middle-east/{draft.slug}/").status_code == 404


def test_the_blurb_introduces_the_home_page(client, en_home, article):
    html = BeautifulSoup(client.get(en_home.url).content, "html.parser")
    assert "This page is the English version of" in html.select_one("main .site-blurb").get_text()
