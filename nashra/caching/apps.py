from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "nashra.caching"
    label = "caching"
    verbose_name = _("Page caching")

    def ready(self):
        from . import signals

        signals.connect()
