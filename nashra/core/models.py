from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import RevisionMixin, TranslatableMixin

from nashra.core.dates import DEFAULT_TIME_ZONE, Digits, time_zone_choices, validate_time_zone


class SlugFromNameMixin:
    """Fill an empty slug from the name (Arabic letters kept) when the row is saved."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)


class NashraImage(AbstractImage):
    """Wagtail's image with the caption and credit a newsroom prints under every photo."""

    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    # The ninjs uri (or file path) a wire picture came from; re-imports reuse the image.
    wire_uri = models.CharField(_("wire URI"), max_length=1000, blank=True, db_index=True)

    admin_form_fields = Image.admin_form_fields + ("caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class NashraRendition(AbstractRendition):
    image = models.ForeignKey(NashraImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class EditionSettings(TranslatableMixin, RevisionMixin, models.Model):
    """Name, blurb and footer of one language edition; one row per locale."""

    site_name = models.CharField(_("site name"), max_length=255)
    about_blurb = models.TextField(
        _("about blurb"),
        help_text=_(
            "Shown under the header and in the footer's “Who we are”, "
            "e.g. “This page is the English version of … website”."
        ),
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=255)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Dates on this edition's pages are shown in this time zone."),
    )
    show_hijri_date = models.BooleanField(
        _("show the Hijri date"),
        default=False,
        help_text=_("Show the Hijri date (Umm al-Qura calendar) beside the Gregorian date."),
    )
    digits = models.CharField(
        _("digits"),
        max_length=16,
        choices=Digits.choices,
        default=Digits.LATIN,
        help_text=_("The digits of dates, page numbers and the photo-gallery counter."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="edition_settings")

    panels = [
        FieldPanel("site_name"),
        FieldPanel("about_blurb"),
        FieldPanel("copyright_holder"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("telegram_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [
                # A drop-down rather than a field's choices, so a new tz database release
                # does not call for a migration.
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
                FieldPanel("show_hijri_date"),
                FieldPanel("digits"),
            ],
            heading=_("Dates and numbers"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("edition settings")
        verbose_name_plural = _("edition settings")

    def __str__(self):
        return f"{self.site_name} ({self.locale})"

    @property
    def revisions(self):
        return self._revisions

    @property
    def social_links(self):
        """Return (label, url) pairs of the social accounts that are filled in."""
        links = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("Telegram", self.telegram_url),
            ("Instagram", self.instagram_url),
        ]
        return [(label, url) for label, url in links if url]

    @classmethod
    def for_locale(cls, locale):
        """Return the settings of an edition, or unsaved defaults when none were entered."""
        edition_settings = cls.objects.filter(locale=locale).first()
        if edition_settings is None:
            name = settings.WAGTAIL_SITE_NAME
            edition_settings = cls(
                locale=locale, site_name=name, about_blurb="", copyright_holder=name
            )
        else:
            edition_settings.locale = locale  # spares a query for .locale later
        return edition_settings
