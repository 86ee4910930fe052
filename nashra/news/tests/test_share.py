"""The article's share links: plain links to each network, the article's address encoded."""

from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string

from nashra.core.tests.factories import NashraImageFactory, gallery

pytestmark = pytest.mark.django_db

TITLE = "Iraq & Iran agree on border crossing hours"
AR_TITLE = "العراق وإيران يتفقان على ساعات المعبر"


def html_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def share_links(html):
    return {
        a["aria-label"]: a["href"] for a in html.select("[data-share] a.share__link[aria-label]")
    }


def expected_links(url, title):
    u, t = quote(url, safe=""), quote(title, safe="")
    return {
        "Share on WhatsApp": f"https://wa.me/?text={t}%20{u}",
        "Share on Telegram": f"https://t.me/share/url?url={u}&text={t}",
        "Share on X": f"https://x.com/intent/post?url={u}&text={t}",
        "Share on Facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "Share by email": f"mailto:?subject={t}&body={u}",
    }


def test_share_links_carry_the_canonical_address_and_title(client, middle_east, article_factory):
    article = article_factory(middle_east, TITLE)
    html = html_of(client.get(article.url))
    canonical = html.select_one("link[rel=canonical]")["href"]
    assert canonical == f"http://testserver{article.url}"
    assert share_links(html) == expected_links(canonical, TITLE)
    share = html.select_one("[data-share]")
    assert share["data-share-url"] == canonical
    assert share["data-share-title"] == TITLE


def test_arabic_title_is_percent_encoded_and_labels_translated(
    client, ar_middle_east, article_factory
):
    article = article_factory(ar_middle_east, AR_TITLE)
    html = html_of(client.get(article.url))
    canonical = html.select_one("link[rel=canonical]")["href"]
    links = [a["href"] for a in html.select("[data-share] a.share__link")]
    english = expected_links(canonical, AR_TITLE)
    assert links == list(english.values())
    # Nothing but ASCII in the links: the title and the Arabic path are UTF-8, percent-encoded.
    assert all(href.isascii() for href in links)
    assert quote(AR_TITLE, safe="") in links[0]
    whatsapp = html.select_one("[data-share] a.share__link")
    assert whatsapp["aria-label"] == "مشاركة عبر واتساب"
    assert html.select_one("[data-share] ul")["aria-label"] == "مشاركة"


def test_web_links_open_apart_and_send_no_referrer(client, middle_east, article_factory):
    article = article_factory(middle_east, TITLE)
    html = html_of(client.get(article.url))
    for a in html.select("[data-share] a.share__link"):
        if a["href"].startswith("mailto:"):
            assert "target" not in a.attrs
        else:
            assert a["target"] == "_blank"
            assert set(a["rel"]) == {"noopener", "noreferrer"}


def test_buttons_wait_for_the_script_to_find_browser_support(client, middle_east, article_factory):
    article = article_factory(middle_east, TITLE)
    html = html_of(client.get(article.url))
    share = html.select_one("[data-share]")
    assert share.select_one("[data-share-copy]").has_attr("hidden")
    assert share.select_one("[data-share-native]").has_attr("hidden")
    status = share.select_one("[data-share-status]")
    assert status["aria-live"] == "polite"
    assert status["data-copied"] == "Link copied"
    assert status.get_text() == ""


def test_no_third_party_script_image_or_frame(client, middle_east, article_factory, image_factory):
    article = article_factory(
        middle_east, TITLE, body=[gallery([image_factory("One"), image_factory("Two")])]
    )
    html = html_of(client.get(article.url))
    sources = [tag["src"] for tag in html.select("script[src], img[src], iframe[src]")]
    assert sources
    assert all(not urlsplit(src).netloc for src in sources), sources
    assert html.select("script[src$='js/share.js'][defer]")


def test_address_follows_the_host_and_drops_the_query(client, middle_east, article_factory):
    """The article's cached fragment is shared by every host it is read at; these links not."""
    article = article_factory(middle_east, TITLE)
    first = html_of(client.get(article.url, HTTP_HOST="localhost"))
    second = html_of(client.get(f"{article.url}?utm_source=feed", HTTP_HOST="127.0.0.1"))
    assert first.select_one("[data-share]")["data-share-url"] == f"http://localhost{article.url}"
    url = f"http://127.0.0.1{article.url}"
    assert second.select_one("[data-share]")["data-share-url"] == url
    assert second.select_one("link[rel=canonical]")["href"] == url


def test_component_shares_any_address_given(rf):
    request = rf.get("/en/live/")
    html = BeautifulSoup(
        render_to_string(
            "components/share.html",
            {"url": "https://example.org/en/live/#update-7", "title": "Update 7: roads open"},
            request=request,
        ),
        "html.parser",
    )
    assert share_links(html) == expected_links(
        "https://example.org/en/live/#update-7", "Update 7: roads open"
    )


def test_gallery_images_have_stable_unique_anchors(client, middle_east, article_factory):
    article = article_factory(
        middle_east, TITLE, body=[gallery(NashraImageFactory.create_batch(3))]
    )
    ids = [a["id"] for a in html_of(client.get(article.url)).select("a[data-gallery-item]")]
    assert len(set(ids)) == 3
    assert all(id_.startswith("image-") and len(id_) == len("image-") + 8 for id_ in ids)
    # Rendered afresh from the database, not from the cached fragment.
    for alias in settings.CACHES:
        caches[alias].clear()
    again = [a["id"] for a in html_of(client.get(article.url)).select("a[data-gallery-item]")]
    assert again == ids
