"""Page weight of the heaviest kind of article page, as Chromium receives it, in both editions.

Budgets: HTML, CSS, JavaScript and fonts at most 100 KB compressed (images apart); nothing
fetched from another origin; every picture but the lead one loaded lazily; one web font at most:
the Arabic edition's Naskh, preloaded once, and none in English.
"""

import gzip
from urllib.parse import urlsplit

import pytest
from django.test import Client

from nashra.core.tests.factories import gallery
from nashra.home.services import get_or_create_section

from .helpers import GALLERY_SIZE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET_BYTES = 100 * 1024
TEXT_RESOURCES = {"document", "stylesheet", "script"}
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")

EDITIONS = {
    "en": {
        "sections": [("news", "News"), ("news/yemen", "Yemen")],
        "title": "Sanaa's tower houses restored before the rains",
        "lead": "Craftsmen finished work on 140 tower houses with UNESCO funding.",
        "paragraph": "Masons rebuilt the upper floors with the lime plaster their grandfathers "
        "used, and the authority says the work will go on until 2027. ",
        "others": [
            "Heavy rain in Ibb brings flood warnings",
            "Port of Aden reopens a second berth",
        ],
    },
    "ar": {
        "sections": [("news", "أخبار"), ("news/yemen", "اليمن")],
        "title": "ترميم منازل صنعاء القديمة قبل موسم الأمطار",
        "lead": "أنجز الحرفيون ترميم 140 منزلًا برجيًا بتمويل من منظمة UNESCO.",
        "paragraph": "أعاد البناؤون بناء الطوابق العليا بالجص الذي استعمله أجدادهم، "
        "وتقول الهيئة إن العمل سيستمر حتى 2027. ",
        "others": ["أمطار غزيرة في إب وتحذيرات من السيول", "ميناء عدن يعيد فتح رصيف ثان"],
    },
}


@pytest.fixture(params=["en", "ar"])
def heavy_article(request, transactional_db, image_factory, article_factory, gallery_images):
    """A long article with a lead image, an inline image, a gallery and related articles."""
    text = EDITIONS[request.param]
    home = request.getfixturevalue(f"{request.param}_home")
    for path, title in text["sections"]:
        section = get_or_create_section(home, path, title)[0]
    for number, title in enumerate(text["others"], start=1):
        article_factory(
            section,
            title,
            lead=text["lead"],
            hero_image=image_factory(f"Related {number}", size=(1200, 800)),
        )
    hero = image_factory("Hero", caption=text["lead"], size=(1600, 900))
    inline = image_factory("Inline", caption=text["title"], size=(1200, 800))
    paragraph = ("paragraph", f"<p>{text['paragraph'] * 4}</p>")
    return article_factory(
        section,
        text["title"],
        lead=text["lead"],
        hero_image=hero,
        body=[
            *[paragraph] * 4,
            ("image", {"image": inline, "caption": "", "credit": ""}),
            *[paragraph] * 4,
            gallery(gallery_images, title=text["title"]),
            paragraph,
        ],
    )


@pytest.fixture
def responses(page, heavy_article):
    """Open the article in ``page``, scroll to its end so lazy pictures load; every response."""
    # Its pictures' renditions are made by a first view; made here, outside the browser's timeout.
    assert Client().get(heavy_article.url).status_code == 200
    responses = []
    page.on("response", lambda response: responses.append(response))
    response = page.goto(heavy_article.url, wait_until="load")
    assert response.status == 200
    page.locator("footer.site-footer").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.locator("a[data-gallery-item]").count() == GALLERY_SIZE
    return responses


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_font(response):
    return response.request.resource_type == "font" or urlsplit(response.url).path.endswith(
        FONT_SUFFIXES
    )


def test_html_css_js_and_fonts_fit_in_100_kb_compressed(responses, live_server):
    # The live server sends no compression; gzip (level 6, as proxies use) stands in for what
    # production sends: WhiteNoise's brotli files are smaller still. WOFF2 is compressed already.
    sizes = {
        response.url: len(response.body())
        if is_font(response)
        else len(gzip.compress(response.body(), compresslevel=6))
        for response in responses
        if (response.request.resource_type in TEXT_RESOURCES or is_font(response))
        and origin(response.url) == live_server.url
        and response.status == 200
    }
    kinds = {response.request.resource_type for response in responses if response.url in sizes}
    assert {"document", "stylesheet", "script"} <= kinds
    breakdown = ", ".join(f"{urlsplit(url).path}: {size} B" for url, size in sizes.items())
    assert sum(sizes.values()) <= BUDGET_BYTES, breakdown


def test_nothing_is_fetched_from_another_origin(responses, live_server):
    fetched = [response.url for response in responses if not response.url.startswith("data:")]
    assert fetched
    assert [url for url in fetched if origin(url) != live_server.url] == []


def test_only_the_lead_image_is_eager_and_high_priority(page, responses):
    images = page.locator("img").evaluate_all(
        """images => images.map(image => ({
            src: image.getAttribute("src"),
            loading: image.getAttribute("loading"),
            fetchpriority: image.getAttribute("fetchpriority"),
            lead: image.matches(".article__hero img"),
        }))"""
    )
    lead = [image for image in images if image["lead"]]
    assert len(lead) == 1
    assert lead[0]["fetchpriority"] == "high"
    assert lead[0]["loading"] != "lazy"
    # The lightbox's placeholder is an inline data: picture; it downloads nothing to defer.
    others = [i for i in images if not i["lead"] and not i["src"].startswith("data:")]
    # The inline image, the gallery's thumbnails and the related articles' pictures.
    assert len(others) >= 1 + GALLERY_SIZE + len(EDITIONS["en"]["others"])
    assert [image["src"] for image in others if image["loading"] != "lazy"] == []


def test_arabic_gets_one_preloaded_web_font_and_english_none(page, responses, heavy_article):
    fonts = [urlsplit(response.url).path for response in responses if is_font(response)]
    preloads = page.locator('link[rel="preload"][as="font"]').evaluate_all(
        "links => links.map(link => new URL(link.href).pathname)"
    )
    if heavy_article.locale.language_code == "ar":
        assert len(fonts) == 1 and "naskh-arabic" in fonts[0]
        assert preloads == fonts
        family = page.locator(".article__body p").first.evaluate(
            "p => getComputedStyle(p).fontFamily"
        )
        assert family.startswith('"Nashra Naskh"')
    else:
        assert fonts == [] and preloads == []
