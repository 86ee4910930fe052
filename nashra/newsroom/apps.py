from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "nashra.newsroom"
    label = "newsroom"
    verbose_name = _("newsroom")

    def ready(self):
        from . import signals  # noqa: F401
