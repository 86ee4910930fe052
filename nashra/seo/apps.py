from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "nashra.seo"
    label = "seo"
