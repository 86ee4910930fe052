from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .embargo import local_time

ACTIONS = {"publish": _("Publish"), "unpublish": _("Unpublish (expiry)")}


def _display_title(obj):
    if hasattr(obj, "get_admin_display_title"):
        return obj.get_admin_display_title()
    return str(obj)


def may_act_on(user, obj):
    """Return whether the user may publish or unpublish obj: a page, or a snippet."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    viewset = getattr(type(obj), "snippet_viewset", None)
    if viewset is None:
        return user.is_superuser
    return viewset.permission_policy.user_has_permission_for_instance(user, "publish", obj)


class OverdueSchedulePanel(Component):
    """The dashboard's list of what the worker should have published or unpublished by now."""

    name = "overdue_schedule"
    template_name = "scheduling/overdue_panel.html"
    order = 50  # above Wagtail's own panels: nothing there is more urgent

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        finder = AdminURLFinder(parent_context["request"].user)
        return {
            "items": [
                {
                    "title": _display_title(item.object),
                    "edit_url": finder.get_edit_url(item.object),
                    "action": ACTIONS[item.action],
                    "due": local_time(item.due, item.object),
                }
                for item in self.items
            ],
        }

    def render_html(self, parent_context=None):
        if not self.items:
            return ""
        return super().render_html(parent_context)
