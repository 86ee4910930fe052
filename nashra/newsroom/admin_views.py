"""Actions the newsroom's dashboard links to directly."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page, WorkflowState


@require_POST
def withdraw_submission(request, page_id):
    """Take one's own article back out of review: a draft again, for the writer to change."""
    page = get_object_or_404(Page, pk=page_id)
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        messages.warning(request, _("“%(title)s” is not waiting for review.") % {"title": page})
        return redirect("wagtailadmin_home")
    # Wagtail lets the page's owner cancel even after leaving its desk; we also ask for edit.
    if not (
        state.user_can_cancel(request.user) and page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    state.cancel(user=request.user)
    messages.success(
        request,
        _("“%(title)s” was withdrawn from review: it is a draft again.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_home")
