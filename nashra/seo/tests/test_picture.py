"""Pictures as <picture>: a WebP source a browser picks by width, the original format after it."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from nashra.core.tests.factories import gallery
from nashra.people.models import Author

pytestmark = pytest.mark.django_db

TAG = Template(
    "{% load seo_tags %}"
    "{% srcset_img image specs sizes=sizes loading='lazy' alt=alt class='photo' %}"
)


def picture(image, specs="width-{480,800,1200}", sizes="100vw", alt="Trucks at Mandali"):
    html = TAG.render(Context({"image": image, "specs": specs, "sizes": sizes, "alt": alt}))
    return BeautifulSoup(html, "html.parser").picture


def candidates(element):
    return [candidate.split() for candidate in element["srcset"].split(", ")]


def test_the_webp_source_offers_the_same_widths_as_the_jpeg(image_factory):
    element = picture(image_factory("Hero", size=(1600, 900)))
    source, img = element.find_all(recursive=False)
    assert (source.name, source["type"], source["sizes"]) == ("source", "image/webp", "100vw")
    webp, jpeg = candidates(source), candidates(img)
    assert [width for _url, width in webp] == [width for _url, width in jpeg]
    assert [width for _url, width in jpeg] == ["480w", "800w", "1200w"]
    assert all(url.endswith(".webp") for url, _width in webp)
    assert all(url.endswith(".jpg") for url, _width in jpeg)
    assert img["src"] == jpeg[0][0]


def test_the_img_keeps_its_size_alt_and_loading(image_factory):
    img = picture(image_factory("Hero", size=(1600, 900))).img
    # The smallest rendition's size: the browser reserves the box before a byte arrives.
    assert (img["width"], img["height"]) == ("480", "270")
    assert (img["alt"], img["loading"], img["class"], img["sizes"]) == (
        "Trucks at Mandali",
        "lazy",
        ["photo"],
        "100vw",
    )
    assert picture(image_factory("Decoration"), alt="").img["alt"] == ""


def test_a_small_original_names_each_width_once_in_both_formats(image_factory):
    element = picture(image_factory("Small", size=(640, 480)))
    for element_with_srcset in (element.source, element.img):
        widths = [width for _url, width in candidates(element_with_srcset)]
        assert widths == ["480w", "640w"]


def test_a_single_width_is_a_plain_address_without_sizes(image_factory):
    element = picture(image_factory("Tiny", size=(300, 200)), specs="width-{480,800}")
    assert element.source["srcset"].endswith(".webp")
    assert " " not in element.source["srcset"]
    assert not element.source.has_attr("sizes")
    assert not element.img.has_attr("srcset") and not element.img.has_attr("sizes")


def test_an_article_page_offers_webp_for_every_picture_and_shares_a_jpeg(
    client, middle_east, article_factory, image_factory
):
    pictures = [image_factory(f"G{number}", size=(1200, 800)) for number in range(3)]
    article = article_factory(
        middle_east,
        "Gallery",
        hero_image=image_factory("Hero", size=(1600, 900)),
        body=[("image", {"image": pictures[0], "caption": "", "credit": ""}), gallery(pictures)],
    )
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    shown = html.select("main picture")
    assert len(shown) == 1 + 1 + len(pictures)
    assert all(element.select_one('source[type="image/webp"]') for element in shown)
    assert html.select_one(".article__hero picture img")["fetchpriority"] == "high"
    # Link previews and search engines get the JPEG every reader of them understands.
    assert html.select_one('meta[property="og:image"]')["content"].endswith(".jpg")


def test_an_authors_photo_is_a_picture_of_its_shown_size(client, en_home, image_factory):
    author = Author.objects.create(
        name="Huda Mansour", locale=en_home.locale, photo=image_factory("Huda", size=(600, 600))
    )
    html = BeautifulSoup(client.get(f"{en_home.url}authors/{author.slug}/").content, "html.parser")
    img = html.select_one("picture img.author__photo")
    assert (img["width"], img["height"], img["sizes"]) == ("160", "160", "10rem")
    assert [width for _url, width in candidates(img)] == ["160w", "320w"]
