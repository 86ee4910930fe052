"""The most-read lists of an edition: one query per window, then cached for a few minutes."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from nashra.core import privacy
from nashra.news.models import ArticlePage

from .counting import HOUR, hour_of

LIMIT = 5
# Each window counts the current hour and the hours before it: 24 buckets, 7 × 24 buckets.
WINDOWS = {"day": datetime.timedelta(hours=24), "week": datetime.timedelta(days=7)}


def _cache_key(language_code):
    return f"analytics:most-read:{language_code}"


def most_read_articles(locale, window, now=None, limit=LIMIT):
    """Return the edition's live, public articles most read within window, most read first."""
    since = hour_of(now or timezone.now()) - window + HOUR
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(locale=locale, view_counts__locale=locale, view_counts__hour__gte=since)
        .annotate(recent_views=Sum("view_counts__views"))
        .order_by("-recent_views", "-published_at", "-pk")[:limit]
    )


def most_read(locale, request=None):
    """Return {"day": [...], "week": [...]} of {"title", "url"} for the edition, cached.

    Cached until a page turns private or public too, so a story made private leaves at once.
    """

    def load():
        now = timezone.now()
        return {
            name: [
                {"title": article.title, "url": article.get_url(request)}
                for article in most_read_articles(locale, window, now)
            ]
            for name, window in WINDOWS.items()
        }

    return privacy.remember_while_unchanged(
        _cache_key(locale.language_code),
        load,
        getattr(settings, "NASHRA_MOST_READ_CACHE_SECONDS", 300),
    )


def forget_most_read(**kwargs):
    """Drop every edition's cached lists, so an unpublished headline leaves them at once."""
    cache.delete_many([_cache_key(code) for code, _ in settings.LANGUAGES])
