"""An article's corrections, read from the cache so an article page pays no query for them."""

from django.core.cache import cache

from nashra.caching import memo

from .models import Correction

CACHE_SECONDS = 300  # a correction is forgotten when saved: this bounds per-process copies


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
    """Drop an article's cached corrections when one changes."""
    memo.forget(_cache_key(instance.article_id))
