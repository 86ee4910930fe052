from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "nashra.live"
    label = "live"

    def ready(self):
        from . import signals

        signals.connect()
