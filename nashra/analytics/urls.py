from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("view/<int:page_id>/<slug:signature>/", views.record_view, name="view"),
]
