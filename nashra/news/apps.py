from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "nashra.news"
    label = "news"

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from nashra.people.models import Author
        from nashra.sources.models import Source
        from nashra.topics.models import Topic

        from . import labels, purges
        from .models import ArticlePage
        from .translations import mark_copied_translation
        from .usage import connect as connect_usage

        copy_for_translation_done.connect(mark_copied_translation)
        # Topics, sources and authors in use: Wagtail's reference index learns the relations.
        connect_usage()
        labels.connect(ArticlePage, (Topic, Source, Author))
        purges.connect()
