"""Live pages in Chromium: an open page follows the live desk without a reload.

A reader's page asks for the newest updates every ``NASHRA_LIVE_POLL_SECONDS`` (1 s here);
new ones wait behind a "1 new update" button until the reader asks for them, polling pauses
while the tab is hidden and stops once the coverage has ended. Without JavaScript the page is
whole: the updates, the key events and "Older updates" are plain HTML and links.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from nashra.accounts.tests.factories import UserFactory
from nashra.live import services
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory, paragraph
from nashra.newsroom import roles
from nashra.newsroom.services import section_groups
from nashra.newsroom.tests.factories import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POLL_SECONDS = 1
# Long enough for more than three polls.
QUIET_MS = 3_500
PASSWORD = "pw"  # make_member's
RICH_TEXT = '[data-contentpath="body"] .public-DraftEditor-content'
UPDATES = "ol[data-live-updates]"
ITEMS = f"{UPDATES} > li"
# What readers see; the Arabic wordings are those of locale/ar/LC_MESSAGES/django.po, with
# Arabic's own plural form for one ("%(count)s new update", msgstr[1]).
TEXT = {
    "en": {
        "title": "Ceasefire talks in Cairo: live",
        "lead": "Egypt and Qatar mediate between the two sides for a third day.",
        "key": "Second round announced",
        "first": "Delegations arrived at the venue this morning.",
        "new": "The mediators announced a second round of talks for Thursday.",
        "one_new": "1 new update",
        "ended": "This live coverage has ended.",
    },
    "ar": {
        "title": "محادثات وقف إطلاق النار في القاهرة: تغطية مباشرة",
        "lead": "مصر وقطر تتوسطان بين الطرفين لليوم الثالث.",
        "key": "الإعلان عن جولة ثانية",
        "first": "وصلت الوفود إلى مكان المحادثات صباح اليوم.",
        "new": "أعلن الوسطاء جولة ثانية من المحادثات يوم الخميس.",
        "one_new": "تحديث جديد واحد",
        "ended": "انتهت هذه التغطية المباشرة.",
    },
}
# Makes the page's script believe its tab is hidden, or shown again.
SET_HIDDEN = """hidden => {
  Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
  Object.defineProperty(document, "visibilityState", {
    configurable: true, get: () => (hidden ? "hidden" : "visible"),
  });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@pytest.fixture(autouse=True)
def _poll_every_second(settings):
    # Read by the live server's thread each time it renders a live page.
    settings.NASHRA_LIVE_POLL_SECONDS = POLL_SECONDS


@pytest.fixture(params=["en", "ar"])
def language(request):
    return request.param


@pytest.fixture
def section(request, language, transactional_db, ar_home):
    """The edition's News › Middle East."""
    return request.getfixturevalue("middle_east" if language == "en" else "ar_middle_east")


@pytest.fixture
def live_page(section, language):
    """A live page on the air, with one update."""
    text = TEXT[language]
    page = LivePageFactory(parent=section, title=text["title"], lead=text["lead"])
    LiveUpdateFactory(page=page, body=paragraph(text["first"]))
    return page


@pytest.fixture
def superuser(transactional_db):
    return UserFactory(username="chief", password=PASSWORD, superuser=True)


def off_the_internet(page, live_server):
    """Refuse what the admin asks of other sites (avatars, Wagtail's latest release)."""
    page.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)https?://"), lambda r: r.abort())
    return page


def is_poll(request_or_response):
    return request_or_response.url.endswith("/updates/")


def count_polls(page):
    """A list that grows by one each time ``page`` asks for the newest updates."""
    polls = []
    page.on("request", lambda request: is_poll(request) and polls.append(request.url))
    return polls


def open_live_page(page, live_page):
    """Open the live page, marked so that a reload would show (the mark would be gone)."""
    response = page.goto(live_page.url, wait_until="load")
    assert response.status == 200
    # The page was rendered with the test's setting, after the fixture changed it.
    expect(page.locator("[data-live]")).to_have_attribute("data-live-interval", str(POLL_SECONDS))
    page.evaluate("window.__loadedOnce = 1")
    return page


