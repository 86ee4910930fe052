from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "nashra.pages"
    label = "pages"
