"""Edition settings keep revisions; a save from a form opened before a colleague's is refused."""

import pytest

from nashra.core.models import EditionSettings

from .admin_forms import form_data
from .snippets import (
    guarded_url,
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition_settings(en_home):
    return EditionSettings.objects.get(locale=en_home.locale)


def test_admin_save_makes_a_revision_shown_in_the_history_with_its_author(edition_settings):
    client, nadia = login_colleague("nadia", "Nadia", "Saleh")
    url = snippet_url(edition_settings, "edit")

    response = save(client, url, open_form(client, url), site_name="Nashra News")

    assert response.status_code == 302, messages_text(response)
    edition_settings.refresh_from_db()
    assert edition_settings.site_name == "Nashra News"
    revision = edition_settings.latest_revision
    assert revision.user == nadia
    assert revision.as_object().site_name == "Nashra News"
    assert "Nadia Saleh" in history_text(client, edition_settings)


def test_an_earlier_version_can_be_compared_and_restored(edition_settings):
    client, nadia = login_colleague("nadia", "Nadia", "Saleh")
    url = snippet_url(edition_settings, "edit")
    save(client, url, open_form(client, url), site_name="Nashra Daily")
    first = EditionSettings.objects.get(pk=edition_settings.pk).latest_revision
    save(client, url, open_form(client, url), site_name="Nashra Weekly")
    second = EditionSettings.objects.get(pk=edition_settings.pk).latest_revision

    compare = client.get(snippet_url(edition_settings, "revisions_compare", first.pk, second.pk))
    assert compare.status_code == 200
    assert "Daily" in compare.content.decode() and "Weekly" in compare.content.decode()

    revert_url = snippet_url(edition_settings, "revisions_revert", first.pk)
    form = open_form(client, revert_url)
    assert form["site_name"] == "Nashra Daily"
    assert save(client, revert_url, form).status_code == 302
    edition_settings.refresh_from_db()
    assert edition_settings.site_name == "Nashra Daily"
    assert edition_settings.latest_revision.user == nadia


def test_stale_save_is_refused_and_nothing_written(admin_client, edition_settings):
    """Needs the viewset's edit view to mix in StaleEditGuardMixin."""
    colleague, _layla = login_colleague()
    url = snippet_url(edition_settings, "edit")

    response, before = stale_save(
        admin_client,
        colleague,
        url,
        {"site_name": "Mine"},
        {"site_name": "Theirs"},
        edition_settings,
    )

    assert response.status_code == 200
    assert "Layla Haddad saved a newer version" in messages_text(response)
    assert traces(edition_settings) == before
    edition_settings.refresh_from_db()
    assert edition_settings.site_name == "Theirs"
    assert edition_settings.latest_revision.as_object().site_name == "Theirs"
    compare = message_links(response)["Compare versions"]
    assert admin_client.get(compare).status_code == 200


@pytest.mark.urls("nashra.core.tests.guarded_urls")
def test_stale_edit_guard_refuses_a_form_loaded_before_a_newer_revision(
    admin_client, edition_settings
):
    colleague, _layla = login_colleague()
    url = guarded_url(edition_settings)

    response, before = stale_save(
        admin_client,
        colleague,
        url,
        {"site_name": "Mine"},
        {"site_name": "Theirs"},
        edition_settings,
    )

    assert response.status_code == 200
    assert "Layla Haddad saved a newer version" in messages_text(response)
    assert traces(edition_settings) == before
    edition_settings.refresh_from_db()
    assert edition_settings.site_name == "Theirs"
    assert open_form(admin_client, url)["site_name"] == "Theirs"
    # Shown again with the editor's input and the newer revision: saving it is now deliberate.
    again = form_data(response)
    assert again["site_name"] == "Mine"
    assert save(admin_client, url, again).status_code == 302
    edition_settings.refresh_from_db()
    assert edition_settings.site_name == "Mine"
