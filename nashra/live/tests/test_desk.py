"""The live desk as the newsroom uses it: who may post, publish, edit, delete, end coverage.

Every change goes through the admin's views (the block editor's POST format), commits as an
editor's request would, and is checked where a reader sees it: the public live page.
"""

import datetime
import re
import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from nashra.corrections.models import Correction
from nashra.home.services import get_or_create_section
from nashra.live import services
from nashra.live.models import LivePage, LiveUpdate
from nashra.live.wagtail_hooks import live_desk_header_button
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups
from nashra.newsroom.tests.factories import make_member

from .factories import LivePageFactory, LiveUpdateFactory, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_page(middle_east):
    return LivePageFactory(parent=middle_east, title="Ceasefire talks live")


@pytest.fixture
def client_for():
    """A client of its own for each member: a test often needs two people at once."""

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


def update_data(text, title="", **extra):
    """What the desk's form posts for an update of one paragraph."""
    body = streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])
    return nested_form_data({"title": title, "body": body, "author": "", **extra})


def desk_url(page, name="nashra_live_desk", update=None):
    return reverse(name, args=[page.pk] if update is None else [page.pk, update.pk])


def public(page):
    """The live page as an anonymous reader gets it."""
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def notice(html):
    """The text of the page's coverage notice (empty while the coverage is on the air)."""
    match = re.search(r'<p class="live__notice[^"]*"[^>]*>(.*?)</p>', html, re.S)
    return match.group(1).strip()


