"""No lost updates on pages: a save from a form loaded before a colleague's revision is refused.

Wagtail 7.4 checks for a newer revision only when the editor's form autosaves. This
``before_edit_page`` hook makes every other save (draft, submit, publish, a workflow action,
restoring a revision) from a stale form show the form again instead, with the editor's input,
a message naming who saved the newer revision and when, and a link comparing the two. Nothing
is written: no revision, no publication, no workflow step. The form shown again carries the
newer revision, so saving it is then a deliberate choice, and the colleague's revision stays
in the history.
"""

from functools import cache

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView

from nashra.core.concurrency import revision_conflict

CONFLICT_ATTRIBUTE = "_nashra_stale_page_conflict"


def page_conflict(request, page):
    """Return the Conflict of a posted page form with a newer revision, or None."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # autosave asks for JSON, and Wagtail checks those itself
    return revision_conflict(page.revisions, request.POST, request.user)


def refuse_stale_page_save(request, page):
    """Answer a stale save with the edit form again, nothing saved (a before_edit_page hook)."""
    if hasattr(request, CONFLICT_ATTRIBUTE):
        return None  # the form being shown again
    conflict = page_conflict(request, page)
    if conflict is None:
        return None
    setattr(request, CONFLICT_ATTRIBUTE, conflict)
    match = request.resolver_match
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, EditView):
        view_class = EditView
    return refusing(view_class).as_view()(request, *match.args, **match.kwargs)


class RefuseStaleSaveMixin:
    """Render the posted form with the conflict's message, and do nothing else."""

    def post(self, request, *args, **kwargs):
        if self.page.alias_of_id:
            return super().post(request, *args, **kwargs)  # refused by Wagtail
        conflict = getattr(request, CONFLICT_ATTRIBUTE)
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        if conflict.comparable:
            url = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(self.page.pk, conflict.loaded_revision_id, conflict.latest_revision_id),
            )
            button = messages.button(url, _("Compare versions"))
        else:
            url = reverse("wagtailadmin_pages:history", args=(self.page.pk,))
            button = messages.button(url, _("History"))
        messages.error(request, conflict.message(), buttons=[button])
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


@cache
def refusing(view_class):
    """Return view_class (the page edit view or its revert view) refusing the save."""
    return type(f"Refusing{view_class.__name__}", (RefuseStaleSaveMixin, view_class), {})
