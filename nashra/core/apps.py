from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .middleware import forget_sites

        post_save.connect(forget_sites, sender=Site, dispatch_uid="nashra-forget-sites")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="nashra-forget-sites-d")
