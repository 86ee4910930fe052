"""The article page's photo gallery and its lightbox, in Chromium."""

import pytest
from playwright.sync_api import expect

from .helpers import GALLERY_SIZE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DIALOG = "dialog[data-lightbox]"
FOCUS_IN_DIALOG = f"() => document.querySelector('{DIALOG}').contains(document.activeElement)"
IS_FOCUSED = "element => element === document.activeElement"


def open_article(page, article):
    response = page.goto(article.url, wait_until="load")
    assert response.status == 200
    return page.locator("a[data-gallery-item]")


def lightbox(page):
    return page.get_by_role("dialog", name="Photo gallery")


def expect_image(page, number, large_urls, timeout=5_000):
    """The lightbox shows image ``number`` (1-based): counter, caption, credit and big image."""
    dialog = lightbox(page)
    expect(dialog.locator("[data-lightbox-counter]")).to_have_text(
        f"{number} / {GALLERY_SIZE}", timeout=timeout
    )
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text(f"Scene {number}")
    expect(dialog.locator("[data-lightbox-credit]")).to_have_text(f"Photo: Nashra {number}")
    image = dialog.locator("img[data-lightbox-image]")
    expect(image).to_have_attribute("src", large_urls[number - 1])
    expect(image).to_have_attribute("alt", f"Scene {number}")


def open_lightbox(page, thumbs, number, large_urls):
    thumbs.nth(number - 1).click()
    dialog = lightbox(page)
    expect(dialog).to_be_visible()
    expect(page.locator(f"{DIALOG}[open]")).to_have_count(1)
    expect_image(page, number, large_urls)
    return dialog


def test_article_page_renders_without_errors(page, problems, gallery_article, artifacts_dir):
    thumbs = open_article(page, gallery_article)
    expect(page.locator("h1")).to_have_text("Iraq and Iran agree on border crossing hours")
    expect(page.locator("nav.breadcrumb a")).to_have_text(["News", "Middle East"])
    expect(thumbs).to_have_count(GALLERY_SIZE)
    # The lightbox stays closed until a thumbnail is chosen.
    expect(page.locator(DIALOG)).to_be_hidden()
    # Every picture on the page (hero and thumbnails) actually loaded.
    for image in page.locator("main img:visible").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
    page.screenshot(path=artifacts_dir / "article-page.png", full_page=True)
    problems.assert_none()


def test_thumbnail_opens_lightbox_on_its_image(
    page, problems, gallery_article, large_urls, artifacts_dir
):
    thumbs = open_article(page, gallery_article)
    dialog = open_lightbox(page, thumbs, 3, large_urls)
    assert page.evaluate(FOCUS_IN_DIALOG)
    expect(dialog.get_by_role("button", name="Close gallery")).to_be_focused()
    big_image = dialog.locator("img[data-lightbox-image]")
    expect(big_image).to_have_js_property("complete", True)
    assert big_image.evaluate("img => img.naturalWidth") == 1200
    # Everything needed is on screen: the close button and both arrows.
    for name in ("Close gallery", "Previous image", "Next image"):
        expect(dialog.get_by_role("button", name=name)).to_be_in_viewport()
    expect(big_image).to_be_in_viewport()
    page.screenshot(path=artifacts_dir / "gallery-open.png")
    problems.assert_none()


def test_arrow_keys_move_through_the_images_and_wrap_around(
    page, problems, gallery_article, large_urls
):
    thumbs = open_article(page, gallery_article)
    open_lightbox(page, thumbs, 3, large_urls)
    page.keyboard.press("ArrowRight")
    expect_image(page, 4, large_urls)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect_image(page, 2, large_urls)
    page.keyboard.press("ArrowLeft")
    expect_image(page, 1, large_urls)
    page.keyboard.press("ArrowLeft")
    expect_image(page, 8, large_urls)
    page.keyboard.press("ArrowRight")
    expect_image(page, 1, large_urls)
    # The on-screen arrows do the same.
    lightbox(page).get_by_role("button", name="Previous image").click()
    expect_image(page, 8, large_urls)
    lightbox(page).get_by_role("button", name="Next image").click()
    expect_image(page, 1, large_urls)
    problems.assert_none()


def test_tab_keeps_focus_inside_the_dialog(page, problems, gallery_article, large_urls):
    thumbs = open_article(page, gallery_article)
    open_lightbox(page, thumbs, 3, large_urls)
    seen = set()
    for _ in range(7):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IN_DIALOG)
        seen.add(page.evaluate("document.activeElement.textContent"))
    assert seen == {"Close gallery", "Previous image", "Next image"}
    for _ in range(7):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(FOCUS_IN_DIALOG)
    # Tabbing does not change the image.
    expect_image(page, 3, large_urls)
    problems.assert_none()


