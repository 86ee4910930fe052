from django.urls import path

from . import views

# Included under each edition's prefix and "lite/" (nashra/urls.py): /ar/lite/, /en/lite/….
urlpatterns = [
    path("", views.home, name="lite-home"),
    path("<path:path>/", views.page, name="lite-page"),
]
