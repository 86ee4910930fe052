from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "nashra.corrections"
    label = "corrections"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import purges
        from .models import Correction
        from .queries import forget

        post_save.connect(forget, sender=Correction, dispatch_uid="correction_saved")
        post_delete.connect(forget, sender=Correction, dispatch_uid="correction_deleted")
        purges.connect()
