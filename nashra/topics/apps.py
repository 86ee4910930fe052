from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "nashra.topics"
    label = "topics"

    def ready(self):
        from nashra.caching.signals import purge_edition_on_change

        from .models import Topic

        # Its name shows on every article of its edition that carries it.
        purge_edition_on_change(Topic)
