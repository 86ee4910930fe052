from django.apps import AppConfig


class SitemapsConfig(AppConfig):
    name = "nashra.sitemaps"
    label = "sitemaps"
