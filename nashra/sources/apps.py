from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "nashra.sources"
    label = "sources"
