"""Printing an article: the story without the site's menus, and each link's full address."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AFTER = "link => getComputedStyle(link, '::after').content"


@pytest.fixture
def story(transactional_db, middle_east, article_factory):
    return article_factory(
        middle_east,
        "Basra port extends opening hours",
        lead="From Sunday.",
        body=[
            (
                "paragraph",
                '<p>The <a href="https://example.org/notice">port notice</a> and our '
                '<a href="/en/news/">news section</a>.</p>',
            )
        ],
    )


def test_print_leaves_out_menus_and_writes_out_link_addresses(page, live_server, story):
    page.goto(story.url)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")

    for hidden in (".main-nav", ".site-tools", ".share", ".site-footer__links", "form"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.locator("h1.article__headline")).to_be_visible()

    outside = page.locator(".article__body a", has_text="port notice")
    inside = page.locator(".article__body a", has_text="news section")
    assert outside.evaluate(AFTER) == '" <https://example.org/notice>"'
    # A link within the site is written with its host, as the reader would type it.
    assert inside.evaluate(AFTER) == f'" <{live_server.url}/en/news/>"'


def test_on_screen_links_carry_no_written_address(page, story):
    page.goto(story.url)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    link = page.locator(".article__body a", has_text="port notice")
    assert link.evaluate(AFTER) in ("none", "normal")
    expect(page.locator(".main-nav")).to_be_visible()