def wait_for_poll(page):
    """Wait until the page has its next answer from the server (within a few intervals)."""
    with page.expect_response(is_poll, timeout=5_000):
        pass


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")


def post_on_the_desk(desk, live_page, text, direction):
    """Type an update into the desk's form and publish it, as an editor does.

    The desk is in its edition's language: an editor of the Arabic desk works in the Arabic
    admin, so the button and the message are read in the admin's language.
    """
    admin_language = desk.locator("html").get_attribute("lang") or "en"
    desk.goto(f"/admin/live/{live_page.pk}/")
    # The form starts with the one paragraph an update needs, in the content's direction.
    body = desk.locator(RICH_TEXT)
    expect(body).to_have_count(1)
    expect(body).to_have_attribute("dir", direction)
    assert body.evaluate("element => getComputedStyle(element).direction") == direction
    body.press_sequentially(text)
    # Draftail copies what was typed into the form's field a moment later.
    stored = desk.locator("input[name='body-0-value']")
    expect(stored).to_have_value(re.compile(re.escape(text)))
    with translation.override(admin_language):
        publish, published = gettext("Publish update"), gettext("Update published.")
    desk.get_by_role("button", name=publish).click()
    expect(desk.locator(".messages")).to_contain_text(published)


def test_an_open_page_shows_a_new_update_when_the_reader_asks(
    language, section, live_page, make_context, live_server
):
    text = TEXT[language]
    reader = open_live_page(make_context().new_page(), live_page)
    expect(reader.locator(UPDATES)).to_contain_text(text["first"])
    bar = reader.locator("[data-live-bar]")
    expect(bar).to_be_hidden()
    top = reader.locator(ITEMS).first.bounding_box()["y"]

    editor = make_member("editor", roles.EDITORS, section_groups(section)[1])
    desk = off_the_internet(make_context().new_page(), live_server)
    log_in(desk, editor)
    post_on_the_desk(desk, live_page, text["new"], "rtl" if language == "ar" else "ltr")
    desk.goto("about:blank")

    button = bar.get_by_role("button")
    expect(button).to_have_text(text["one_new"])
    expect(reader.locator("[data-live-status]")).to_have_text(text["one_new"])
    # Nothing moves under the reader's eyes until they ask (the bar's room was kept).
    expect(reader.locator(ITEMS)).to_have_count(1)
    expect(reader.locator(UPDATES)).not_to_contain_text(text["new"])
    moved = reader.locator(ITEMS).first.bounding_box()["y"] - top
    button.click()
    expect(reader.locator(ITEMS)).to_have_count(2)
    newest = reader.locator(ITEMS).first.locator("[data-update-id]")
    expect(newest).to_contain_text(text["new"])
    expect(newest).to_be_focused()
    expect(reader.locator(ITEMS).nth(1)).to_contain_text(text["first"])
    expect(bar).to_be_hidden()
    assert reader.evaluate("window.__loadedOnce") == 1
    assert abs(moved) <= 1, f"the updates moved {moved:.2f} px when the bar showed"


