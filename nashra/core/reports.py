"""Wagtail's site history report, held to the newsroom's scopes."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import get_snippet_models

from nashra.core.permissions import ScopedPermissionPolicy

VIEW_ACTIONS = ("add", "change", "delete", "publish", "view")


def out_of_sight(user):
    """Return a filter for the model log entries of objects outside the user's scope: for
    each scoped snippet, those whose object the user may not see (a deleted object's entries
    included, as its edition is no longer known). None when nothing is hidden.
    """
    hidden = Q()
    for model in get_snippet_models():
        policy = model.snippet_viewset.permission_policy
        if not isinstance(policy, ScopedPermissionPolicy):
            continue
        visible = policy.instances_user_has_any_permission_for(user, VIEW_ACTIONS)
        keys = visible.annotate(key=Cast("pk", CharField())).values("key")
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        hidden |= Q(content_type=content_type) & ~Q(object_id__in=keys)
    return hidden or None


class ScopedLogEntriesView(LogEntriesView):
    """Wagtail shows the log of every object of a model to whoever holds any permission on
    the model: the other edition's topics, corrections and settings, with who changed them.
    Here an object's entries show only to who may see the object.
    """

    def viewable(self, log_model):
        entries = log_model.objects.viewable_by_user(self.request.user)
        if log_model is not ModelLogEntry or self.request.user.is_superuser:
            return entries
        hidden = out_of_sight(self.request.user)
        return entries if hidden is None else entries.exclude(hidden)

    def get_filtered_queryset(self):
        # As Wagtail's: one values() query per log model, filtered, then a union of them.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = (
                self.viewable(log_model)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")


def _admin_view(view):
    return never_cache(require_admin_access(view))


# Placed before Wagtail's admin URLs (nashra/urls.py), on the same paths, so the report's
# menu item, its filters and its CSV/XLSX export all reach this view.
urlpatterns = [
    path(
        "reports/site-history/",
        _admin_view(ScopedLogEntriesView.as_view()),
        name="nashra_site_history",
    ),
    path(
        "reports/site-history/results/",
        _admin_view(ScopedLogEntriesView.as_view(results_only=True)),
        name="nashra_site_history_results",
    ),
]