def refused(response):
    """Wagtail's admin answers PermissionDenied with the dashboard and "Sorry, you do not have
    permission to access this area." (a bare 403 only to a script's request)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def not_found(response):
    """An admin address that is not found is first sent under the edition prefix (/en/admin/…,
    the project's LocaleMiddleware), where it is not found either."""
    return response.status_code == 404 and all(
        url.startswith("/en/admin/") for url, _status in response.redirect_chain
    )


def log_entries(action):
    return ModelLogEntry.objects.filter(action=action)


def test_editor_publishes_an_update_without_a_page_revision(client_for, editor, live_page, commit):
    revisions = live_page.revisions.count()

    response = commit(
        client_for(editor).post,
        desk_url(live_page),
        update_data("Negotiators arrive in Cairo.", title="Talks begin", publish="1"),
    )

    assert response.status_code == 302
    assert response["Location"] == desk_url(live_page)
    update = LiveUpdate.objects.get(page=live_page)
    assert update.is_published and update.published_at is not None
    assert update.created_by == editor
    html = public(live_page)
    assert "Negotiators arrive in Cairo." in html and "Talks begin" in html
    page = LivePage.objects.get(pk=live_page.pk)
    assert page.revisions.count() == revisions
    assert not page.has_unpublished_changes
    entry = log_entries("nashra.live.publish").get()
    assert entry.user == editor and entry.data["page"] == live_page.pk


def test_writers_post_is_a_draft_until_an_editor_publishes_it(
    client_for, writer, editor, live_page, commit
):
    writer_client = client_for(writer)
    assert "Publish update" not in writer_client.get(desk_url(live_page)).content.decode()
    assert "Publish update" in client_for(editor).get(desk_url(live_page)).content.decode()

    commit(
        writer_client.post, desk_url(live_page), update_data("Smoke over the port.", publish="1")
    )

    update = LiveUpdate.objects.get(page=live_page)
    assert update.status == LiveUpdate.Status.DRAFT and update.published_at is None
    assert "Smoke over the port." not in public(live_page)
    # The draft waited a while for its editor; readers see when it was published.
    LiveUpdate.objects.filter(pk=update.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    before = timezone.now()

    response = commit(client_for(editor).post, desk_url(live_page, "nashra_live_publish", update))

    assert response.status_code == 302
    update.refresh_from_db()
    assert update.is_published and update.published_at >= before
    html = public(live_page)
    assert "Smoke over the port." in html
    stamp = update.published_at.astimezone(datetime.UTC).isoformat(timespec="seconds")
    assert f'datetime="{stamp}"' in html


def test_writers_publish_their_updates_when_the_page_says_so(
    client_for, writer, middle_east, commit
):
    page = LivePageFactory(parent=middle_east, writers_publish_updates=True)

    commit(client_for(writer).post, desk_url(page), update_data("Roads reopen.", publish="1"))

    assert LiveUpdate.objects.get(page=page).is_published
    assert "Roads reopen." in public(page)


def test_writers_who_publish_change_only_their_own_updates(
    client_for, writer, editor, middle_east, commit
):
    """Publishing their own is all the page lets its writers do: not an editor's update, not
    a colleague's draft."""
    page = LivePageFactory(parent=middle_east, writers_publish_updates=True)
    own = LiveUpdateFactory(page=page, created_by=writer, body=paragraph("Roads reopen."))
    editors = LiveUpdateFactory(page=page, created_by=editor, body=paragraph("Port shut."))
    colleague = make_member("colleague", roles.WRITERS, section_groups(middle_east)[0])
    draft = LiveUpdateFactory(
        page=page, created_by=colleague, status=LiveUpdate.Status.DRAFT, published_at=None
    )
    client = client_for(writer)

    edit = desk_url(page, "nashra_live_edit", editors)
    assert refused(client.post(edit, update_data("Port open.")))
    assert refused(client.post(desk_url(page, "nashra_live_delete", editors)))
    assert refused(client.post(desk_url(page, "nashra_live_publish", draft)))
    commit(client.post, desk_url(page, "nashra_live_edit", own), update_data("Roads reopen at 6."))

    html = public(page)
    assert "Port shut." in html and "Roads reopen at 6." in html
    assert LiveUpdate.objects.get(pk=draft.pk).status == LiveUpdate.Status.DRAFT


def test_coverage_asks_to_end_or_resume(client_for, editor, live_page):
    response = client_for(editor).post(desk_url(live_page, "nashra_live_coverage"), {})

    assert response.status_code == 400
    assert LivePage.objects.get(pk=live_page.pk).coverage_ends_at is None


def test_desk_offers_ending_the_coverage_only_to_those_who_may(client_for, writer, middle_east):
    page = LivePageFactory(parent=middle_east, writers_publish_updates=True)
    client = client_for(writer)

    assert refused(client.post(desk_url(page, "nashra_live_coverage"), {"action": "end"}))
    assert "End the coverage now" not in client.get(desk_url(page)).content.decode()


@pytest.fixture
def outsiders(en_home, ar_middle_east):
    """A writer and an editor of another section, and an editor of the Arabic edition."""
    culture = get_or_create_section(en_home, "culture", "Culture")[0]
    writers, editors = section_groups(culture)
    return [
        make_member("culture-writer", roles.WRITERS, writers),
        make_member("culture-editor", roles.EDITORS, editors),
        make_member("ar-editor", roles.EDITORS, section_groups(ar_middle_east)[1]),
    ]


def test_other_desks_and_editions_cannot_use_the_desk(client_for, outsiders, live_page):
    for user in outsiders:
        client = client_for(user)
        assert refused(client.get(desk_url(live_page))), user.username
        response = client.post(desk_url(live_page), update_data("Not ours.", publish="1"))
        assert refused(response), user.username
        assert not list(live_desk_header_button(live_page, user, "edit")), user.username
    assert not LiveUpdate.objects.exists()


def test_anonymous_visitor_is_sent_to_the_admin_login(live_page):
    response = Client().get(desk_url(live_page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    Client().post(desk_url(live_page), update_data("Anyone?", publish="1"))
    assert not LiveUpdate.objects.exists()
    assert not list(live_desk_header_button(live_page, AnonymousUser(), "edit"))


def test_chief_editor_of_the_edition_publishes(client_for, en_home, live_page, commit):
    chief = make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))
    commit(client_for(chief).post, desk_url(live_page), update_data("Chief here.", publish="1"))
    assert LiveUpdate.objects.get(page=live_page).is_published


def test_header_button_shows_for_the_desk_only(client_for, editor, outsiders, live_page):
    edit_view = reverse("wagtailadmin_pages:edit", args=[live_page.pk])
    html = client_for(editor).get(edit_view).content.decode()
    assert "Post live updates" in html and desk_url(live_page) in html
    assert client_for(outsiders[0]).get(edit_view).status_code in (302, 403)


def test_writer_changes_only_their_own_drafts(client_for, writer, middle_east, live_page):
    colleague = make_member("colleague", roles.WRITERS, section_groups(middle_east)[0])
    theirs = LiveUpdateFactory(
        page=live_page, status="draft", published_at=None, created_by=colleague
    )
    published = LiveUpdateFactory(page=live_page, created_by=writer)
    mine = LiveUpdateFactory(page=live_page, status="draft", published_at=None, created_by=writer)
    client = client_for(writer)

    for update in (theirs, published):
        for name in ("nashra_live_edit", "nashra_live_delete"):
            url = desk_url(live_page, name, update)
            assert refused(client.get(url)), (name, update)
        client.post(desk_url(live_page, "nashra_live_edit", update), update_data("Rewritten."))
        client.post(desk_url(live_page, "nashra_live_delete", update))
        update.refresh_from_db()
        assert "Rewritten." not in update.plain_text()
    assert refused(client.post(desk_url(live_page, "nashra_live_publish", mine)))
    assert client.get(desk_url(live_page, "nashra_live_edit", mine)).status_code == 200
    response = client.post(desk_url(live_page, "nashra_live_coverage"), {"action": "end"})
    assert refused(response)
    assert LivePage.objects.get(pk=live_page.pk).coverage_ends_at is None


def test_editing_a_published_update_tells_readers_and_lists_the_correction(
    client_for, editor, live_page, commit
):
    update = LiveUpdateFactory(page=live_page, title="Toll", body=paragraph("Ten were hurt."))
    client = client_for(editor)
    edit = desk_url(live_page, "nashra_live_edit", update)
    assert "Edited" not in public(live_page)

    commit(client.post, edit, update_data("Twelve were hurt.", title="Toll"))

    html = public(live_page)
    assert "Twelve were hurt." in html and "Ten were hurt." not in html
    assert "live-update__edited" in html and "Edited" in html
    assert "live-update__correction" not in html

    note = "An earlier version said ten people were hurt."
    response = commit(
        client.post, edit, update_data("Twelve were hurt.", title="Toll", correction_text=note)
    )

    assert response.status_code == 302
    html = public(live_page)
    correction = re.search(r'class="live-update__correction">(.*?)</p>', html, re.S).group(1)
    assert note in correction
    assert Correction.objects.filter(article=live_page, text=note).exists()
    entries = log_entries("nashra.live.edit").filter(user=editor)
    assert entries.count() == 2
    assert entries.filter(data__correction=True, data__page=live_page.pk).exists()


def test_deleted_update_leaves_the_page_and_stays_in_the_history(
    client_for, editor, live_page, commit
):
    update = LiveUpdateFactory(page=live_page, title="Wrong town", body=paragraph("In Rafah."))
    assert "In Rafah." in public(live_page)
    client = client_for(editor)
    url = desk_url(live_page, "nashra_live_delete", update)
    assert client.get(url).status_code == 200
    assert LiveUpdate.objects.filter(pk=update.pk).exists()  # asking is not deleting

    response = commit(client.post, url)

    assert response.status_code == 302
    assert not LiveUpdate.objects.filter(pk=update.pk).exists()
    assert "In Rafah." not in public(live_page)
    entry = log_entries("nashra.live.delete").get()
    assert entry.user == editor
    assert entry.data == {"page": live_page.pk, "title": "Wrong town"}
    assert "Wrong town" in client.get(desk_url(live_page)).content.decode()


def test_ending_and_resuming_coverage_survives_a_later_publication(
    client_for, editor, live_page, commit
):
    # An editor's draft of the article, saved while the coverage was still on the air.
    draft = LivePage.objects.get(pk=live_page.pk)
    draft.lead = "The talks ended without a deal."
    revision = draft.save_revision(user=editor)
    client = client_for(editor)
    coverage = desk_url(live_page, "nashra_live_coverage")
    assert notice(public(live_page)) == ""

    commit(client.post, coverage, {"action": "end"})

    assert notice(public(live_page)) == "This live coverage has ended."
    assert PageLogEntry.objects.filter(page=live_page, action="nashra.live.end").exists()
    revision.refresh_from_db()
    commit(revision.publish, user=editor)
    page = LivePage.objects.get(pk=live_page.pk)
    assert page.coverage_ends_at is not None
    html = public(live_page)
    assert "The talks ended without a deal." in html
    assert notice(html) == "This live coverage has ended."

    commit(client.post, coverage, {"action": "resume"})

    assert notice(public(live_page)) == ""
    assert PageLogEntry.objects.filter(page=live_page, action="nashra.live.resume").exists()
    page = LivePage.objects.get(pk=live_page.pk)
    commit(page.save_revision(user=editor).publish, user=editor)
    assert LivePage.objects.get(pk=live_page.pk).coverage_ends_at is None
    assert notice(public(live_page)) == ""


def wait_for_table_locks(execute, sql, params, many, context):
    """Wait out another connection's lock, as SQLite's busy timeout does on a database file.

    The test database is SQLite's shared in-memory one, whose table locks fail at once
    ("database table is locked") instead of waiting; a database file waits up to the
    connection's timeout. "database is locked" (a file's timeout run out) is not waited for.
    """
    options = connection.settings_dict.get("OPTIONS", {})
    deadline = time.monotonic() + options.get("timeout", 5)
    while True:
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if str(error) != "database table is locked" or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


# Each thread has its own connection, so the data must be committed; serialized_rollback puts
# back what the migrations created once the test has flushed the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_posting_at_the_same_second_both_land(middle_east):
    editors = section_groups(middle_east)[1]
    people = [make_member(name, roles.EDITORS, editors) for name in ("first", "second")]
    page_id = LivePageFactory(parent=middle_east).pk
    barrier = threading.Barrier(len(people))
    errors = []

    def post(user):
        try:
            with connection.execute_wrapper(wait_for_table_locks):
                page = LivePage.objects.get(pk=page_id)  # each request reads its own
                barrier.wait(timeout=10)
                body = paragraph(f"Report from {user.username}.")
                services.post_update(page, user, body=body, publish=True)
        except Exception as error:  # the test reports it below, in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    page = LivePage.objects.get(pk=page_id)
    updates = LiveUpdate.objects.filter(page=page)
    assert sorted(update.plain_text() for update in updates) == [
        "Report from first.",
        "Report from second.",
    ]
    assert all(update.is_published for update in updates)
    assert log_entries("nashra.live.publish").count() == 2
    html = public(page)
    assert "Report from first." in html and "Report from second." in html


def test_post_without_csrf_token_is_refused(editor, live_page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(desk_url(live_page), update_data("Forged.", publish="1"))
    assert response.status_code == 403
    assert not LiveUpdate.objects.exists()


def test_empty_update_is_refused_with_the_forms_error(client_for, editor, live_page):
    data = nested_form_data({"title": "Nothing", "body": streamfield([]), "publish": "1"})
    response = client_for(editor).post(desk_url(live_page), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'w-field--error" data-field data-contentpath="body"' in html
    assert "This field is required." in html  # the block editor shows it under the body
    assert not LiveUpdate.objects.exists()


def test_update_of_another_page_is_not_found_on_this_desk(
    client_for, editor, middle_east, live_page
):
    elsewhere = LiveUpdateFactory(page=LivePageFactory(parent=middle_east))
    client = client_for(editor)
    for name in ("nashra_live_edit", "nashra_live_delete"):
        assert not_found(client.get(desk_url(live_page, name, elsewhere), follow=True)), name
    publish = desk_url(live_page, "nashra_live_publish", elsewhere)
    assert not_found(client.post(publish, follow=True))
    assert LiveUpdate.objects.filter(pk=elsewhere.pk).exists()