def test_without_javascript_the_updates_key_events_and_older_pages_work(middle_east, make_context):
    live_page = LivePageFactory(parent=middle_east, title=TEXT["en"]["title"])
    now = timezone.now()
    updates = {
        n: LiveUpdateFactory(
            page=live_page,
            published_at=now - datetime.timedelta(minutes=n),
            body=paragraph(f"Update number {n}."),
            title={3: "Talks resume", 23: "Delegations arrive"}.get(n, ""),
            is_key_event=n in (3, 23),
        )
        for n in range(1, 26)
    }
    page = make_context(java_script_enabled=False).new_page()
    page.goto(live_page.url, wait_until="load")
    expect(page.locator(ITEMS)).to_have_count(20)
    expect(page.locator(ITEMS).first).to_contain_text("Update number 1.")
    expect(page.locator(ITEMS).last).to_contain_text("Update number 20.")
    expect(page.locator("[data-live-bar]")).to_be_hidden()
    key_events = page.get_by_role("navigation", name="Key events")
    expect(key_events.get_by_role("link")).to_have_text(
        [re.compile("Talks resume"), re.compile("Delegations arrive")]
    )

    page.get_by_role("link", name="Older updates").click()
    expect(page).to_have_url(re.compile(rf"\?from={updates[21].pk}$"))
    expect(page.locator(ITEMS)).to_have_count(5)
    expect(page.locator(ITEMS).first).to_contain_text("Update number 21.")
    expect(page.locator(ITEMS).last).to_contain_text("Update number 25.")
    expect(page.get_by_role("link", name="Older updates")).to_have_count(0)
    page.get_by_role("link", name="Newest updates").click()
    expect(page.locator(ITEMS)).to_have_count(20)

    # A key event beyond the first page leads to the page that holds it.
    key_events.get_by_role("link", name=re.compile("Delegations arrive")).click()
    expect(page).to_have_url(re.compile(rf"\?from={updates[23].pk}#update-{updates[23].pk}$"))
    expect(page.locator(f"#update-{updates[23].pk}")).to_contain_text("Update number 23.")
    expect(page.locator(ITEMS)).to_have_count(3)


def test_polling_pauses_while_the_tab_is_hidden(middle_east, make_context):
    live_page = LivePageFactory(parent=middle_east, title=TEXT["en"]["title"])
    page = make_context().new_page()
    polls = count_polls(page)
    open_live_page(page, live_page)
    wait_for_poll(page)
    # Hidden just after an answer, before the next poll is due.
    page.evaluate(SET_HIDDEN, True)
    asked = len(polls)
    page.wait_for_timeout(QUIET_MS)
    assert len(polls) == asked, "the page polled while its tab was hidden"

    with page.expect_request(is_poll, timeout=1_000):
        page.evaluate(SET_HIDDEN, False)
    wait_for_poll(page)
    wait_for_poll(page)
    assert len(polls) >= asked + 2
    assert page.evaluate("window.__loadedOnce") == 1


def test_the_page_says_when_the_coverage_has_ended_and_stops_polling(
    live_page, language, superuser, make_context
):
    page = make_context().new_page()
    polls = count_polls(page)
    open_live_page(page, live_page)
    notice = page.locator("[data-live-notice]")
    expect(notice).to_be_hidden()
    wait_for_poll(page)

    services.set_coverage_end(live_page, superuser, timezone.now())
    expect(notice).to_have_text(TEXT[language]["ended"])
    expect(notice).to_be_visible()
    asked = len(polls)
    page.wait_for_timeout(QUIET_MS)
    assert len(polls) == asked, "the page still polls after the coverage ended"
    assert page.evaluate("window.__loadedOnce") == 1


def test_the_new_updates_bar_fits_phones_and_desktops(
    language, live_page, superuser, make_context, artifacts_dir
):
    text = TEXT[language]
    LiveUpdateFactory(
        page=live_page,
        published_at=timezone.now() - datetime.timedelta(minutes=5),
        title=text["key"],
        body=paragraph(text["new"]),
        is_key_event=True,
        is_pinned=True,
    )
    page = make_context(viewport={"width": 360, "height": 800}).new_page()
    open_live_page(page, live_page)
    wait_for_poll(page)
    services.post_update(live_page, superuser, body=paragraph(text["new"]))
    expect(page.locator("[data-live-show]")).to_have_text(text["one_new"])
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        expect(page.locator("[data-live-bar]")).to_be_visible()
        assert overflow(page) <= 0, f"{language} live page scrolls sideways at {width} px"
        page.screenshot(path=artifacts_dir / f"live-{language}-{width}.png", full_page=True)
