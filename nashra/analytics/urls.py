from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("view/<int:page_id>/<slug:issued>/<slug:signature>/", views.record_view, name="view"),
    path(
        "view/<int:page_id>/<slug:signature>/",
        views.record_unsigned_view,
        name="view-unsigned",
    ),
]
