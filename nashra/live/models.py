"""Live coverage: a page under a section whose short updates are records of their own.

A live page is an article (it has a headline, lead, hero, topics, sources, type of work and
shows in every listing, feed, search and sitemap an article does); its updates are not
revisions of it. Posting one saves no page and runs no workflow: it is a row, written in
its own short transaction, so many editors can post at once for hours.
"""

import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager

from nashra.caching.store import version_of
from nashra.news.models import ArticlePage
from nashra.news.queries import images_in, prefetch_renditions
from nashra.search.indexing import stream_text
from nashra.search.text import term_string

from . import views
from .blocks import LiveUpdateBlock
from .queries import (
    KEY_EVENTS_SHOWN,
    PINNED_SHOWN,
    UPDATES_PER_PAGE,
    LivePageQuerySet,
    LiveUpdateQuerySet,
)


def live_tag(page_id):
    """The cache tag of what shows a live page's updates (its fragments, its JSON-LD)."""
    return f"l:{page_id}"


class CoverageState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    ENDED = "ended", _("Ended")


def coverage_state(starts_at, ends_at, now=None):
    """Return the state of coverage running from ``starts_at`` (None: not yet) to ``ends_at``."""
    now = now or timezone.now()
    if ends_at is not None and ends_at <= now:
        return CoverageState.ENDED
    if starts_at is None or starts_at > now:
        return CoverageState.SCHEDULED
    return CoverageState.LIVE


class LivePage(RoutablePageMixin, ArticlePage):
    is_live_blog = True  # what templates and the floors below ask, without importing this
    has_own_feed = True  # its pages link to the feed of its updates (autodiscovery)

    coverage_starts_at = models.DateTimeField(
        _("coverage starts"),
        null=True,
        blank=True,
        help_text=_("Empty: the coverage is live from its first publication."),
    )
    coverage_ends_at = models.DateTimeField(
        _("coverage ends"),
        null=True,
        blank=True,
        help_text=_("Set when the coverage ends; readers then see that it has ended."),
    )
    writers_publish_updates = models.BooleanField(
        _("writers publish their updates"),
        default=False,
        help_text=_(
            "For fast-moving coverage: the section's writers publish their own updates. "
            "Otherwise their updates wait as drafts for an editor."
        ),
    )

    objects = PageManager.from_queryset(LivePageQuerySet)()

    content_panels = ArticlePage.content_panels + [
        FieldRowPanel(
            [FieldPanel("coverage_starts_at"), FieldPanel("coverage_ends_at")],
            heading=_("Coverage"),
        ),
    ]
    settings_panels = ArticlePage.settings_panels + [FieldPanel("writers_publish_updates")]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("live page")
        verbose_name_plural = _("live pages")

    @property
    def coverage_started_at(self):
        return self.coverage_starts_at or self.published_at or self.first_published_at

    def coverage_state(self, now=None):
        return coverage_state(
            self.coverage_started_at if self.live else None, self.coverage_ends_at, now
        )

    @cached_property
    def state(self):
        return self.coverage_state()

    def published_updates(self):
        return self.updates.published().newest_first()

    @path("updates/")
    def updates_view(self, request):
        return views.latest_updates(request, self)

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    @path("feed/json/", name="feed_json")
    def updates_feed_view(self, request):
        return views.updates_feed(request, self)

    # An update's own address redirects to its place on the page (shared links, search).
    @path("updates/<int:update_id>/", name="update")
    def update_view(self, request, update_id):
        return views.update_redirect(request, self, update_id)

    def _fragment_version(self, request):
        """The article's, and the updates': a new update changes the page and its JSON-LD."""
        seconds, version = super()._fragment_version(request)
        if getattr(request, "is_preview", False):
            return seconds, version
        # The updates shown change with each update, and with ``?from=`` (older ones); the
        # state by the clock, with nothing to purge: kept no longer than until it changes.
        start = request.GET.get("from", "")
        now = timezone.now()
        for moment in (self.coverage_started_at, self.coverage_ends_at):
            if moment is not None and moment > now:
                seconds = max(1, min(seconds, int((moment - now).total_seconds())))
        state = self.coverage_state(now)
        return seconds, f"{version}:{version_of([live_tag(self.pk)])}:{start}:{state}"

    def updates_page(self, request):
        """Return the updates shown: the newest, or from ``?from=<id>`` on; 404 for a bad id."""
        updates = self.published_updates().for_display()
        start = request.GET.get("from")
        if start is None:
            return updates, None
        try:
            first = self.updates.published().get(pk=int(start))
        except (ValueError, LiveUpdate.DoesNotExist):
            raise Http404 from None
        return updates.from_update(first), first

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        updates, first = self.updates_page(request)
        # One more than shown: whether there are older ones to link to, in the same query.
        shown = list(updates[: UPDATES_PER_PAGE + 1])
        older = shown[UPDATES_PER_PAGE] if len(shown) > UPDATES_PER_PAGE else None
        shown = shown[:UPDATES_PER_PAGE]
        pinned = (
            [] if first else list(self.published_updates().pinned().for_display()[:PINNED_SHOWN])
        )
        key_events = list(
            self.published_updates()
            .key_events()
            .only("pk", "title", "published_at", "page_id")[:KEY_EVENTS_SHOWN]
        )
        on_page = {update.pk for update in shown}
        for event in key_events:
            event.on_this_page = event.pk in on_page
        prefetch_renditions(
            [image for update in [*shown, *pinned] for image in images_in(update.body)]
        )
        context.update(
            live_state=self.coverage_state(),
            live_updates=shown,
            live_pinned=pinned,
            live_key_events=key_events,
            live_older=older,
            live_from=first,
            live_count=self.updates.published().count(),
            live_poll_seconds=settings.NASHRA_LIVE_POLL_SECONDS,
        )
        return context


class LiveUpdate(models.Model):
    """One short, timestamped update of a live page, posted and published on its own."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    page = models.ForeignKey(
        LivePage, verbose_name=_("live page"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    body = StreamField(LiveUpdateBlock(), verbose_name=_("update"))
    author = models.ForeignKey(
        "people.Author",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_key_event = models.BooleanField(_("key event"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    correction = models.ForeignKey(
        "corrections.Correction",
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Changes on every save: the reader's script replaces an update it shows when it differs.
    version = models.UUIDField(default=uuid.uuid4, editable=False)
    # Its words as the search index takes them, made once when saved: indexing the live page
    # again after each post then stems only the new update, not all of them.
    search_terms = models.TextField(editable=False, blank=True, default="")

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        indexes = [
            models.Index(
                fields=["page", "status", "-published_at", "-id"], name="live_update_newest"
            ),
        ]

    def __str__(self):
        return self.title or self.plain_text()[:60] or str(self.pk)

    def save(self, *args, **kwargs):
        self.make_search_terms()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_terms"}
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def plain_text(self):
        return stream_text(self.body)

    def make_search_terms(self):
        """Return (and keep) the update's words as the search index takes them."""
        self.search_terms = term_string(f"{self.title} {self.plain_text()}")
        return self.search_terms
