"""Writers submit, the section's editors review: the "Newsroom review" workflow in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from nashra.news.models import ArticlePage
from nashra.newsroom.services import section_groups

from .factories import article_data, make_member

pytestmark = pytest.mark.django_db

COMMENT = "Name the source of the casualty figures."


def act(client, article, action, **data):
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    return client.post(url, data)


def awaiting_review(client):
    """Return the text of the dashboard's review queue panel ("" when absent)."""
    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").find(
        id="review-queue-content"
    )
    return panel.get_text(" ", strip=True) if panel else ""


def test_writer_submits_editor_requests_changes_then_approves(
    client_for, writer, editor, middle_east, source
):
    client = client_for(writer)
    response = client.post(
        f"/admin/pages/add/news/articlepage/{middle_east.pk}/",
        article_data("Port reopens", "port", source, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="port")
    assert article.workflow_in_progress
    assert article.current_workflow_state.workflow.name == "Newsroom review"

    # The writer cannot approve their own work.
    act(client, article, "approve")
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_task_state.status == "in_progress"

    client = client_for(editor)
    assert "Port reopens" in awaiting_review(client)
    assert act(client, article, "reject", comment=COMMENT).status_code == 302
    article.refresh_from_db()
    assert not article.live

    client = client_for(writer)
    edit_view = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert COMMENT in edit_view
    resubmit = article_data("Port reopens", "port", source, **{"action-submit": "submit"})
    resubmit["lead"] = "Ships berthed on Monday, the port authority said."
    assert client.post(f"/admin/pages/{article.pk}/edit/", resubmit).status_code == 302

    client = client_for(editor)
    article = ArticlePage.objects.get(pk=article.pk)
    assert act(client, article, "approve").status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.lead == "Ships berthed on Monday, the port authority said."
    assert client.get(article.url).status_code == 200


def test_review_queue_lists_only_what_the_user_may_publish(
    client_for, writer, editor, chief, culture, middle_east, article_factory, source
):
    article = article_factory(middle_east, "Port reopens", publish=False, sources=[source])
    article.get_workflow().start(article, writer)
    other_editor = make_member("culture-editor", "Editors", section_groups(culture)[1])

    for user, expected in ((editor, True), (chief, True), (other_editor, False), (writer, False)):
        assert ("Port reopens" in awaiting_review(client_for(user))) is expected, user.username
