"""An article's topics, sources and authors, cached: three queries a page view spared.

An entry is forgotten when its article is saved (publishing saves it), and all entries at
once when any topic, source or author changes, so a renamed topic shows on the next request.
"""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from nashra.caching import memo

GENERATION_KEY = "nashra:article-labels:generation"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh token, never a counter that could restart at a value already used.
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, None)
    return generation


def _fetch(article):
    """Return the article's topics, sources and authors (three queries)."""
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
    return _cached(article)


@memo.remembered("article-labels", version=_generation, key=lambda article: (article.pk,))
def _cached(article):
    return _fetch(article)


def forget_all(instance=None, **kwargs):
    """Forget every article's labels (a topic, source or author changed): a new generation.

    Not when it was saved unchanged (nashra.caching notes that before the save).
    """
    if getattr(instance, "_nashra_unchanged", False):
        return
    memo.forget(GENERATION_KEY)  # the next read starts a new generation


def forget_article(instance, **kwargs):
    """Forget one article's labels when it is saved or deleted."""
    if instance.pk:
        memo.forget(_cached.get_cache_key(instance))


def connect(article_model, label_models):
    """Forget labels when an article is saved or deleted, or any topic, source or author."""
    for signal in (post_save, post_delete):
        signal.connect(forget_article, sender=article_model, dispatch_uid="labels-article")
        for model in label_models:
            signal.connect(forget_all, sender=model, dispatch_uid=f"labels-{model._meta}")
    for name in ("topics", "sources", "authors"):
        through = getattr(article_model, name).through
        m2m_changed.connect(forget_all, sender=through, dispatch_uid=f"labels-m2m-{name}")
