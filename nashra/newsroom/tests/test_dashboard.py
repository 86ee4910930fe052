"""Each role's dashboard shows its day, links straight to the action, at a fixed query cost."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nashra.analytics.counting import hour_of
from nashra.analytics.models import ArticleViews
from nashra.corrections.tests.factories import CorrectionFactory
from nashra.curation.models import BreakingNews
from nashra.live.tests.factories import LivePageFactory
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups

from .factories import make_member

pytestmark = pytest.mark.django_db

COMMENT = "Name the source of the casualty figures."


def panel(client, panel_id):
    """Return the panel's element on the dashboard, or None when it is not there."""
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    return html.find(id=f"{panel_id}-content")


def text(element):
    return element.get_text(" ", strip=True) if element is not None else ""


def links(element):
    return {a.get_text(strip=True): a["href"] for a in element.find_all("a")}


def returned_draft(article, writer, editor, comment=COMMENT):
    """Submit the article as the writer, and have the editor ask for changes."""
    article.get_workflow().start(article, writer)
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=comment)


def scheduled(article, user, hours=3):
    article.go_live_at = timezone.now() + datetime.timedelta(hours=hours)
    article.save_revision(user=user).publish(user=user)
    return article


def test_the_writers_day(client_for, writer, editor, middle_east, article_factory, image_factory):
    draft = article_factory(middle_east, "Port reopens", publish=False, owner=writer)
    returned_draft(draft, writer, editor)
    waiting = article_factory(middle_east, "Grain ships wait", publish=False, owner=writer)
    waiting.get_workflow().start(waiting, writer)
    scheduled(article_factory(middle_east, "Talks resume", publish=False, owner=writer), editor)
    published = article_factory(middle_east, "Border opens", owner=writer)
    CorrectionFactory(article=published, text="The crossing opens at six, not five.")
    article_factory(middle_east, "Someone else's story", publish=False)

    client = client_for(writer)
    drafts = panel(client, "my-drafts")
    assert "Port reopens" in text(drafts)
    assert COMMENT in text(drafts) and "editor asked for changes" in text(drafts)
    assert links(drafts)["Edit"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert "Someone else's story" not in text(drafts)
    assert "Grain ships wait" in text(panel(client, "my-waiting"))
    assert "Grain ships wait" not in text(drafts)
    assert "Talks resume" in text(panel(client, "my-scheduled"))
    assert "Border opens" in text(panel(client, "my-published-today"))
    corrections = text(panel(client, "my-corrections"))
    assert "Border opens" in corrections and "not five" in corrections
    # Nothing of the editor's or the chief's day.
    assert panel(client, "review-queue") is None
    assert panel(client, "edition-day-en") is None


def test_the_section_editors_day(client_for, writer, editor, middle_east, culture, article_factory):
    now = timezone.now()
    older = article_factory(middle_east, "Waiting since morning", publish=False, owner=writer)
    older.get_workflow().start(older, writer)
    newer = article_factory(middle_east, "Waiting a minute", publish=False, owner=writer)
    newer.get_workflow().start(newer, writer)
    elsewhere = article_factory(culture, "A culture story", publish=False)
    elsewhere.get_workflow().start(elsewhere, writer)
    scheduled(article_factory(middle_east, "Goes live at noon", publish=False), editor, hours=5)
    scheduled(article_factory(middle_east, "Goes live next week", publish=False), editor, 150)
    article_factory(
        middle_east,
        "Embargoed report",
        publish=False,
        embargo_until=now + datetime.timedelta(hours=2),
    )

    client = client_for(editor)
    queue = panel(client, "review-queue")
    assert text(queue).index("Waiting since morning") < text(queue).index("Waiting a minute")
    assert "A culture story" not in text(queue)
    assert "submitted by writer" in text(queue)
    review_links = [a["href"] for a in queue.find_all("a", string="Review")]
    assert review_links[0] == reverse("wagtailadmin_pages:edit", args=[older.pk])
    soon = text(panel(client, "scheduled-soon"))
    assert "Goes live at noon" in soon and "Goes live next week" not in soon
    assert "Cancel schedule" in soon
    assert "Embargoed report" in text(panel(client, "embargoes-ending"))
    # An editor with no drafts of their own is not shown an empty writer's panel.
    assert panel(client, "my-drafts") is None


def test_the_chief_editors_day(client_for, chief, middle_east, ar_news, article_factory):
    story = article_factory(middle_east, "Ceasefire holds")
    article_factory(middle_east, "Markets rally")
    article_factory(ar_news, "خبر عربي")
    BreakingNews.objects.create(locale=middle_east.locale, text="Ceasefire declared", article=story)
    LivePageFactory(parent=middle_east, title="Election night, live")
    ArticleViews.objects.create(
        page=story, locale=story.locale, hour=hour_of(timezone.now()), views=340
    )

    client = client_for(chief)
    day = panel(client, "edition-day-en")
    assert "Ceasefire declared" in text(day)
    assert "Election night, live" in text(day)
    assert "340 views" in text(day)
    assert "Middle East" in text(day)
    day_links = links(day)
    assert day_links["Post updates"].startswith("/admin/live/")
    assert day_links["Unpublish"] == reverse("wagtailadmin_pages:unpublish", args=[story.pk])
    assert "Edit or withdraw" in day_links
    # The other edition's day belongs to its own chief.
    assert panel(client, "edition-day-ar") is None
    assert "خبر عربي" not in text(day)


def dashboard_queries(client):
    """The queries of a dashboard once the site's address is cached (the first view looks it up)."""
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_a_writers_dashboard_costs_the_same_for_two_items_or_twelve(
    client_for, writer, editor, middle_east, article_factory
):
    def add(count, start):
        for n in range(start, start + count):
            draft = article_factory(middle_east, f"Draft {n}", publish=False, owner=writer)
            returned_draft(draft, writer, editor, comment=f"Fix {n}")
            waiting = article_factory(middle_east, f"Waiting {n}", publish=False, owner=writer)
            waiting.get_workflow().start(waiting, writer)
            published = article_factory(middle_east, f"Out {n}", owner=writer)
            CorrectionFactory(article=published, text=f"Correction {n}")

    client = client_for(writer)
    add(2, 0)
    few = dashboard_queries(client)
    add(10, 2)
    assert dashboard_queries(client) == few
    assert "Fix 11" in text(panel(client, "my-drafts"))


def test_an_editors_dashboard_costs_the_same_for_two_reviews_or_twelve(
    client_for, writer, editor, middle_east, article_factory
):
    def add(count, start):
        for n in range(start, start + count):
            waiting = article_factory(middle_east, f"Waiting {n}", publish=False, owner=writer)
            waiting.get_workflow().start(waiting, writer)
            scheduled(article_factory(middle_east, f"Soon {n}", publish=False), editor)

    client = client_for(editor)
    add(2, 0)
    few = dashboard_queries(client)
    add(10, 2)
    assert dashboard_queries(client) == few
    assert "2 more are waiting" in text(panel(client, "review-queue"))


def test_a_chiefs_dashboard_costs_the_same_for_two_stories_or_twelve(
    client_for, middle_east, news, en_home, article_factory
):
    chief = make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))

    def add(count, start):
        for n in range(start, start + count):
            section = middle_east if n % 2 else news
            story = article_factory(section, f"Story {n}")
            ArticleViews.objects.create(
                page=story, locale=story.locale, hour=hour_of(timezone.now()), views=n + 1
            )
            LivePageFactory(parent=section, title=f"Live {n}")

    client = client_for(chief)
    add(2, 0)
    few = dashboard_queries(client)
    add(10, 2)
    assert dashboard_queries(client) == few


