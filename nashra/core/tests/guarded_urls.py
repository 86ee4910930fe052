"""The project's URLs plus each snippet's edit view with StaleEditGuardMixin, for its tests.

Until a viewset mixes the guard into its own edit view, /guarded/<app>/<model>/<pk>/ shows
what the wired-up view will do.
"""

from functools import cache

from django.apps import apps
from django.urls import path
from wagtail.admin.auth import require_admin_access

from nashra.core.concurrency import StaleEditGuardMixin
from nashra.urls import urlpatterns as project_urlpatterns


@cache
def guarded_edit_view(model):
    viewset = model.snippet_viewset
    view_class = viewset.edit_view_class
    if not issubclass(view_class, StaleEditGuardMixin):
        view_class = type(view_class.__name__, (StaleEditGuardMixin, view_class), {})
    return viewset.construct_view(view_class, **viewset.get_edit_view_kwargs())


@require_admin_access
def guarded_edit(request, app_label, model_name, pk):
    return guarded_edit_view(apps.get_model(app_label, model_name))(request, pk=pk)


urlpatterns = [
    path("guarded/<str:app_label>/<str:model_name>/<str:pk>/", guarded_edit),
    *project_urlpatterns,
]
