from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSetGroup

from nashra.core.permissions import EDITION_CHIEFS
from nashra.core.viewsets import ScopedSnippetViewSet, yes_no_column

from .models import BreakingNews, HomeCuration


class BreakingNewsEditView(EditView):
    def save_instance(self):
        item = super().save_instance()  # logs "wagtail.edit"
        if "withdrawn" in self.form.changed_data and item.withdrawn:
            log(instance=item, action="nashra.breaking_withdraw", user=self.request.user)
        return item


class BreakingNewsViewSet(ScopedSnippetViewSet):
    model = BreakingNews
    scope = EDITION_CHIEFS
    icon = "warning"
    menu_label = _("Breaking news")
    edit_view_class = BreakingNewsEditView
    list_display = [
        "text",
        "locale",
        "starts_at",
        "expires_at",
        yes_no_column(BreakingNews, "withdrawn"),
    ]
    list_filter = ["locale", "withdrawn"]
    search_fields = ["text"]


class HomeCurationViewSet(ScopedSnippetViewSet):
    model = HomeCuration
    scope = EDITION_CHIEFS
    icon = "pick"
    menu_label = _("Front pages")
    list_display = ["__str__", "top_story"]


class CurationViewSetGroup(SnippetViewSetGroup):
    items = (BreakingNewsViewSet, HomeCurationViewSet)
    menu_icon = "pick"
    menu_label = _("Front page")
    menu_name = "curation"
    menu_order = 190


register_snippet(CurationViewSetGroup)


@hooks.register("register_log_actions")
def register_curation_log_actions(actions):
    actions.register_action(
        "nashra.breaking_withdraw", _("Withdraw breaking news"), _("Breaking news withdrawn")
    )
