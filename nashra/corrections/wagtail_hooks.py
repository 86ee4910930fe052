from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView

from nashra.core.permissions import ARTICLE_EDITORS
from nashra.core.viewsets import ScopedSnippetViewSet, yes_no_column

from .models import Correction, TranslationFollowUp
from .services import mark_follow_up_done, record_correction


class CorrectionCreateView(CreateView):
    def save_instance(self):
        # Runs inside the view's transaction: the correction and its follow-ups land together.
        correction = super().save_instance()
        record_correction(correction, self.request.user)
        return correction


class CorrectionViewSet(ScopedSnippetViewSet):
    model = Correction
    scope = ARTICLE_EDITORS
    icon = "warning"
    menu_label = _("Corrections")
    menu_order = 210
    add_to_admin_menu = True
    add_view_class = CorrectionCreateView
    list_display = ["article", "kind", "date"]
    list_filter = ["kind", "article__locale"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


class FollowUpEditView(EditView):
    def save_instance(self):
        follow_up = super().save_instance()
        if "done" in self.form.changed_data and follow_up.done:
            mark_follow_up_done(follow_up, self.request.user)
        return follow_up


class TranslationFollowUpViewSet(ScopedSnippetViewSet):
    model = TranslationFollowUp
    scope = ARTICLE_EDITORS
    icon = "tasks"
    menu_label = _("Follow-ups")
    menu_order = 211
    add_to_admin_menu = True
    edit_view_class = FollowUpEditView
    list_display = ["article", "correction", "created", yes_no_column(TranslationFollowUp, "done")]
    list_filter = ["done", "article__locale"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "correction__article")


register_snippet(CorrectionViewSet)
register_snippet(TranslationFollowUpViewSet)


class FollowUpsPanel(Component):
    name = "translation_follow_ups"
    order = 150

    def __init__(self, follow_ups, list_url):
        self.follow_ups = follow_ups
        self.list_url = list_url

    def render_html(self, parent_context=None):
        return render_to_string(
            "corrections/admin/follow_ups_panel.html",
            {"follow_ups": self.follow_ups, "list_url": self.list_url},
        )


@hooks.register("construct_homepage_panels")
def add_follow_ups_panel(request, panels):
    viewset = TranslationFollowUp.snippet_viewset
    policy = viewset.permission_policy
    if not policy.user_has_any_permission(request.user, ["change", "view"]):
        return
    # Only the follow-ups of articles this person may correct: their desk's own work.
    follow_ups = list(
        policy.instances_user_has_any_permission_for(request.user, ["change", "view"])
        .filter(done=False)
        .select_related("article__locale", "correction")
        .order_by("-created")[:10]
    )
    if follow_ups:
        panels.append(FollowUpsPanel(follow_ups, reverse(viewset.get_url_name("list"))))


@hooks.register("register_log_actions")
def register_correction_log_actions(actions):
    actions.register_action("nashra.correction", _("Correction"), _("Correction published"))
    actions.register_action(
        "nashra.correction_followed_up",
        _("Correction followed up"),
        _("Correction carried over from the other edition"),
    )
