from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "nashra.syndication"
    label = "syndication"

    def ready(self):
        from . import purges

        purges.connect()
