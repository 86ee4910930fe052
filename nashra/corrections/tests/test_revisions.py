"""Corrections keep revisions: each change is in the history with its author, and restorable."""

import pytest

from nashra.core.tests.admin_forms import form_data
from nashra.core.tests.snippets import (
    history_text,
    login_colleague,
    message_links,
    messages_text,
    open_form,
    save,
    snippet_url,
    stale_save,
    traces,
)
from nashra.corrections.models import Correction
from nashra.corrections.services import add_correction

pytestmark = pytest.mark.django_db


@pytest.fixture
def correction(middle_east, article_factory, admin_user):
    article = article_factory(middle_east, "Port reopens")
    return add_correction(article, "correction", "The port is in Aden.", user=admin_user)


def test_a_correction_added_in_code_has_a_first_revision_by_its_author(correction, admin_user):
    revision = correction.latest_revision
    assert revision.user == admin_user
    assert revision.as_object().text == "The port is in Aden."


def test_admin_add_and_edit_make_revisions_shown_in_the_history(middle_east, article_factory):
    client, nadia = login_colleague("nadia", "Nadia", "Saleh")
    article = article_factory(middle_east, "Port reopens")
    add_url = "/admin/snippets/corrections/correction/add/"
    form = open_form(client, add_url)
    response = save(client, add_url, form, article=str(article.pk), text="Aden, not Mukalla.")
    assert response.status_code == 302, messages_text(response)
    correction = Correction.objects.get()
    assert correction.latest_revision.user == nadia

    url = snippet_url(correction, "edit")
    response = save(client, url, open_form(client, url), text="Aden, not Mukalla, on Monday.")

    assert response.status_code == 302, messages_text(response)
    correction.refresh_from_db()
    assert correction.revisions.count() == 2
    assert correction.latest_revision.user == nadia
    assert correction.latest_revision.as_object().text == "Aden, not Mukalla, on Monday."
    assert "Nadia Saleh" in history_text(client, correction)


def test_an_earlier_version_can_be_compared_and_restored(admin_client, correction):
    first = correction.latest_revision
    url = snippet_url(correction, "edit")
    save(admin_client, url, open_form(admin_client, url), text="The port is in Mukalla.")
    second = Correction.objects.get(pk=correction.pk).latest_revision

    compare = admin_client.get(snippet_url(correction, "revisions_compare", first.pk, second.pk))
    assert compare.status_code == 200
    assert "Mukalla" in compare.content.decode()

    revert_url = snippet_url(correction, "revisions_revert", first.pk)
    assert save(admin_client, revert_url, open_form(admin_client, revert_url)).status_code == 302
    correction.refresh_from_db()
    assert correction.text == "The port is in Aden."
    assert correction.revisions.count() == 3


def test_stale_save_is_refused_and_nothing_written(admin_client, correction):
    """Needs the viewset's edit view to mix in StaleEditGuardMixin."""
    colleague, _layla = login_colleague()
    url = snippet_url(correction, "edit")

    response, before = stale_save(
        admin_client, colleague, url, {"text": "Mine."}, {"text": "Theirs."}, correction
    )

    assert response.status_code == 200
    assert "Layla Haddad saved a newer version" in messages_text(response)
    assert traces(correction) == before
    correction.refresh_from_db()
    assert correction.text == "Theirs."
    assert admin_client.get(message_links(response)["Compare versions"]).status_code == 200
    assert form_data(response)["text"] == "Mine."
