"""An article as a partner receives it: one valid ninjs 2.1 document with all it shows."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.corrections.models import Correction
from nashra.live.tests.factories import LivePageFactory
from nashra.news.models import ArticlePage

from .conftest import STORY, assert_ninjs, get_json

pytestmark = pytest.mark.django_db


def item_url(article):
    return f"/{article.locale.language_code}/ninjs/items/{article.pk}/"


def body_of(item):
    (body,) = item["bodies"]
    assert body["contenttype"] == "text/html"
    return BeautifulSoup(body["value"], "html.parser")


def test_an_article_is_a_ninjs_2_1_text_item_at_its_own_address(client, story):
    published = timezone.now() - datetime.timedelta(days=2)
    article = story("en", published_at=published)

    item = get_json(client, item_url(article))

    assert_ninjs(item)
    assert item["uri"] == f"http://localhost/en/ninjs/items/{article.pk}/"
    assert item["standard"]["version"] == "2.1"
    assert item["type"] == "text"
    assert item["language"] == "en"
    assert item["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": STORY["en"]["title"]}
    ]
    assert item["descriptions"] == [
        {"role": "summary", "contenttype": "text/plain", "value": STORY["en"]["lead"]}
    ]
    assert item["firstcreated"] == published.isoformat().replace("+00:00", "Z")
    assert item["versioncreated"] == item["firstcreated"]
    assert item["pubstatus"] == "usable"
    assert item["genres"] == [{"name": "News", "literal": "news"}]
    assert item["copyrightnotice"] == "© Nashra Media Group"
    # The web page is the item's rendition as HTML: the canonical address readers share.
    assert item["renditions"] == [
        {
            "name": "web",
            "href": "http://localhost" + article.url,
            "contenttype": "text/html",
            "title": STORY["en"]["title"],
        }
    ]


def test_a_significant_update_is_the_version_date_and_every_publish_a_new_version(client, story):
    article = story("en")
    before = get_json(client, item_url(article))
    updated = timezone.now() - datetime.timedelta(minutes=5)
    page = ArticlePage.objects.get(pk=article.pk)
    page.updated_at = updated
    page.save_revision().publish()

    after = get_json(client, item_url(article))

    assert after["firstcreated"] == before["firstcreated"]
    assert after["versioncreated"] == updated.isoformat().replace("+00:00", "Z")
    assert after["version"] != before["version"]
    assert after["uri"] == before["uri"]


def test_the_body_is_plain_sanitized_html_of_every_block(client, story):
    item = get_json(client, item_url(story("en")))
    body = body_of(item)

    assert [tag.name for tag in body.find_all(recursive=False)] == [
        "p",
        "ul",
        "h2",
        "figure",  # the quote, its attribution as caption
        "figure",  # the inline image
        "figure",  # the gallery
        "figure",  # the video
        "p",
    ]
    assert body.find("b").text == "lime plaster"
    assert body.find("a")["href"] == "https://unesco.org/"
    assert [li.text for li in body.find_all("li")] == ["140 houses", "Three years"]
    assert body.find("h2").text == STORY["en"]["subheading"]
    quote = body.find("blockquote")
    assert quote.text == STORY["en"]["quote"]
    assert quote.parent.figcaption.text == STORY["en"]["attribution"]
    inline = body.find_all("figure", recursive=False)[1]
    assert inline.img["src"].startswith("http://localhost/media/images/")
    assert (inline.img["width"], inline.img["height"]) == ("640", "480")
    assert inline.img["alt"] == STORY["en"]["caption"]
    gallery = body.find_all("figure", recursive=False)[2]
    assert len(gallery.find_all("img")) == 2
    assert gallery.find_all("figcaption")[-1].text == STORY["en"]["subheading"]
    video = body.find_all("figure", recursive=False)[3]
    assert video.a["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # No page furniture: no class, no <picture>, no lightbox, no script.
    html = item["bodies"][0]["value"]
    for trace in ("class=", "<picture", "<dialog", "<button", "<script", "data-"):
        assert trace not in html
    text = " ".join(body.get_text(" ").split())
    assert STORY["en"]["lead"] not in text  # the lead is the description, not the body
    assert item["bodies"][0]["wordcount"] > 20
    assert item["bodies"][0]["charcount"] > item["bodies"][0]["wordcount"]


def test_hostile_rich_text_never_reaches_a_partner(client, article_factory, two_editions):
    hostile = (
        '<p onclick="steal()">Hello<script>alert(1)</script>'
        '<a href="javascript:alert(2)">click</a><iframe src="https://evil.example/"></iframe>'
        '<img src="x" onerror="alert(3)"><!-- secret comment --></p>'
    )
    article = article_factory(two_editions.en.news, "Hostile", body=[("paragraph", hostile)])

    html = get_json(client, item_url(article))["bodies"][0]["value"]

    assert "Hello" in html
    for trace in ("onclick", "steal", "<script", "alert", "javascript:", "iframe", "onerror"):
        assert trace not in html
    assert "secret comment" not in html


def test_links_to_other_pages_are_absolute(client, article_factory, two_editions):
    news = two_editions.en.news
    other = article_factory(news, "Earlier story")
    link = f'<p>See <a linktype="page" id="{other.pk}">the earlier story</a>.</p>'
    article = article_factory(news, "Follow-up", body=[("paragraph", link)])

    body = body_of(get_json(client, item_url(article)))

    assert body.a["href"] == "http://localhost" + other.url


def test_topics_authors_and_sources_are_named_with_their_uris(client, story, two_editions):
    en = two_editions.en
    english = get_json(client, item_url(story("en")))
    arabic = get_json(client, item_url(story("ar")))

    assert english["subjects"] == [
        {"name": "Iraq", "uri": f"urn:uuid:{en.topic.translation_key}", "literal": "iraq"}
    ]
    # A topic and its translation share one uri: partners can tell #Iraq is #العراق.
    assert arabic["subjects"][0]["uri"] == english["subjects"][0]["uri"]
    assert arabic["subjects"][0]["name"] == "العراق"
    assert english["by"] == "Huda Mansour"
    assert english["people"] == [
        {
            "name": "Huda Mansour",
            "rel": "author",
            "uri": "http://localhost/en/authors/huda-mansour/",
            "literal": "huda-mansour",
        }
    ]
    assert arabic["by"] == "هدى منصور"
    assert arabic["people"][0]["uri"].startswith("http://localhost/ar/authors/%D9%87")
    assert english["infosources"] == [{"name": "Reuters", "uri": "https://www.reuters.com/"}]
    assert arabic["infosources"] == [{"name": "رويترز", "uri": "https://www.reuters.com/"}]


def test_the_hero_image_comes_in_three_sizes(client, story):
    item = get_json(client, item_url(story("en")))

    (hero,) = [a for a in item["associations"] if a["name"] == "featureimage"]
    assert hero["type"] == "picture"
    assert [(r["width"], r["height"]) for r in hero["renditions"]] == [
        (480, 270),
        (800, 450),
        (1200, 675),
    ]
    for rendition in hero["renditions"]:
        assert rendition["contenttype"] == "image/jpeg"
        assert rendition["href"].startswith("http://localhost/media/images/")
        assert rendition["href"].endswith(".jpg")
    assert hero["descriptions"] == [
        {"role": "caption", "contenttype": "text/plain", "value": STORY["en"]["caption"]},
        {"role": "creditline", "contenttype": "text/plain", "value": STORY["en"]["credit"]},
    ]


def test_an_article_without_a_hero_has_no_picture(client, article_factory, two_editions):
    article = article_factory(two_editions.en.news, "No picture")

    item = get_json(client, item_url(article))

    assert_ninjs(item)
    assert item["associations"] == []
    assert "by" not in item


def test_public_corrections_are_the_editorial_note_and_change_the_version(client, story):
    article = story("en")
    before = get_json(client, item_url(article))
    assert "ednote" not in before
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        date=datetime.datetime(2026, 5, 3, 9, 0, tzinfo=datetime.UTC),
        text="An earlier version gave the wrong number of houses.",
    )

    after = get_json(client, item_url(article))

    assert_ninjs(after)
    assert after["ednote"] == (
        "Correction, 2026-05-03: An earlier version gave the wrong number of houses."
    )
    assert after["version"] != before["version"]
    assert after["pubstatus"] == "usable"


def test_a_retracted_article_is_canceled(client, story):
    article = story("en")
    Correction.objects.create(article=article, kind=Correction.Kind.RETRACTION, text="Withdrawn.")

    item = get_json(client, item_url(article))

    assert item["pubstatus"] == "canceled"
    assert item["ednote"].endswith("Withdrawn.")


def test_translations_link_each_other(client, translated_article):
    original, translation = translated_article

    english = get_json(client, item_url(original))
    (link,) = [a for a in english["associations"] if a["name"] == "translation"]

    assert link["language"] == "ar"
    assert link["uri"] == f"http://localhost/ar/ninjs/items/{translation.pk}/"
    assert link["headlines"][0]["value"] == translation.title
    assert link["renditions"][0]["href"].startswith("http://localhost/ar/news/middle-east/%D8")
    arabic = get_json(client, link["uri"].removeprefix("http://localhost"))
    (back,) = [a for a in arabic["associations"] if a["name"] == "translation"]
    assert back["uri"] == english["uri"]


def test_a_draft_translation_is_not_linked(client, two_editions, article_factory):
    original = article_factory(two_editions.en.middle_east, "Talks resume")
    article_factory(
        two_editions.ar.middle_east, "استئناف المحادثات", publish=False, translation_of=original
    )

    item = get_json(client, item_url(original))

    assert [a for a in item["associations"] if a["name"] == "translation"] == []


def test_the_arabic_edition_speaks_arabic_in_utf_8(client, story):
    article = story("ar")

    response = client.get(item_url(article))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Language"] == "ar"
    # The text as UTF-8, not \\u escapes: half the size for a partner reading Arabic.
    assert STORY["ar"]["title"].encode() in response.content
    assert b"\\u06" not in response.content
    item = response.json()
    assert_ninjs(item)
    assert item["language"] == "ar"
    assert item["headlines"][0]["value"] == STORY["ar"]["title"]
    assert item["genres"][0]["name"] == "خبر"
    assert body_of(item).find("h2").text == STORY["ar"]["subheading"]


def test_an_imported_article_keeps_its_own_uri_and_names_the_wire_one(
    client, article_factory, two_editions
):
    article = article_factory(two_editions.en.news, "From the wire")
    ArticlePage.objects.filter(pk=article.pk).update(wire_uri="urn:newsml:afp.com:2026:abc")

    item = get_json(client, item_url(article))

    assert item["uri"] == f"http://localhost/en/ninjs/items/{article.pk}/"
    assert {"role": "wire", "value": "urn:newsml:afp.com:2026:abc"} in item["altids"]


def test_a_live_page_is_an_item_too(client, two_editions):
    live = LivePageFactory(parent=two_editions.en.news, title="Election night")

    item = get_json(client, item_url(live))

    assert_ninjs(item)
    assert item["headlines"][0]["value"] == "Election night"


def test_an_arabic_byline_is_joined_with_the_arabic_comma(client, story, two_editions):
    from nashra.people.models import Author

    arabic_story = story("ar")
    arabic_story.authors.add(
        Author.objects.create(locale=arabic_story.locale, name="عمر سعيد", slug="omar")
    )
    arabic_story.save_revision().publish()

    byline = get_json(client, item_url(arabic_story))["by"]
    assert sorted(byline.split("، ")) == sorted(["هدى منصور", "عمر سعيد"])
