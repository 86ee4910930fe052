from django.apps import AppConfig


class LiteConfig(AppConfig):
    name = "nashra.lite"
    label = "lite"

    def ready(self):
        from . import purges

        purges.connect()
