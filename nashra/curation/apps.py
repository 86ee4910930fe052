from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "nashra.curation"
    label = "curation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from nashra.caching.registry import register_lifetime_limit
        from nashra.caching.signals import purge_edition_on_change

        from .breaking import forget, seconds_until_next_change
        from .models import BreakingNews, HomeCuration

        post_save.connect(forget, sender=BreakingNews, dispatch_uid="breaking_news_saved")
        post_delete.connect(forget, sender=BreakingNews, dispatch_uid="breaking_news_deleted")
        # Every page of the edition shows the breaking line and the home's curation.
        purge_edition_on_change(BreakingNews)
        purge_edition_on_change(HomeCuration)
        # A line goes on and off the air by the clock: no page is kept past that moment.
        register_lifetime_limit(seconds_until_next_change)
