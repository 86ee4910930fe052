"""Sharing in Chromium: a gallery image's own address, and the Copy link button."""

import pytest
from playwright.sync_api import expect

from .helpers import PageProblems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DIALOG = "dialog[data-lightbox]"


def image_anchors(page, article):
    """Open ``article`` and return the anchor of each gallery image, in gallery order."""
    response = page.goto(article.url, wait_until="load")
    assert response.status == 200
    return [a.get_attribute("id") for a in page.locator("a[data-gallery-item]").all()]


def expect_counter(page, number):
    expect(page.locator(f"{DIALOG} [data-lightbox-counter]")).to_have_text(f"{number} / 8")


def test_an_image_address_opens_the_lightbox_on_that_image(
    page, problems, gallery_article, large_urls
):
    anchors = image_anchors(page, gallery_article)
    assert len(set(anchors)) == 8 and all(anchors)
    page.goto("about:blank")
    page.goto(f"{gallery_article.url}#{anchors[3]}", wait_until="load")
    expect(page.locator(f"{DIALOG}[open]")).to_have_count(1)
    expect_counter(page, 4)
    expect(page.locator(f"{DIALOG} img[data-lightbox-image]")).to_have_attribute(
        "src", large_urls[3]
    )
    expect(page.get_by_role("button", name="Close gallery")).to_be_focused()
    problems.assert_none()


def test_the_address_follows_the_image_shown_and_closing_clears_it(page, problems, gallery_article):
    anchors = image_anchors(page, gallery_article)
    history_length = page.evaluate("history.length")
    page.locator("a[data-gallery-item]").nth(2).click()
    expect_counter(page, 3)
    assert page.evaluate("location.hash") == f"#{anchors[2]}"
    page.keyboard.press("ArrowRight")
    expect_counter(page, 4)
    assert page.evaluate("location.hash") == f"#{anchors[3]}"
    page.get_by_role("button", name="Previous image").click()
    page.get_by_role("button", name="Previous image").click()
    expect_counter(page, 2)
    assert page.evaluate("location.hash") == f"#{anchors[1]}"
    # Moving through the images adds no step to the Back button.
    assert page.evaluate("history.length") == history_length
    page.keyboard.press("Escape")
    expect(page.locator(f"{DIALOG}[open]")).to_have_count(0)
    page.wait_for_function("location.hash === ''")
    assert "#" not in page.url
    # An image's address typed or followed on the open page opens it too.
    page.evaluate(f"location.hash = '#{anchors[6]}'")
    expect(page.locator(f"{DIALOG}[open]")).to_have_count(1)
    expect_counter(page, 7)
    problems.assert_none()


def test_copy_link_copies_the_article_address(make_context, gallery_article):
    page = make_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    problems = PageProblems(page)
    page.goto(gallery_article.url, wait_until="load")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    share = page.locator("[data-share]")
    expect(share.get_by_role("link", name="Share on WhatsApp")).to_be_visible()
    copy = share.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    # The system share sheet is offered only where the browser has one.
    more = share.locator("[data-share-native]")
    if page.evaluate("typeof navigator.share === 'function'"):
        expect(more).to_be_visible()
    else:
        expect(more).to_be_hidden()
    status = share.get_by_role("status")
    expect(status).to_have_text("")
    copy.click()
    expect(status).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    problems.assert_none()


def test_without_javascript_only_the_plain_links_show(make_context, gallery_article):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(gallery_article.url, wait_until="load")
    share = page.locator("[data-share]")
    expect(share.get_by_role("link", name="Share on Telegram")).to_be_visible()
    expect(share.locator("[data-share-copy]")).to_be_hidden()
    expect(share.locator("[data-share-native]")).to_be_hidden()
