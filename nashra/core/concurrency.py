"""No lost updates: a save from an edit form loaded before someone else's change is refused.

Wagtail 7.4 looks for a newer revision only when the editor's form autosaves; a plain Save,
Publish or Submit from a stale form silently replaces the newer version. Here the posted form
is compared with what is stored now:

- An object with revisions: the form carries the revision it was loaded from (Wagtail's hidden
  ``loaded_revision_id`` and ``loaded_revision_created_at``). A revision saved since by anyone
  else is a conflict. The editor's own are not: Wagtail's autosave creates and overwrites
  revisions of the editor's account while the form stays open, and only for them.
- An object without revisions: the form carries an edit token, a digest of the object's stored
  values when the form was loaded and the time it was. Another digest now is a conflict.

A refused save writes nothing. The form comes back with the editor's input and the current
version's marks, so saving again is a choice made knowing of the other change (for an object
with revisions, the other change stays in its history).
"""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import registry as log_registry
from wagtail.utils.timestamps import render_timestamp

LOADED_REVISION_ID = "loaded_revision_id"
LOADED_REVISION_CREATED_AT = "loaded_revision_created_at"
EDIT_TOKEN = "nashra_edit_token"  # noqa: S105 (a form field name, not a secret)


@dataclass(frozen=True)
class Conflict:
    """A change someone else made after the editor's form was loaded."""

    user: object = None  # who made it, when known
    at: datetime | None = None
    loaded_revision_id: int | None = None  # to compare what the form had with what is stored
    latest_revision_id: int | None = None

    @property
    def comparable(self):
        return (
            self.loaded_revision_id is not None
            and self.latest_revision_id is not None
            and self.loaded_revision_id != self.latest_revision_id
        )

    def message(self):
        if self.at is None:
            return _(
                "Someone else changed this after you opened it. Your changes have not been "
                "saved: reload to see theirs, or save again to replace them with yours."
            )
        values = {
            "user": get_user_display_name(self.user) or _("Someone else"),
            "time": render_timestamp(self.at),
        }
        if self.latest_revision_id is None:
            return (
                _(
                    "%(user)s changed this on %(time)s, after you opened it. Your changes have "
                    "not been saved: reload to see theirs, or save again to replace them "
                    "with yours."
                )
                % values
            )
        return (
            _(
                "%(user)s saved a newer version on %(time)s, after you opened this one. Your "
                "changes have not been saved: compare the two versions, then save again to "
                "replace theirs with yours (theirs stays in the history), or reload to start "
                "from theirs."
            )
            % values
        )


def _loaded_revision_id(data):
    try:
        return int(data.get(LOADED_REVISION_ID, ""))
    except (TypeError, ValueError):
        return None


def _newest_by_others(revisions, user):
    # exclude() keeps revisions without a user (saved by code): they are someone else's too.
    return revisions.exclude(user_id=user.pk).select_related("user").order_by("-pk").first()


def revision_conflict(revisions, data, user):
    """Return the Conflict of a posted form with a revision saved since by another, or None.

    ``revisions`` are the object's revisions and ``data`` the posted form. None as well when
    the form carried no loaded revision: ``loaded_revision_conflict`` cannot tell.
    """
    loaded_id = _loaded_revision_id(data)
    if loaded_id is None:
        return None
    newer = Q(pk__gt=loaded_id)
    loaded_at = parse_datetime(data.get(LOADED_REVISION_CREATED_AT) or "")
    if loaded_at is not None:
        # The loaded revision itself, overwritten since by its author's autosave.
        newer |= Q(pk=loaded_id, created_at__gt=loaded_at)
    revision = _newest_by_others(revisions.filter(newer), user)
    if revision is None:
        return None
    latest = revisions.order_by("-pk").values_list("pk", flat=True).first()
    if not revisions.filter(pk=loaded_id).exists():
        loaded_id = None  # pruned since: nothing to compare with
    return Conflict(revision.user, revision.created_at, loaded_id, latest)


def stored_values(instance):
    """Return an object's values as stored: its fields, child objects and many-to-many links."""
    stored = type(instance)._base_manager.get(pk=instance.pk)
    if hasattr(stored, "serializable_data"):  # clusterable and revisable models
        values = stored.serializable_data()
    else:
        values = get_serializable_data_for_fields(stored)
    for field in stored._meta.many_to_many:
        if field.name not in values:
            values[field.name] = sorted(getattr(stored, field.name).values_list("pk", flat=True))
    # Which revision is the latest is bookkeeping, moved by the editor's own autosave.
    values.pop("latest_revision", None)
    return values


