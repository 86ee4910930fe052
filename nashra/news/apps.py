from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "nashra.news"
    label = "news"

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from .translations import mark_copied_translation

        copy_for_translation_done.connect(mark_copied_translation)
