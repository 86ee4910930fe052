"""Telling a stale edit form from a current one: revisions for some objects, edit tokens for all."""

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils import timezone
from wagtail.log_actions import log

from nashra.core.concurrency import (
    LOADED_REVISION_CREATED_AT,
    LOADED_REVISION_ID,
    edit_token,
    revision_conflict,
    token_conflict,
)
from nashra.core.models import EditionSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    model = get_user_model()
    return (
        model.objects.create_user("nadia", first_name="Nadia", last_name="Saleh"),
        model.objects.create_user("layla", first_name="Layla", last_name="Haddad"),
    )


@pytest.fixture
def edition_settings(en_home):
    return EditionSettings.objects.get(locale=en_home.locale)


def loaded_form(obj):
    """Return what an edit form opened now posts about the revision it was loaded from."""
    data = QueryDict(mutable=True)
    revision = obj.latest_revision
    data[LOADED_REVISION_ID] = str(revision.pk)
    data[LOADED_REVISION_CREATED_AT] = revision.created_at.isoformat()
    return data


def test_a_revision_by_someone_else_since_the_form_was_loaded_is_a_conflict(
    edition_settings, users
):
    nadia, layla = users
    form = loaded_form(edition_settings)
    assert revision_conflict(edition_settings.revisions, form, nadia) is None
    revision = edition_settings.save_revision(user=layla)

    conflict = revision_conflict(edition_settings.revisions, form, nadia)

    assert (conflict.user, conflict.at) == (layla, revision.created_at)
    assert conflict.comparable
    assert conflict.latest_revision_id == revision.pk
    assert conflict.message().startswith("Layla Haddad saved a newer version on ")


def test_the_editors_own_autosaves_are_not_a_conflict(edition_settings, users):
    nadia, _layla = users
    form = loaded_form(edition_settings)
    autosave = edition_settings.save_revision(user=nadia)
    edition_settings.save_revision(user=nadia, overwrite_revision=autosave)
    assert revision_conflict(edition_settings.revisions, form, nadia) is None


def test_a_loaded_revision_overwritten_since_by_its_author_is_a_conflict(edition_settings, users):
    nadia, layla = users
    autosave = edition_settings.save_revision(user=layla)
    form = loaded_form(edition_settings)  # Nadia opens the form on Layla's autosave…
    edition_settings.save_revision(user=layla, overwrite_revision=autosave)  # …which moves on
    conflict = revision_conflict(edition_settings.revisions, form, nadia)
    assert conflict.user == layla
    assert not conflict.comparable  # the version Nadia loaded is gone: her history link instead


def test_a_revision_saved_by_code_is_someone_elses(edition_settings, users):
    nadia, _layla = users
    form = loaded_form(edition_settings)
    edition_settings.save_revision()
    conflict = revision_conflict(edition_settings.revisions, form, nadia)
    assert conflict is not None and conflict.user is None
    assert conflict.message().startswith("Someone else saved a newer version on ")


def test_no_loaded_revision_posted_means_nothing_to_tell(edition_settings, users):
    nadia, layla = users
    edition_settings.save_revision(user=layla)
    assert revision_conflict(edition_settings.revisions, QueryDict(), nadia) is None


def test_edit_token_follows_the_stored_values_only(edition_settings, users):
    token = edit_token(edition_settings)
    assert token_conflict(edition_settings, token) is None
    edition_settings.site_name = "Unsaved"  # the form's changes, not yet stored
    assert token_conflict(edition_settings, token) is None
    edition_settings.save_revision()  # only which revision is the latest moves
    assert token_conflict(edition_settings, token) is None

    EditionSettings.objects.filter(pk=edition_settings.pk).update(site_name="Nashra Daily")

    assert token_conflict(edition_settings, token) is not None
    assert token_conflict(edition_settings, "") is not None  # a blank token is no proof


def test_token_conflict_names_who_changed_it_since(edition_settings, users):
    nadia, layla = users
    log(instance=edition_settings, action="wagtail.edit", user=nadia)  # before the form opened
    token = edit_token(edition_settings)
    EditionSettings.objects.filter(pk=edition_settings.pk).update(site_name="Nashra Daily")
    log(instance=edition_settings, action="wagtail.edit", user=layla)

    conflict = token_conflict(edition_settings, token)

    assert conflict.user == layla
    assert conflict.at <= timezone.now()
    assert conflict.message().startswith("Layla Haddad changed this on ")
