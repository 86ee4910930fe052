"""What an article means to the page cache: where it shows, and what purges it."""

from django.db.models.signals import post_save

from nashra.caching import purge, registry

from .models import ArticlePage


def on_translation_linked(sender, instance, update_fields=None, **kwargs):
    """Linking counterparts adds a language switch and hreflang links to both."""
    if update_fields and "translation_key" in update_fields and instance.live:
        purge.on_commit(purge.for_article(instance))


def connect():
    registry.register_article_model(ArticlePage)
    post_save.connect(on_translation_linked, sender=ArticlePage, dispatch_uid="purge-linked")
