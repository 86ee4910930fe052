from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nashra.search"
    label = "search"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from nashra.news.models import ArticlePage
        from nashra.people.models import Author
        from nashra.topics.models import Topic

        from . import signals
        from .indexing import drop_orphans as indexing_drop_orphans
        from .indexing import ensure_current as indexing_ensure_current

        page_published.connect(
            signals.article_published, sender=ArticlePage, dispatch_uid="search_pub"
        )
        page_unpublished.connect(
            signals.article_unpublished, sender=ArticlePage, dispatch_uid="search_unpub"
        )
        post_delete.connect(signals.article_deleted, sender=ArticlePage, dispatch_uid="search_del")
        # These run after nashra.core's receivers (the first app listed), which
        # forget the cached view restrictions that reindexing reads.
        post_page_move.connect(signals.page_moved, dispatch_uid="search_move")
        post_save.connect(
            signals.view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_pvr"
        )
        post_delete.connect(
            signals.view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_dpvr"
        )
        # A flush (the test runner's, `manage.py flush`) empties SearchEntry but not the FTS5
        # table beside it; Django sends post_migrate after every flush and migrate.
        post_migrate.connect(indexing_drop_orphans, sender=self, dispatch_uid="search_orphans")
        post_migrate.connect(indexing_ensure_current, sender=self, dispatch_uid="search_rules")
        for model in (Topic, Author):
            name = model._meta.model_name
            pre_save.connect(signals.names_saving, sender=model, dispatch_uid=f"search_{name}_pre")
            post_save.connect(signals.names_changed, sender=model, dispatch_uid=f"search_{name}")
            post_delete.connect(
                signals.names_changed, sender=model, dispatch_uid=f"search_{name}_del"
            )
