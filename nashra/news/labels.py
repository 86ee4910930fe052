"""An article's topics, sources and authors, cached: three queries a page view spared.

An entry is forgotten when its article is saved (publishing saves it), and all entries at
once when any topic, source or author changes, so a renamed topic shows on the next request.
"""

import time

from django.core.cache import cache
from django.db import transaction

CACHE_SECONDS = 600  # bounds staleness where the cache is per process (no Redis)
GENERATION_KEY = "nashra:article-labels:generation"


def _key(article_pk):
    return f"nashra:article-labels:{article_pk}"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh token, never a counter that could restart at a value already used.
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, None)
    return generation


def _fetch(article):
    return {
        "topics": list(article.topics.all()),
        "sources": list(article.sources.all()),
        "authors": list(article.authors.all()),
    }


def article_labels(article, request=None):
    """Return {"topics", "sources", "authors"} of a live article, from the cache when fresh.

    A preview shows a revision's own choices, unsaved: those are fetched and never cached.
    """
    if getattr(request, "is_preview", False) or not article.pk:
        return _fetch(article)
    from nashra.caching.store import remember

    return remember(_key(article.pk), lambda: _fetch(article), CACHE_SECONDS, version=_generation())


def _forget_all():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def forget_all(instance=None, **kwargs):
    """Forget every article's labels (a topic, source or author changed), now and after commit.

    Not when it was saved unchanged (nashra.caching notes that before the save).
    """
    if getattr(instance, "_nashra_unchanged", False):
        return
    _forget_all()
    transaction.on_commit(_forget_all)


def forget_article(instance, **kwargs):
    """Forget one article's labels when it is saved or deleted, now and after commit."""
    from .models import ArticlePage

    if isinstance(instance, ArticlePage) and instance.pk:
        key = _key(instance.pk)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
