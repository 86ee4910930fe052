from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "nashra.news"
    label = "news"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import Locale, PageViewRestriction, Site
        from wagtail.signals import copy_for_translation_done, page_unpublished, post_page_move

        from nashra.core import privacy
        from nashra.core.editions import forget_chrome, forget_chrome_for_page
        from nashra.core.models import EditionSettings
        from nashra.people.models import Author
        from nashra.sources.models import Source
        from nashra.topics.models import Topic

        from .labels import forget_all, forget_article
        from .models import ArticlePage
        from .translations import mark_copied_translation
        from .usage import connect as connect_usage

        copy_for_translation_done.connect(mark_copied_translation)
        # Topics, sources and authors in use: Wagtail's reference index learns the relations.
        connect_usage()

        # The cached edition chrome: settings, home pages and the menus below them.
        for model in (EditionSettings, Locale, Site):
            post_save.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-{model.__name__}")
            post_delete.connect(
                forget_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}"
            )
        # Page signals are sent with the page's own class as sender: listen to all senders.
        post_save.connect(forget_chrome_for_page, dispatch_uid="chrome-page-save")
        post_delete.connect(forget_chrome_for_page, dispatch_uid="chrome-page-delete")
        page_unpublished.connect(forget_chrome_for_page, dispatch_uid="chrome-page-unpublish")
        post_page_move.connect(forget_chrome, dispatch_uid="chrome-page-move")

        # The cached topics, sources and authors of each article.
        post_save.connect(forget_article, dispatch_uid="labels-article-save")
        post_delete.connect(forget_article, dispatch_uid="labels-article-delete")
        for model in (Topic, Source, Author):
            post_save.connect(forget_all, sender=model, dispatch_uid=f"labels-{model.__name__}")
            post_delete.connect(
                forget_all, sender=model, dispatch_uid=f"labels-del-{model.__name__}"
            )
        for name in ("topics", "sources", "authors"):
            through = getattr(ArticlePage, name).through
            m2m_changed.connect(forget_all, sender=through, dispatch_uid=f"labels-m2m-{name}")

        # The cached view restrictions: which pages are private, which are aliases.
        post_save.connect(
            privacy.forget, sender=PageViewRestriction, dispatch_uid="restrictions-save"
        )
        post_delete.connect(
            privacy.forget, sender=PageViewRestriction, dispatch_uid="restrictions-delete"
        )
        post_page_move.connect(privacy.forget, dispatch_uid="restrictions-page-move")
        post_save.connect(privacy.forget_for_alias, dispatch_uid="restrictions-alias")
