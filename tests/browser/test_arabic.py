"""The Arabic edition in Chromium: right to left for real, gallery in reading direction."""

import pytest
from playwright.sync_api import expect

from nashra.core.tests.factories import gallery
from nashra.home.services import get_or_create_section

from .helpers import GALLERY_SIZE, LARGE
from .test_gallery import mouse_swipe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def arabic_article(transactional_db, ar_home, image_factory, article_factory, gallery_images):
    news = get_or_create_section(ar_home, "news", "أخبار")[0]
    yemen = get_or_create_section(ar_home, "news/yemen", "اليمن")[0]
    assert news.live
    hero = image_factory("Hero", caption="سوق الملح في صنعاء القديمة", size=(1600, 900))
    article_factory(yemen, "أمطار غزيرة في إب وتحذيرات من السيول", lead="حذّرت السلطات من السيول.")
    return article_factory(
        yemen,
        "ترميم منازل صنعاء القديمة قبل موسم الأمطار",
        lead="أنجز الحرفيون ترميم 140 منزلًا برجيًا بتمويل من منظمة UNESCO.",
        hero_image=hero,
        body=[
            ("paragraph", "<p>قال مسؤول في الهيئة إن العمل سيستمر حتى 2027.</p>"),
            ("subheading", "أساليب قديمة"),
            ("quote", {"quote": "نعيد البيوت كما بناها الأجداد.", "attribution": "بنّاء"}),
            gallery(gallery_images, title="من ورش الترميم"),
        ],
    )


@pytest.fixture
def large_urls(gallery_images):
    return [image.get_rendition(LARGE).url for image in gallery_images]


def lightbox(page):
    return page.get_by_role("dialog", name="معرض الصور")


def expect_image(page, number, large_urls):
    dialog = lightbox(page)
    expect(dialog.locator("[data-lightbox-counter]")).to_have_text(f"{number} / {GALLERY_SIZE}")
    expect(dialog.locator("img[data-lightbox-image]")).to_have_attribute(
        "src", large_urls[number - 1]
    )


def open_lightbox(page, thumbs, number, large_urls):
    thumbs.nth(number - 1).click()
    expect(lightbox(page)).to_be_visible()
    expect_image(page, number, large_urls)
    return lightbox(page)


def box(locator):
    return locator.bounding_box()


def test_arabic_article_reads_right_to_left(page, problems, arabic_article, artifacts_dir):
    page.goto(arabic_article.url, wait_until="load")
    assert page.locator("html").get_attribute("lang") == "ar"
    article = page.locator("article.article")
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    crumbs = page.locator("nav.breadcrumb li")
    expect(crumbs).to_have_text(["أخبار", "اليمن"])
    # The first crumb stands right-most, the way Arabic reads.
    assert box(crumbs.nth(0))["x"] > box(crumbs.nth(1))["x"]
    headline = page.locator("h1")
    assert (
        box(headline)["x"] + box(headline)["width"] > box(article)["x"] + box(article)["width"] - 2
    )
    # A Latin name inside the Arabic lead is isolated, not scrambled.
    expect(page.locator(".article__lead bdi")).to_have_text(["140", "UNESCO"])
    page.screenshot(path=str(artifacts_dir / "arabic-article.png"), full_page=True)
    problems.assert_none()


def test_arabic_home_page(page, problems, arabic_article, ar_home, artifacts_dir):
    page.goto(ar_home.url, wait_until="load")
    assert page.locator("body").evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(page.locator(".top-story h2")).to_have_text(arabic_article.title)
    page.screenshot(path=str(artifacts_dir / "arabic-home.png"), full_page=True)
    problems.assert_none()


def test_gallery_follows_the_reading_direction(page, problems, arabic_article, large_urls):
    page.goto(arabic_article.url, wait_until="load")
    thumbs = page.locator("a[data-gallery-item]")
    # Thumbnails flow right to left too.
    assert box(thumbs.nth(0))["x"] > box(thumbs.nth(1))["x"]
    dialog = open_lightbox(page, thumbs, 3, large_urls)
    # "Previous" sits on the right, "Next" on the left.
    previous = dialog.locator("[data-lightbox-prev]")
    following = dialog.locator("[data-lightbox-next]")
    assert box(previous)["x"] > box(following)["x"]
    page.keyboard.press("ArrowLeft")
    expect_image(page, 4, large_urls)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect_image(page, 2, large_urls)
    # A swipe towards the right brings the next picture, as a page turns in Arabic.
    mouse_swipe(page, dialog.locator(".lightbox__caption"), 120)
    expect_image(page, 3, large_urls)
    expect(lightbox(page)).to_be_visible()
    problems.assert_none()