def test_the_arabic_editor_reviews_in_arabic(client_for, ar_news, article_factory):
    editor_ar = make_member("editor-ar", roles.EDITORS, section_groups(ar_news)[1])
    writer_ar = make_member("katib", roles.WRITERS, section_groups(ar_news)[0])
    article = article_factory(ar_news, "افتتاح معبر حدودي", publish=False, owner=writer_ar)
    article.get_workflow().start(article, writer_ar)

    html = BeautifulSoup(client_for(editor_ar).get("/admin/").content, "html.parser")
    queue = html.find(id="review-queue-section")
    assert html.html["dir"] == "rtl"
    assert queue.find("h2").get_text(strip=True) == "قائمة المراجعة، الأقدم أولًا"
    title = queue.find("a", string="افتتاح معبر حدودي")
    assert (title["lang"], title["dir"]) == ("ar", "rtl")


def test_a_writer_who_left_a_desk_no_longer_sees_its_drafts(
    client_for, writer, culture, middle_east, article_factory
):
    article_factory(middle_east, "Still my desk", publish=False, owner=writer)
    article_factory(culture, "Left behind in Culture", publish=False, owner=writer)
    drafts = text(panel(client_for(writer), "my-drafts"))
    assert "Still my desk" in drafts
    assert "Left behind in Culture" not in drafts


def test_a_writer_withdraws_a_submission_from_the_dashboard(
    client_for, writer, editor, middle_east, article_factory
):
    article = article_factory(middle_east, "Second thoughts", publish=False, owner=writer)
    article.get_workflow().start(article, writer)
    client = client_for(writer)
    form = panel(client, "my-waiting").find("form")
    assert form.find("button").get_text(strip=True) == "Withdraw"

    response = client.post(form["action"])
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.workflow_in_progress
    assert "Second thoughts" in text(panel(client, "my-drafts"))
    assert "Second thoughts" not in text(panel(client_for(editor), "review-queue"))


def test_no_one_withdraws_anothers_submission(client_for, writer, middle_east, article_factory):
    article = article_factory(middle_east, "Not yours", publish=False, owner=writer)
    article.get_workflow().start(article, writer)
    colleague = make_member("colleague", roles.WRITERS, section_groups(middle_east)[0])
    url = reverse("nashra_withdraw_submission", args=[article.pk])

    # Wagtail's admin answers a refusal with its "no permission" message on the dashboard.
    refused = client_for(colleague).post(url, follow=True)
    assert "do not have permission" in refused.content.decode()
    assert client_for(writer).get(url).status_code == 405
    # Its owner, once moved off the desk, cannot either.
    writer.groups.remove(section_groups(middle_east)[0])
    refused = client_for(writer).post(url, follow=True)
    assert "do not have permission" in refused.content.decode()
    article.refresh_from_db()
    assert article.workflow_in_progress
