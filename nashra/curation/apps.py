from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "nashra.curation"
    label = "curation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .breaking import forget
        from .models import BreakingNews

        post_save.connect(forget, sender=BreakingNews, dispatch_uid="breaking_news_saved")
        post_delete.connect(forget, sender=BreakingNews, dispatch_uid="breaking_news_deleted")
