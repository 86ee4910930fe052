"""Dark mode in Chromium: the device's choice by default, the reader's choice kept across pages."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAPER = "getComputedStyle(document.body).backgroundColor"
WHITE = "rgb(255, 255, 255)"
DARK = "rgb(18, 18, 18)"


@pytest.fixture
def story(transactional_db, middle_east, article_factory):
    return article_factory(middle_east, "Basra port extends opening hours", lead="From Sunday.")


def test_a_dark_device_gets_the_dark_theme_and_a_light_one_the_light(make_context, story):
    for scheme, paper in (("dark", DARK), ("light", WHITE)):
        page = make_context(color_scheme=scheme).new_page()
        page.goto(story.url)
        assert page.evaluate(PAPER) == paper


def test_the_readers_choice_is_kept_on_the_next_page_without_a_flash(
    make_context, problems, page, en_home, story
):
    page.goto(story.url)
    toggle = page.locator(".theme-toggle--icon")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(PAPER) == DARK

    # The next page is dark from its first paint: the inline script runs before the body.
    page.goto(en_home.url, wait_until="commit")
    page.wait_for_selector("body", state="attached")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.wait_for_load_state("load")
    assert page.evaluate(PAPER) == DARK
    expect(page.locator(".theme-toggle--icon")).to_have_attribute("aria-pressed", "true")
    problems.assert_none()


def test_on_a_phone_the_theme_switch_is_in_the_menu(make_context, story):
    page = make_context(viewport={"width": 360, "height": 740}, color_scheme="dark").new_page()
    page.goto(story.url)
    expect(page.locator(".theme-toggle--icon")).to_be_hidden()
    page.locator("details.site-menu summary").click()
    toggle = page.locator(".site-menu .theme-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    assert page.evaluate(PAPER) == WHITE
    page.reload()
    assert page.evaluate(PAPER) == WHITE


def test_without_javascript_the_theme_follows_the_device_and_no_button_shows(make_context, story):
    page = make_context(java_script_enabled=False, color_scheme="dark").new_page()
    page.goto(story.url)
    expect(page.locator("body")).to_have_css("background-color", DARK)
    for toggle in page.locator("[data-theme-toggle]").all():
        expect(toggle).to_be_hidden()
