"""The wire desk: partners' feeds, and the inbox of what they delivered.

Nothing here is on the public site. A feed is polled by the worker (``polling.py``); each new
story becomes one ``WireItem`` however many feeds carry it, with a ``WireItemSource`` row per
feed (or file) that delivered it. An editor *takes* an item: it becomes a draft article.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale

from nashra.ingest.html import sanitize

from . import addresses
from .queries import PartnerFeedQuerySet, WireItemQuerySet

HTTP_ONLY = URLValidator(
    schemes=["http", "https"], message=_("Enter an http:// or https:// address.")
)


class PartnerFeed(models.Model):
    """A partner's RSS, Atom or JSON Feed, polled for the inbox of one edition."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000, validators=[HTTP_ONLY])
    locale = models.ForeignKey(
        Locale, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    default_section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default section"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Offered first when an item of this feed is taken."),
    )
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Credited as the source of every article taken from this feed."),
    )
    poll_interval = models.PositiveIntegerField(
        _("poll every (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    # What the worker keeps between polls; nobody edits these.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, editable=False, db_index=True)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    failing_since = models.DateTimeField(null=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, editable=False)
    items_seen = models.PositiveIntegerField(_("items delivered"), default=0, editable=False)

    objects = PartnerFeedQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("locale"), FieldPanel("default_section")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("poll_interval"), FieldPanel("enabled")]),
    ]

    class Meta:
        verbose_name = _("partner feed")
        verbose_name_plural = _("partner feeds")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A changed address, or a feed switched back on, is polled on the worker's next pass
        # whatever backoff its failures had earned; a new address starts without validators.
        loaded = getattr(self, "_as_loaded", None)
        if loaded is not None and loaded != (self.url, self.enabled):
            if loaded[0] != self.url:
                self.etag = self.last_modified = ""
            self.next_poll_at = None
        super().save(*args, **kwargs)
        self._as_loaded = (self.url, self.enabled)

    @classmethod
    def from_db(cls, db, field_names, values):
        feed = super().from_db(db, field_names, values)
        if {"url", "enabled"} <= set(field_names):
            feed._as_loaded = (feed.url, feed.enabled)
        return feed

    def clean(self):
        errors = {}
        section = self.default_section if self.default_section_id else None
        if section is not None and self.locale_id and section.locale_id != self.locale_id:
            errors["default_section"] = _("Choose a section of the feed's edition.")
        if self.source_id and self.locale_id and self.source.locale_id != self.locale_id:
            errors["source"] = _("Choose a source of the feed's edition.")
        if self.url and not addresses.url_host_allowed(self.url):
            errors["url"] = _(
                "This address is on a private network; feeds are fetched only from the internet."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_failing(self):
        return self.consecutive_failures > 0

    @property
    def status(self):
        """What the feed listing says: OK, failing since when and why, or not polled yet."""
        if not self.enabled:
            return gettext("Disabled")
        if self.is_failing:
            since = formats.date_format(
                timezone.localtime(self.failing_since or self.last_polled_at),
                "SHORT_DATETIME_FORMAT",
            )
            return gettext("Failing since %(since)s: %(error)s") % {
                "since": since,
                "error": self.last_error,
            }
        if self.last_success_at is None:
            return gettext("Not polled yet")
        return gettext("OK")


class WireItem(models.Model):
    """One story in the inbox, however many feeds delivered it."""

    guid = models.CharField(_("guid"), max_length=1000)
    link = models.URLField(_("original"), max_length=1000, blank=True)
    title = models.CharField(_("headline"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Sanitized HTML."))
    language = models.CharField(_("language"), max_length=16, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    # Sources a ninjs document names itself ([{"name": …, "url": …}]); a feed has its own.
    agencies = models.JSONField(_("agencies"), default=list, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    locale = models.ForeignKey(
        Locale, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    feeds = models.ManyToManyField(
        PartnerFeed, through="WireItemSource", related_name="items", verbose_name=_("feeds")
    )
    taken_page = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("taken as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a deleted draft frees the item to be taken again
        related_name="+",
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)

    objects = WireItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        indexes = [
            models.Index(fields=["locale", "received_at"], name="wire_item_edition_received")
        ]

    def __str__(self):
        return self.title

    @property
    def is_taken(self):
        return self.taken_page_id is not None

    @property
    def safe_body(self):
        """The body as HTML to show: sanitized when stored, and again here, whoever stored it."""
        return mark_safe(sanitize(self.body))  # noqa: S308

    @cached_property
    def source_names(self):
        return [source.label for source in self.sources.all()]


class WireItemSource(models.Model):
    """One delivery of an item: by which feed (or file), under which guid and link."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="sources")
    feed = models.ForeignKey(
        PartnerFeed,
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    name = models.CharField(
        _("delivered by"), max_length=255, blank=True, help_text=_("When no feed delivered it.")
    )
    guid = models.CharField(_("guid"), max_length=1000)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    # Hashes of the guid and the link: an index on them holds for any length or alphabet.
    guid_key = models.CharField(max_length=64)
    link_key = models.CharField(max_length=64, blank=True, db_index=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("wire item source")
        verbose_name_plural = _("wire item sources")
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "guid_key"],
                condition=models.Q(feed__isnull=False),
                name="wire_source_one_guid_per_feed",
            ),
            models.UniqueConstraint(
                fields=["guid_key"],
                condition=models.Q(feed__isnull=True),
                name="wire_source_one_guid_per_file",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.feed.name if self.feed_id else self.name
