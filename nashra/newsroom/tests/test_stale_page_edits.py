"""No lost updates: a save from an article's edit form loaded before a colleague's revision."""

from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import formats, timezone
from wagtail.models import PageLogEntry, Revision, WorkflowState
from wagtail.users.models import UserProfile

from nashra.accounts.tests.factories import UserFactory
from nashra.core.tests.admin_forms import form_data, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague():
    user = UserFactory(username="layla", first_name="Layla", last_name="Haddad", superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article(middle_east, article_factory, source):
    return article_factory(middle_east, "Port reopens", sources=[source])


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def save(client, url, form, action=None, **changes):
    changes.setdefault("body-count", "0")  # the body's blocks are drawn by JavaScript
    if action:
        changes[f"action-{action}"] = action
    return client.post(url, post_data(form, **changes))


def error_messages(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.select(".messages .error")


def written(article):
    """Return what a save would have added: revisions, log entries, workflows, publications."""
    article.refresh_from_db()
    return (
        Revision.objects.filter(object_id=str(article.pk)).count(),
        PageLogEntry.objects.filter(page=article).count(),
        WorkflowState.objects.count(),
        article.live_revision_id,
        article.latest_revision_id,
    )


@pytest.mark.parametrize("action", [None, "publish", "submit"])
def test_stale_save_is_refused_naming_who_saved_and_when(
    admin_client, admin_user, colleague, article, action
):
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "Asia/Aden"
    profile.save()
    mine = form_data(admin_client.get(edit_url(article)))
    theirs = form_data(colleague.get(edit_url(article)))
    assert (
        save(colleague, edit_url(article), theirs, title="Port of Aden reopens").status_code == 302
    )
    article.refresh_from_db()
    their_revision = article.latest_revision
    before = written(article)

    response = save(admin_client, edit_url(article), mine, action, title="Port reopens today")

    assert response.status_code == 200
    assert written(article) == before  # no revision, no log entry, no workflow, nothing published
    assert article.latest_revision.as_object().title == "Port of Aden reopens"
    assert article.title == "Port reopens"  # the live version
    [message] = error_messages(response)
    aden_time = formats.date_format(
        timezone.localtime(their_revision.created_at, ZoneInfo("Asia/Aden")), "DATETIME_FORMAT"
    )
    assert "Layla Haddad saved a newer version on " + aden_time in message.get_text()
    compare = message.find("a", string=lambda text: text and "Compare versions" in text)
    loaded = mine["loaded_revision_id"]
    assert compare["href"] == (
        f"/admin/pages/{article.pk}/revisions/compare/{loaded}...{their_revision.pk}/"
    )
    assert admin_client.get(compare["href"]).status_code == 200
    # The editor's input is shown again, not lost.
    assert form_data(response)["title"] == "Port reopens today"


def test_saving_the_form_shown_again_replaces_knowingly(admin_client, colleague, article):
    mine = form_data(admin_client.get(edit_url(article)))
    theirs = form_data(colleague.get(edit_url(article)))
    save(colleague, edit_url(article), theirs, title="Port of Aden reopens")
    article.refresh_from_db()
    their_revision = article.latest_revision
    refused = save(admin_client, edit_url(article), mine, title="Port reopens today")
    assert refused.status_code == 200

    again = save(admin_client, edit_url(article), form_data(refused))

    assert again.status_code == 302
    article.refresh_from_db()
    assert article.latest_revision.as_object().title == "Port reopens today"
    their_revision.refresh_from_db()  # still in the history
    assert their_revision.as_object().title == "Port of Aden reopens"


def test_stale_restore_of_an_old_revision_is_refused(admin_client, colleague, article):
    first = article.latest_revision
    article.title = "Port reopens at dawn"
    article.save_revision().publish()
    revert_url = f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/"
    mine = form_data(admin_client.get(revert_url))
    theirs = form_data(colleague.get(edit_url(article)))
    save(colleague, edit_url(article), theirs, title="Port of Aden reopens")
    before = written(article)

    response = save(admin_client, revert_url, mine, "publish")

    assert response.status_code == 200
    assert written(article) == before
    assert "Layla Haddad" in error_messages(response)[0].get_text()


def test_own_autosave_is_not_a_conflict(admin_client, article):
    """The editor's autosaves make revisions of their own while the form stays open."""
    mine = form_data(admin_client.get(edit_url(article)))
    autosave = admin_client.post(
        edit_url(article),
        post_data(mine, title="Port reopens tod", **{"body-count": "0"}),
        HTTP_ACCEPT="application/json",
    )
    assert autosave.json()["success"]

    response = save(admin_client, edit_url(article), mine, "publish", title="Port reopens today")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Port reopens today"


def test_save_from_a_current_form_is_not_refused(admin_client, colleague, article):
    theirs = form_data(colleague.get(edit_url(article)))
    save(colleague, edit_url(article), theirs, title="Port of Aden reopens")
    mine = form_data(admin_client.get(edit_url(article)))  # opened after their save

    response = save(admin_client, edit_url(article), mine, "publish", title="Port reopens today")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Port reopens today"
