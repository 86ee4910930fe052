"""JSON-LD as a search engine reads it: parsed by extruct, checked field by field."""

import datetime
from urllib.parse import quote

import extruct
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from nashra.core.dates import zone
from nashra.home.services import get_or_create_section
from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    items = extruct.extract(response.content.decode(), syntaxes=["json-ld"], uniform=True)
    return {item["@type"]: item for item in items["json-ld"]}


def test_english_article_is_a_news_article_with_everything_a_reader_sees(client, newsroom):
    article = newsroom["en"]["article"]
    url = BASE + article.url
    data = json_ld(client, article.url)["NewsArticle"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Iraq and Iran agree on border crossing hours"
    assert data["description"] == article.lead
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["inLanguage"] == "en"
    assert data["articleSection"] == ["News", "Middle East"]
    assert data["keywords"] == ["Iraq"]
    aden = zone("Asia/Aden")
    assert data["datePublished"] == timezone.localtime(article.published_at, aden).isoformat(
        timespec="seconds"
    )
    assert data["datePublished"].endswith("+03:00")
    assert data["dateModified"] == timezone.localtime(article.updated_at, aden).isoformat(
        timespec="seconds"
    )
    assert data["author"] == [
        {"@type": "Person", "name": "Huda Mansour", "url": f"{BASE}/en/authors/huda-mansour/"}
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Nashra Network"
    assert publisher["url"] == f"{BASE}/en/"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{BASE}/static/img/logo.png",
        "width": 512,
        "height": 512,
    }
    assert publisher["sameAs"] == ["https://x.com/nashra"]
    assert data["sourceOrganization"] == [
        {"@type": "Organization", "name": "Reuters", "url": "https://www.reuters.com/"}
    ]
    assert "translationOfWork" not in data


def test_article_images_are_absolute_hero_renditions_that_exist(client, newsroom):
    article = newsroom["en"]["article"]
    images = json_ld(client, article.url)["NewsArticle"]["image"]
    assert images[0]["url"].startswith(f"{BASE}/media/images/hero")
    assert images[0]["url"].endswith(".width-1200.jpg")
    # The hero is 640×480: Wagtail never enlarges it, so the shapes are crops of the original.
    assert {(image["width"], image["height"]) for image in images} == {
        (640, 480),
        (640, 360),
        (480, 480),
    }
    assert len({image["url"] for image in images}) == len(images)
    for image in images:
        assert default_storage.exists(image["url"].removeprefix(BASE + settings.MEDIA_URL))


def test_correction_is_a_correction_comment(client, newsroom):
    article, correction = newsroom["en"]["article"], newsroom["correction"]
    comments = json_ld(client, article.url)["NewsArticle"]["correction"]
    assert comments == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": "An earlier version gave the wrong closing hour.",
            "datePublished": timezone.localtime(correction.date, zone("Asia/Aden")).isoformat(
                timespec="seconds"
            ),
            "url": f"{BASE}{article.url}#correction-{correction.pk}",
        }
    ]


def test_arabic_translation_names_its_english_original(client, newsroom):
    translation, original = newsroom["ar"]["article"], newsroom["en"]["article"]
    data = json_ld(client, translation.url)["NewsArticle"]
    assert data["headline"] == "العراق وإيران يتفقان على ساعات عمل المنفذ الحدودي"
    assert data["inLanguage"] == "ar"
    assert data["articleSection"] == ["أخبار", "الشرق الأوسط"]
    assert data["keywords"] == ["العراق"]
    assert data["author"][0]["name"] == "هدى منصور"
    assert data["author"][0]["url"] == f"{BASE}/ar/authors/{quote('هدى-منصور')}/"
    assert data["publisher"]["name"] == "شبكة نشرة"
    assert data["publisher"]["url"] == f"{BASE}/ar/"
    assert "sameAs" not in data["publisher"]
    assert data["translationOfWork"] == {
        "@type": "NewsArticle",
        "@id": f"{BASE}{original.url}#article",
        "url": BASE + original.url,
        "headline": original.title,
        "inLanguage": "en",
    }
    assert "correction" not in data


def test_breadcrumbs_match_the_visible_breadcrumb(client, newsroom):
    article, section = newsroom["en"]["article"], newsroom["en"]["section"]
    expected = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "News", "item": f"{BASE}/en/news/"},
            {
                "@type": "ListItem",
                "position": 2,
                "name": "Middle East",
                "item": f"{BASE}/en/news/middle-east/",
            },
        ],
    }
    for url in (article.url, section.url):
        data = json_ld(client, url)["BreadcrumbList"]
        assert {"@context": "https://schema.org", **expected} == data


def test_home_describes_the_organization_and_its_search(client, newsroom):
    for language, name in (("en", "Nashra Network"), ("ar", "شبكة نشرة")):
        items = json_ld(client, f"/{language}/")
        organization, site = items["NewsMediaOrganization"], items["WebSite"]
        assert organization["name"] == site["name"] == name
        assert organization["url"] == site["url"] == f"{BASE}/{language}/"
        assert organization["logo"]["url"] == f"{BASE}/static/img/logo.png"
        assert site["inLanguage"] == language
        assert site["potentialAction"] == {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{BASE}/{language}/search/?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }


def test_editors_text_cannot_break_out_of_the_json_ld_block(client, newsroom, article_factory):
    title = "Minister says </script><script>alert(1)</script> & more"
    article = article_factory(newsroom["en"]["section"], title, lead="<b>“Quoted”</b>")
    html = client.get(article.url).content.decode()
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block
    data = json_ld(client, article.url)["NewsArticle"]
    assert data["headline"] == title
    assert data["description"] == "<b>“Quoted”</b>"


def test_article_without_hero_authors_or_dates_leaves_those_fields_out(client, newsroom):
    section = get_or_create_section(newsroom["en"]["home"], "sport", "Sport")[0]
    article = ArticlePage(title="Brief", lead="A brief.", live=True)
    section.add_child(instance=article)
    ArticlePage.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    data = json_ld(client, article.url)["NewsArticle"]
    for absent in ("image", "author", "keywords", "sourceOrganization", "correction"):
        assert absent not in data
    assert data["dateModified"] == data["datePublished"]
    assert data["articleSection"] == ["Sport"]
