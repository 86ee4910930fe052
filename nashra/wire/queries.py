"""Named queries of the wire desk: feeds due for a poll, the inbox's listing, what expires."""

from django.db import models


class PartnerFeedQuerySet(models.QuerySet):
    def due(self, now):
        """Enabled feeds never polled, or whose next poll time has come."""
        return self.filter(enabled=True).filter(
            models.Q(next_poll_at__isnull=True) | models.Q(next_poll_at__lte=now)
        )


class WireItemQuerySet(models.QuerySet):
    def _deliveries(self):
        return self.model.sources.field.model.objects  # WireItemSource, defined after this

    def taken(self):
        return self.filter(taken_page__isnull=False)

    def not_taken(self):
        return self.filter(taken_page__isnull=True)

    def expired(self, cutoff):
        """Items received before ``cutoff`` that nobody took: the worker deletes them."""
        return self.not_taken().filter(received_at__lt=cutoff)

    def newest_first(self):
        return self.order_by("-received_at", "-pk")

    def search(self, text):
        """Items whose headline, summary or body holds ``text`` (plain icontains, any database)."""
        return self.filter(
            models.Q(title__icontains=text)
            | models.Q(summary__icontains=text)
            | models.Q(body__icontains=text)
        )

    def delivered_by(self, feed):
        return self.filter(pk__in=self._deliveries().filter(feed=feed).values("item_id"))

    def for_listing(self):
        """What a row of the inbox shows, in a fixed number of queries for any page length."""
        deliveries = self._deliveries().select_related("feed").order_by("received_at", "pk")
        return self.select_related("locale", "taken_page", "taken_by").prefetch_related(
            models.Prefetch("sources", queryset=deliveries)
        )
