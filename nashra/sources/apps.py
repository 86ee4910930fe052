from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "nashra.sources"
    label = "sources"

    def ready(self):
        from nashra.caching.signals import purge_edition_on_change

        from .models import Source

        # Its name shows on every article of its edition that carries it.
        purge_edition_on_change(Source)
