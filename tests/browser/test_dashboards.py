"""Each newsroom role's dashboard in a browser: the Arabic editor's review queue, the writer's
returned draft, and every role's day at a desktop's and a phone's width.

Full-page screenshots go to test-artifacts/dashboards/<role>-<width>.png.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from nashra.accounts.tests.factories import UserFactory
from nashra.demo.accounts import create_demo_accounts
from nashra.demo.desk_day import COMMENT, stage_desk_day
from nashra.news.tests.factories import ArticlePageFactory
from nashra.newsroom import roles
from nashra.newsroom.services import section_groups
from nashra.sources.tests.factories import SourceFactory

from . import test_admin_rtl as admin_rtl
from .test_fits_phones import OVERFLOWING
from .test_newsroom_flow import PASSWORD, log_in, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The page kept off the internet that leaves the admin cleanly: it waits for the editing
# session to end while the browser is still open to send the beacon that ends it.
page = admin_rtl.page

AR_TITLE = "وصول سفينتي وقود إلى ميناء عدن وتحسن في ساعات الكهرباء"
EN_TITLE = "Fishermen return to Mocha harbour after two years"
# The editor's first call home: its scripts are running, so leaving it ends its editing
# session (left sooner, the session outlives the test and the teardown waits for it in vain).
EDITOR_READY = "**/admin/editing-sessions/ping/**"
PHONE = 360
WIDTHS = (1280, PHONE)
HEIGHT = 800
STICKING_OUT = """main => {
  const box = main.getBoundingClientRect();
  const beyond = (r) =>
    r.width || r.height ? Math.max(r.right - box.right, box.left - r.left, 0) : 0;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const c of el.classList) name += "." + c;
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const found = [];
  for (const el of main.querySelectorAll("*")) {
    const amount = beyond(el.getBoundingClientRect());
    if (amount <= 1 || beyond(el.parentElement.getBoundingClientRect()) >= amount - 0.5) continue;
    found.push([describe(el), amount]);
  }
  return found.sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([name, amount]) => `${name} by ${Math.round(amount)} px`);
}"""


def arabic(message):
    with translation.override("ar"):
        return translation.gettext(message)


def approve_and_publish_label(article, user):
    """The Arabic label of the task's approval without a comment, as Wagtail's menu shows it.

    On a workflow's last task Wagtail adds "and Publish" to the label of every approval.
    """
    task = article.current_workflow_task.specific
    with translation.override("ar"):
        label = next(
            str(label)
            for name, label, asks_for_comment in task.get_actions(article, user)
            if name == "approve" and not asks_for_comment
        )
        return translation.gettext("%(label)s and Publish") % {"label": label}


def in_review(article, writer):
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)
    return article


@pytest.fixture
def arabic_desk(ar_news):
    """An Arabic writer's article waiting in the review queue of an editor of "أخبار" only."""
    writers, editors = section_groups(ar_news)
    writer = member("writer-ar", roles.WRITERS, writers)
    editor = UserFactory(username="editor-ar", password=PASSWORD, groups=[editors])
    article = ArticlePageFactory(
        parent=ar_news,
        title=AR_TITLE,
        lead="أفرغت ناقلتان حمولتهما خلال الليل.",
        sources=[SourceFactory(name="سبأ", language="ar")],
        owner=writer,
        draft=True,
    )
    return editor, in_review(article, writer)


def test_arabic_editor_approves_from_the_review_queue(page, arabic_desk):
    editor, article = arabic_desk
    heading = arabic("Review queue, oldest first")
    assert heading != "Review queue, oldest first", "the Arabic catalogue lacks the heading"

    log_in(page, editor)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#review-queue-heading")).to_contain_text(heading)
    row = page.locator("#review-queue-content tr", has_text=AR_TITLE)
    expect(row).to_contain_text(arabic("submitted by %(name)s") % {"name": "writer-ar"})

    with page.expect_response(EDITOR_READY):
        row.get_by_role("link", name=arabic("Review"), exact=True).click()
    assert page.url.endswith(f"/admin/pages/{article.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=approve_and_publish_label(article, editor), exact=True).click()
    expect(page.locator(".messages .success")).not_to_be_empty()

    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    response = page.goto(article.url)
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(AR_TITLE)

    page.goto("/admin/")
    queue = page.locator("#review-queue-content")
    expect(queue).to_contain_text(arabic("Nothing is waiting for your review."))
    expect(queue).not_to_contain_text(AR_TITLE)


@pytest.fixture
def returned_draft(middle_east):
    """A writer's draft the section editor sent back with a comment."""
    writers, editors = section_groups(middle_east)
    writer = member("writer", roles.WRITERS, writers)
    editor = UserFactory(
        username="editor",
        password=PASSWORD,
        first_name="Salma",
        last_name="Haddad",
        groups=[roles.EDITORS, editors],
    )
    article = in_review(
        ArticlePageFactory(parent=middle_east, title=EN_TITLE, owner=writer, draft=True), writer
    )
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=COMMENT)
    return writer, article


def test_writer_sees_the_returned_draft_with_the_comment(page, returned_draft):
    writer, article = returned_draft
    log_in(page, writer)
    drafts = page.locator("#my-drafts-content")
    expect(drafts).to_contain_text(EN_TITLE)
    expect(drafts).to_contain_text("Salma Haddad asked for changes:")
    expect(drafts).to_contain_text(COMMENT)

    with page.expect_response(EDITOR_READY):
        drafts.get_by_role("link", name=EN_TITLE, exact=True).click()
    assert page.url.endswith(f"/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(EN_TITLE)


@pytest.fixture
def desk_day(settings, tmp_path, monkeypatch, middle_east, ar_news, admin_user):
    """The demo's accounts and their day on the desks, with some of today's articles read."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("NASHRA_DEMO_PASSWORD", PASSWORD)
    create_demo_accounts(io.StringIO())
    ArticlePageFactory(parent=middle_east, title="Iraq and Iran agree on border crossing hours")
    ArticlePageFactory(parent=ar_news, title="العراق وإيران يتفقان على ساعات المعبر")
    stage_desk_day()


# The panel each role's day starts with.
ROLES = {
    "writer": "my-drafts",
    "editor": "review-queue",
    "chief": "edition-day-en",
    "editor-ar": "review-queue",
}


def sticking_out(page):
    """Name what sticks out of the phone's width, farthest first.

    The admin scrolls inside its <main>, which hides what runs past its sides, so the page
    itself never scrolls sideways: what matters is what runs out of <main>. Listed are the
    elements whose parent does not stick out as far (where the overflow starts).
    """
    return page.locator("#main").evaluate(STICKING_OUT)


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_fits_a_desktop_and_a_phone(page, desk_day, role, artifacts_dir):
    folder = artifacts_dir / "dashboards"
    folder.mkdir(exist_ok=True)
    log_in(page, get_user_model().objects.get(username=role))
    main = page.locator("#main")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.goto("/admin/")
        expect(page.locator(f"#{ROLES[role]}-content")).to_be_visible()
        if width == PHONE:
            document = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
            assert document <= 1, page.evaluate(OVERFLOWING)
            inside = main.evaluate("main => main.scrollWidth - main.clientWidth")
            assert inside <= 1, sticking_out(page)
        # A window as tall as the dashboard shows all of it in one screenshot.
        height = main.evaluate("main => main.scrollHeight")
        page.set_viewport_size({"width": width, "height": max(height, HEIGHT)})
        page.screenshot(path=folder / f"{role}-{width}.png", full_page=True)
