"""What an article means to the page cache: where it shows, and what purges it."""

from django.db.models.signals import m2m_changed, post_save

from nashra.caching import purge, registry

from .models import ArticlePage


def on_translation_linked(sender, instance, update_fields=None, **kwargs):
    """Linking counterparts adds a language switch and hreflang links to both."""
    if update_fields and "translation_key" in update_fields and instance.live:
        purge.on_commit(purge.for_article(instance))


# The relations whose other end lists its articles, and the kind of that listing.
LISTING_RELATIONS = {"topics": "topic", "authors": "author"}
_listing_kinds = {}  # their through models -> kind, filled by connect()


def on_listing_left(sender, instance, action, reverse, pk_set, **kwargs):
    """A live article taken off a topic or an author leaves that listing, whose pages shift.

    The article's own purge names the listings it is on once the change is made; this names
    those it has just left. Publishing commits the relations with ``remove`` and ``add``
    (modelcluster); a topic's or an author's own manager (``reverse``) changes its listing.
    """
    kind = _listing_kinds[sender]
    if reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            purge.on_commit(purge.for_listings(kind, [instance.pk]))
    elif action == "post_remove" and instance.live:
        purge.on_commit(purge.for_listings(kind, pk_set))


def connect():
    registry.register_article_model(ArticlePage)
    post_save.connect(on_translation_linked, sender=ArticlePage, dispatch_uid="purge-linked")
    for name, kind in LISTING_RELATIONS.items():
        through = getattr(ArticlePage, name).through
        _listing_kinds[through] = kind
        m2m_changed.connect(on_listing_left, sender=through, dispatch_uid=f"purge-left-{name}")
