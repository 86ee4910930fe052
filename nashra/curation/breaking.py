"""The breaking line on air in an edition, read from the cache so a page pays no query for it."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from nashra.caching import memo

from .models import BreakingNews

CACHE_SECONDS = 60  # bounds staleness where the cache is per process (no Redis)
UPCOMING = 10


def _cache_key(language_code):
    return f"nashra:breaking:{language_code}"


def _upcoming(language_code):
    key = _cache_key(language_code)
    items = cache.get(key)
    if items is None:
        items = list(
            BreakingNews.objects.filter(
                locale__language_code=language_code,
                withdrawn=False,
                expires_at__gt=timezone.now(),
            )
            .select_related("article")
            .order_by("starts_at")[:UPCOMING]
        )
        cache.set(key, items, CACHE_SECONDS)
    return items


def seconds_until_next_change(language_code, at=None):
    """Return how many seconds until a breaking line goes on or off the air, or None.

    Pages that show the banner may be cached no longer than this: the change comes with
    the clock, not with an edit that would purge them.
    """
    at = at or timezone.now()
    moments = [
        moment
        for item in _upcoming(language_code)
        for moment in (item.starts_at, item.expires_at)
        if moment > at
    ]
    if not moments:
        return None
    return int((min(moments) - at).total_seconds()) + 1


def on_air(language_code, at=None):
    """Return the edition's breaking news on air at a moment (now by default), or None.

    The cache holds the edition's items still to come or on air; which one is on air is
    decided on each request, so an item leaves the banner the moment it expires.
    """
    items = _upcoming(language_code)
    at = at or timezone.now()
    return next((item for item in items if item.starts_at <= at < item.expires_at), None)


def forget(**kwargs):
    """Drop the cached items when one changes."""
    memo.forget(*(_cache_key(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES))
