"""An article's corrections, read from the cache so an article page pays no query for them."""

from django.core.cache import cache
from django.db import transaction

from .models import Correction

CACHE_SECONDS = 300  # bounds staleness where the cache is per process (no Redis)


def _cache_key(article_id):
    return f"nashra:corrections:{article_id}"


class ArticleCorrections(list):
    """An article's corrections, oldest first, and its latest retraction if there is one."""

    @property
    def retraction(self):
        return next(
            (item for item in reversed(self) if item.kind == Correction.Kind.RETRACTION), None
        )


def corrections_of(article):
    if article.pk is None:  # the preview of an article not yet saved
        return ArticleCorrections()
    key = _cache_key(article.pk)
    corrections = cache.get(key)
    if corrections is None:
        corrections = list(Correction.objects.filter(article_id=article.pk))
        cache.set(key, corrections, CACHE_SECONDS)
    return ArticleCorrections(corrections)


def forget(instance, **kwargs):
    """Drop an article's cached corrections when one changes, now and after the commit."""
    key = _cache_key(instance.article_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
