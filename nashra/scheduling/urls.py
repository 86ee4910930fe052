from django.urls import path

from .views import health, live

urlpatterns = [
    path("", health, name="health"),
    path("live/", live, name="health-live"),
]
