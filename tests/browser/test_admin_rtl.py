"""The Wagtail editor follows the content: Arabic fields right to left, English left to right."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

from nashra.accounts.tests.factories import prefer_admin_language
from nashra.core.models import EditionSettings
from nashra.home.services import get_or_create_section

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"
BODY = '[data-contentpath="body"]'
RICH_TEXT = f"{BODY} .public-DraftEditor-content"
DIRECTION = "element => getComputedStyle(element).direction"
LANGUAGE = "element => element.closest('[lang]').lang"


@pytest.fixture
def page(page, live_server):
    """The browser page, kept off the internet, that leaves the admin cleanly at the end.

    The admin asks gravatar.com for avatars and wagtail.org for its latest release; both are
    refused. Leaving an editor sends a beacon that ends the editing session: it is awaited,
    or it would reach the server while the test's database is being emptied.
    """
    page.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)https?://"), lambda r: r.abort())
    yield page
    page.goto("about:blank")
    deadline = time.monotonic() + 5
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def editor(transactional_db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


@pytest.fixture
def arabic_editor(editor):
    return prefer_admin_language(editor, "ar")


@pytest.fixture
def ar_article(ar_home, article_factory, image_factory):
    section = get_or_create_section(ar_home, "news", "أخبار")[0]
    return article_factory(
        section,
        "افتتاح معبر حدودي جديد بين العراق وإيران",
        lead="تعبر الشاحنات من الفجر حتى منتصف الليل بموجب الاتفاق الجديد.",
        body=[
            ("paragraph", "<p>وُقّع الاتفاق يوم الأحد في بغداد.</p>"),
            ("subheading", "ما الذي يتغير للتجار"),
            ("quote", {"quote": "هذا يفتح الطريق من جديد.", "attribution": "موظف جمارك"}),
            ("image", {"image": image_factory("Mandali"), "caption": "شاحنات في مندلي"}),
        ],
    )


@pytest.fixture
def en_article(middle_east, article_factory):
    return article_factory(
        middle_east,
        "Iraq and Iran agree on border crossing hours",
        lead="Trucks will cross at Mandali from dawn to midnight under the new deal.",
        body=[("paragraph", "<p>The agreement was signed on Sunday.</p>")],
    )


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")


def open_editor(page, article):
    response = page.goto(f"/admin/pages/{article.pk}/edit/")
    assert response.status == 200
    expect(page.locator(RICH_TEXT)).to_have_count(1)


def add_paragraph(page, language):
    """Add a paragraph block at the end of the body, as an editor does, and return its editor."""
    with translation.override(language):
        label = translation.gettext("Paragraph")
    page.locator(f"{BODY} button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    editors = page.locator(RICH_TEXT)
    expect(editors).to_have_count(2)
    return editors.last


def expect_direction(locator, direction, language):
    expect(locator).to_have_attribute("dir", direction)
    assert locator.evaluate(DIRECTION) == direction
    assert locator.evaluate(LANGUAGE) == language


def test_arabic_article_is_edited_right_to_left(page, problems, editor, ar_article, artifacts_dir):
    log_in(page, editor)
    open_editor(page, ar_article)
    # The admin around the fields stays in its own language and direction.
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    assert page.locator("label[for=id_lead]").evaluate(DIRECTION) == "ltr"

    for field in (
        "#id_title",
        "#id_lead",
        "#body-1-value",  # sub-heading
        "#body-2-value-quote",
        "#body-2-value-attribution",
        "#body-3-value-caption",
    ):
        expect_direction(page.locator(field), "rtl", "ar")
    expect_direction(page.locator(RICH_TEXT), "rtl", "ar")

    new_paragraph = add_paragraph(page, "en")
    expect_direction(new_paragraph, "rtl", "ar")
    # Its first, empty line already waits on the right, before anything is typed.
    empty_line = new_paragraph.locator(".public-DraftStyleDefault-block")
    assert empty_line.evaluate(DIRECTION) == "rtl"
    assert empty_line.evaluate("element => getComputedStyle(element).textAlign") == "right"

    new_paragraph.press_sequentially("وأعلنت الوزارة ساعات العمل الجديدة.")
    expect(new_paragraph).to_contain_text("ساعات العمل")
    assert empty_line.evaluate(DIRECTION) == "rtl"
    # The block's heading repeats its text and sets its direction from it.
    summaries = page.locator(f"{BODY} .c-sf-block__title")
    expect(summaries.last).to_have_attribute("dir", "auto")
    assert problems.page_errors == []

    # The admin scrolls inside its own frame: a tall window shows the whole article at once.
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.locator("#id_title").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "admin-arabic-editor.png")


def test_english_article_stays_left_to_right_in_the_arabic_admin(
    page, problems, arabic_editor, en_article, artifacts_dir
):
    log_in(page, arabic_editor)
    open_editor(page, en_article)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.locator("label[for=id_lead]").evaluate(DIRECTION) == "rtl"

    for field in ("#id_title", "#id_lead"):
        expect_direction(page.locator(field), "ltr", "en")
    expect_direction(page.locator(RICH_TEXT), "ltr", "en")
    new_paragraph = add_paragraph(page, "ar")
    expect_direction(new_paragraph, "ltr", "en")
    new_paragraph.press_sequentially("Traders welcomed the new hours.")
    expect(new_paragraph).to_contain_text("new hours")
    assert problems.page_errors == []
    page.screenshot(path=artifacts_dir / "admin-english-article-in-arabic-admin.png")


def test_arabic_snippets_are_edited_right_to_left(page, editor, ar_home):
    log_in(page, editor)
    page.goto("/admin/snippets/topics/topic/add/?locale=ar")
    expect_direction(page.locator("#id_name"), "rtl", "ar")
    expect_direction(page.locator("#id_slug"), "rtl", "ar")

    settings = EditionSettings.objects.get(locale=ar_home.locale)
    page.goto(f"/admin/snippets/core/editionsettings/edit/{settings.pk}/")
    expect_direction(page.locator("#id_site_name"), "rtl", "ar")
    expect_direction(page.locator("#id_about_blurb"), "rtl", "ar")
    # Addresses are not Arabic text.
    assert page.locator("#id_facebook_url").evaluate(DIRECTION) == "ltr"


def test_english_snippets_stay_left_to_right_in_the_arabic_admin(page, arabic_editor, en_home):
    log_in(page, arabic_editor)
    page.goto("/admin/snippets/topics/topic/add/?locale=en")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect_direction(page.locator("#id_name"), "ltr", "en")
