"""Wagtail hooks of the in-use protection: the bulk delete, the merge in the audit log.

Imported by nashra.core.wagtail_hooks, which registers the admin hooks.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .bulk_actions import ProtectedDeleteBulkAction
from .services import MERGE_ACTION

# After Wagtail's own snippet bulk delete (order 0), which it replaces for these models.
hooks.register("register_bulk_action", ProtectedDeleteBulkAction, order=1)


@hooks.register("register_log_actions")
def register_merge_log_action(actions):
    @actions.register_action(MERGE_ACTION)
    class MergeFormatter(LogFormatter):
        label = _("Merge")

        def format_message(self, log_entry):
            try:
                return _("Merged “%(title)s” into this") % {
                    "title": log_entry.data["merged"]["title"]
                }
            except (KeyError, TypeError):
                return _("Merged")
