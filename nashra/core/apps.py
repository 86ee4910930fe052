from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, Site

        from nashra.caching.signals import purge_edition_on_change

        from . import locales, privacy
        from .middleware import forget_sites
        from .models import EditionSettings

        privacy.connect()
        purge_edition_on_change(EditionSettings)
        post_save.connect(forget_sites, sender=Site, dispatch_uid="nashra-forget-sites")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="nashra-forget-sites-d")
        locales.install()
        post_save.connect(locales.forget_locales, sender=Locale, dispatch_uid="nashra-locale-s")
        post_delete.connect(locales.forget_locales, sender=Locale, dispatch_uid="nashra-locale-d")
