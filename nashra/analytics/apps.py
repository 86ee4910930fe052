from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "nashra.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from nashra.news.models import ArticlePage

        from .most_read import forget_most_read

        signals = {"published": page_published, "unpublished": page_unpublished}
        signals["deleted"] = post_delete
        for name, signal in signals.items():
            signal.connect(forget_most_read, sender=ArticlePage, dispatch_uid=f"most-read-{name}")
