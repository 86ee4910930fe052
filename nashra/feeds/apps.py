from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "nashra.feeds"
    label = "feeds"
