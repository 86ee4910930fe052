"""The review's name on the editor's Submit button, in the admin's language.

The workflow and its task are rows named in English ("Newsroom review"); Wagtail prints
those names into "Submit to …" and "Resubmit to …", which would leave English on the
Arabic desk's most used button.
"""

from django.utils.translation import gettext
from wagtail.admin.action_menu import SubmitForModerationMenuItem

from . import roles

STORED_NAMES = (roles.REVIEW_WORKFLOW, roles.REVIEW_TASK)


class DeskSubmitMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        label = str(context.get("label", self.label))
        for name in STORED_NAMES:
            label = label.replace(name, gettext(name))
        context["label"] = label
        return context


def name_the_review_in_the_admin_language(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = DeskSubmitMenuItem(order=item.order)
