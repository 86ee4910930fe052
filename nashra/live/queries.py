from django.db import models
from django.db.models import Q

from nashra.news.queries import ArticlePageQuerySet

UPDATES_PER_PAGE = 20
KEY_EVENTS_SHOWN = 12
PINNED_SHOWN = 3


class LivePageQuerySet(ArticlePageQuerySet):
    def not_ended(self, now):
        """Return live pages whose coverage has not ended by ``now`` (scheduled or on air)."""
        return self.filter(Q(coverage_ends_at__isnull=True) | Q(coverage_ends_at__gt=now))


class LiveUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def drafts(self):
        return self.filter(status="draft")

    def newest_first(self):
        """Return updates newest first, in the order readers see them: by publication."""
        return self.order_by("-published_at", "-pk")

    def from_update(self, update):
        """Return this update and every one published before it (a page of older updates)."""
        return self.filter(
            Q(published_at__lt=update.published_at)
            | Q(published_at=update.published_at, pk__lte=update.pk)
        )

    def for_display(self):
        """Return updates with what a reader sees of them fetched in the same query."""
        return self.select_related("author", "correction")

    def key_events(self):
        return self.filter(is_key_event=True)

    def pinned(self):
        return self.filter(is_pinned=True)