def test_close_button_closes_and_returns_focus_to_the_thumbnail(
    page, problems, gallery_article, large_urls
):
    thumbs = open_article(page, gallery_article)
    dialog = open_lightbox(page, thumbs, 3, large_urls)
    dialog.get_by_role("button", name="Close gallery").click()
    expect(page.locator(DIALOG)).to_be_hidden()
    expect(page.locator(f"{DIALOG}[open]")).to_have_count(0)
    assert thumbs.nth(2).evaluate(IS_FOCUSED)
    problems.assert_none()


def test_escape_closes_and_returns_focus_to_the_thumbnail(
    page, problems, gallery_article, large_urls
):
    thumbs = open_article(page, gallery_article)
    lightbox_ = open_lightbox(page, thumbs, 3, large_urls)
    lightbox_.get_by_role("button", name="Close gallery").click()
    expect(page.locator(DIALOG)).to_be_hidden()
    # Reopened from another thumbnail, the lightbox starts at that one.
    open_lightbox(page, thumbs, 6, large_urls)
    page.keyboard.press("Escape")
    expect(page.locator(DIALOG)).to_be_hidden()
    assert thumbs.nth(5).evaluate(IS_FOCUSED)
    problems.assert_none()


def mouse_swipe(page, locator, dx):
    """Press the mouse in the middle of ``locator``, drag it ``dx`` pixels sideways, release."""
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


def touch_swipe(page, locator, dx):
    """A one-finger horizontal swipe, sent as raw touch events through the DevTools protocol."""
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 9):
        point = {"x": x + dx * step / 8, "y": y}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_swiping_with_the_mouse_moves_between_images(page, problems, gallery_article, large_urls):
    thumbs = open_article(page, gallery_article)
    dialog = open_lightbox(page, thumbs, 3, large_urls)
    # Swipe over the caption; over the photo itself, see the next test.
    caption = dialog.locator(".lightbox__caption")
    mouse_swipe(page, caption, -120)
    expect_image(page, 4, large_urls)
    mouse_swipe(page, caption, 120)
    mouse_swipe(page, caption, 120)
    expect_image(page, 2, large_urls)
    # A short drag is not a swipe.
    mouse_swipe(page, caption, -20)
    expect_image(page, 2, large_urls)
    expect(lightbox(page)).to_be_visible()
    problems.assert_none()


def test_swiping_the_photo_with_the_mouse_moves_to_the_next_image(
    page, gallery_article, large_urls
):
    thumbs = open_article(page, gallery_article)
    dialog = open_lightbox(page, thumbs, 3, large_urls)
    big_image = dialog.locator("img[data-lightbox-image]")
    expect(big_image).to_have_js_property("complete", True)
    mouse_swipe(page, big_image, -120)
    expect_image(page, 4, large_urls, timeout=1_000)


def test_swiping_with_a_finger_moves_to_the_next_image(make_context, gallery_article, large_urls):
    context = make_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    thumbs = open_article(page, gallery_article)
    thumbs.nth(2).tap()
    dialog = lightbox(page)
    expect_image(page, 3, large_urls)
    touch_swipe(page, dialog.locator(".lightbox__caption"), -120)
    expect_image(page, 4, large_urls, timeout=1_000)


def test_counter_is_not_hidden_by_the_arrows_on_a_narrow_screen(
    make_context, gallery_article, large_urls
):
    page = make_context(viewport={"width": 320, "height": 640}).new_page()
    thumbs = open_article(page, gallery_article)
    open_lightbox(page, thumbs, 3, large_urls)
    counter = lightbox(page).locator("[data-lightbox-counter]")
    topmost = counter.evaluate(
        """counter => {
            const box = counter.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            return document.elementFromPoint(x, y) === counter;
        }"""
    )
    assert topmost, "the counter is covered by another element"


def test_without_javascript_every_thumbnail_links_to_its_large_image(
    make_context, live_server, gallery_article, large_urls
):
    page = make_context(java_script_enabled=False).new_page()
    thumbs = open_article(page, gallery_article)
    expect(thumbs).to_have_count(GALLERY_SIZE)
    assert [a.get_attribute("href") for a in thumbs.all()] == large_urls
    assert all(url.endswith(".webp") for url in large_urls)
    expect(page.locator(DIALOG)).to_be_hidden()
    with page.expect_navigation() as navigation:
        thumbs.nth(2).click()
    response = navigation.value
    assert response.ok
    assert response.headers["content-type"] == "image/webp"
    assert page.url == f"{live_server.url}{large_urls[2]}"