def _digest(instance):
    payload = json.dumps(stored_values(instance), sort_keys=True, cls=DjangoJSONEncoder)
    return salted_hmac(EDIT_TOKEN, payload, algorithm="sha256").hexdigest()


def edit_token(instance):
    """Return the token an edit form carries: when it was loaded and a digest of the object."""
    return f"{int(time.time())}:{_digest(instance)}"


def token_conflict(instance, token):
    """Return the Conflict of a posted edit token with the object as stored, or None."""
    loaded_at, _sep, digest = (token or "").partition(":")
    if constant_time_compare(digest, _digest(instance)):
        return None
    entries = log_registry.get_logs_for_instance(instance).select_related("user")
    if loaded_at.isdigit():
        entries = entries.filter(timestamp__gte=datetime.fromtimestamp(int(loaded_at), UTC))
    entry = entries.order_by("-timestamp", "-pk").first()
    if entry is None:
        return Conflict()
    return Conflict(entry.user, entry.timestamp)


class EditTokenField(forms.CharField):
    """A hidden field whose value is the check itself, never a change to the object."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


@cache
def form_with_edit_token(form_class):
    """Return form_class with the hidden edit token, made once per class."""
    return type(form_class)(
        form_class.__name__,
        (form_class,),
        {EDIT_TOKEN: EditTokenField(required=False), "__module__": form_class.__module__},
    )


class StaleEdit(PermissionDenied):
    """Raised inside the save's transaction, which Wagtail's edit view then rolls back."""


class StaleEditGuardMixin:
    """For Wagtail's snippet EditView: refuse a save from a form loaded before another's change.

    Checked twice: before validation, so the editor learns of the conflict first, and again
    under a lock on the object's row inside the save's transaction, so that of two saves from
    the same version at the same moment only the first is written. Autosave requests keep
    Wagtail's own check.
    """

    conflict = None

    def get_form_class(self):
        return form_with_edit_token(super().get_form_class())

    def get_initial(self):
        initial = super().get_initial()
        if self.request.method == "GET":
            initial[EDIT_TOKEN] = edit_token(self.object)
        return initial

    def find_conflict(self, form):
        data = form.data
        if self.revision_enabled:
            conflict = revision_conflict(self.object.revisions, data, self.request.user)
            if conflict is not None or _loaded_revision_id(data) is not None:
                return conflict
        token = data.get(form.add_prefix(EDIT_TOKEN))
        if not token:
            return None  # not posted by an edit form: nothing to compare with
        if self.revision_enabled and self.object.latest_revision_id:
            # Loaded without a revision, revised since: every revision is newer than the form.
            revision = _newest_by_others(self.object.revisions, self.request.user)
            if revision is not None:
                latest_id = self.object.latest_revision_id
                return Conflict(revision.user, revision.created_at, latest_revision_id=latest_id)
            return None  # the editor's own autosave moved the values
        return token_conflict(self.object, token)

    def is_valid(self, form):
        if not self.expects_json_response:
            self.conflict = self.find_conflict(form)
            if self.conflict is not None:
                self.produced_error_code = "stale_form"
                self.produced_error_message = self.conflict.message()
                return False
        return super().is_valid(form)

    def save_instance(self):
        if not self.expects_json_response:
            model = type(self.object)
            list(model._base_manager.select_for_update().filter(pk=self.object.pk).values("pk"))
            self.conflict = self.find_conflict(self.form)
            if self.conflict is not None:
                raise StaleEdit(self.conflict.message())
        return super().save_instance()

    def conflict_buttons(self):
        if self.conflict.comparable:
            url = reverse(
                self.revisions_compare_url_name,
                kwargs={
                    "pk": quote(self.object.pk),
                    "revision_id_a": self.conflict.loaded_revision_id,
                    "revision_id_b": self.conflict.latest_revision_id,
                },
            )
            return [messages.button(url, _("Compare versions"))]
        history_url = self.get_history_url()
        return [messages.button(history_url, _("History"))] if history_url else []

    def form_invalid(self, form):
        if self.conflict is None or self.expects_json_response:
            return super().form_invalid(form)
        messages.error(self.request, self.conflict.message(), buttons=self.conflict_buttons())
        self.produced_error_message = None  # shown above, with its links
        # The form comes back on the current version: saving it again replaces that knowingly.
        form.data = form.data.copy()
        form.data[form.add_prefix(EDIT_TOKEN)] = edit_token(self.object)
        return super().form_invalid(form)
