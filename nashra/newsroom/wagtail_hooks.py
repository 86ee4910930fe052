from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet

from nashra.newsroom import admin_views
from nashra.newsroom.action_menu import name_the_review_in_the_admin_language
from nashra.newsroom.concurrency import refuse_stale_page_save
from nashra.newsroom.dashboard import construct_panels
from nashra.newsroom.snippets import NewsroomViewSetGroup

register_snippet(NewsroomViewSetGroup)


@hooks.register("register_admin_urls")
def register_newsroom_urls():
    return [
        path(
            "newsroom/withdraw/<int:page_id>/",
            admin_views.withdraw_submission,
            name="nashra_withdraw_submission",
        )
    ]


# Last of the before_edit_page hooks, so a hook that refuses the request outright comes first.
hooks.register("before_edit_page", refuse_stale_page_save, order=100)
# First, so the panels other apps add (overdue schedule, follow-ups) are kept.
hooks.register("construct_homepage_panels", construct_panels, order=-10)
hooks.register("construct_page_action_menu", name_the_review_in_the_admin_language)


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """Put the reviewer's comment in front of the writer, not only in the workflow history."""
    if request.method != "GET":
        return None
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    comment = task_state.get_comment() if task_state else ""
    if comment:
        reviewer = task_state.finished_by
        messages.warning(
            request,
            _("Changes requested by %(reviewer)s: %(comment)s")
            % {
                "reviewer": reviewer.get_full_name() or reviewer.get_username()
                if reviewer
                else _("the editor"),
                "comment": comment,
            },
        )
    return None
