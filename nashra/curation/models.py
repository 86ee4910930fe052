import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale, Orderable, RevisionMixin

from nashra.news.models import ArticlePage


def in_three_hours():
    return timezone.now() + datetime.timedelta(hours=3)


class BreakingNewsQuerySet(models.QuerySet):
    def active(self, at=None):
        """Return the items on air at a moment (now by default), neither expired nor withdrawn."""
        at = at or timezone.now()
        return self.filter(withdrawn=False, starts_at__lte=at, expires_at__gt=at)

    def overlapping(self, starts_at, expires_at):
        return self.filter(withdrawn=False, starts_at__lt=expires_at, expires_at__gt=starts_at)


class BreakingNews(RevisionMixin, models.Model):
    """A one-line banner over every page of an edition until it expires or is withdrawn.

    Each edition runs its own line (a locale field, not a translation of the other's).
    """

    locale = models.ForeignKey(
        Locale, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("text"), max_length=200)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Used when no article is chosen."))
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=in_three_hours)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="breaking_news")

    objects = BreakingNewsQuerySet.as_manager()

    panels = [
        FieldPanel("locale"),
        FieldPanel("text"),
        FieldPanel("article"),
        FieldPanel("url"),
        FieldPanel("starts_at"),
        FieldPanel("expires_at"),
        FieldPanel("withdrawn"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")

    def __str__(self):
        return self.text

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("It must expire after it starts.")})
        if self.article_id and self.locale_id and self.article.locale_id != self.locale_id:
            raise ValidationError({"article": _("Choose an article of the same edition.")})
        if self.withdrawn or not (self.locale_id and self.starts_at and self.expires_at):
            return
        clash = (
            BreakingNews.objects.filter(locale_id=self.locale_id)
            .overlapping(self.starts_at, self.expires_at)
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("“%(text)s” is already on air in this edition at that time; withdraw it first.")
                % {"text": clash.text}
            )


class HomeCuration(RevisionMixin, ClusterableModel):
    """The pins of one edition's front page: its top story and a few featured slots."""

    MAX_FEATURED = 4

    locale = models.OneToOneField(
        Locale, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    top_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("top story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Left empty, the latest article leads the front page."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="home_curation")

    panels = [
        FieldPanel("locale"),
        FieldPanel("top_story"),
        InlinePanel("featured_slots", label=_("Featured slot"), max_num=MAX_FEATURED, min_num=0),
    ]

    class Meta:
        verbose_name = _("home curation")
        verbose_name_plural = _("home curation")

    def __str__(self):
        return str(_("Front page of %(edition)s") % {"edition": self.locale.get_display_name()})

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        """Return the front page as a revision had it; a slot deleted since comes back as new.

        Restoring would otherwise fail on the deleted slot's id ("Select a valid choice").
        """
        curation = super().with_content_json(content)
        stored = set(FeaturedSlot.objects.filter(curation_id=self.pk).values_list("pk", flat=True))
        for slot in curation.featured_slots.all():
            if slot.pk not in stored:
                slot.pk = None
        return curation

    def clean(self):
        super().clean()
        if self.top_story_id and self.locale_id and self.top_story.locale_id != self.locale_id:
            raise ValidationError({"top_story": _("Choose an article of the same edition.")})

    @classmethod
    def pins_for(cls, locale):
        """Return an edition's pinned top story and featured slots, live articles only.

        A slot that is empty, or whose article is unpublished, private or of another edition,
        is None.
        Three queries at most, whatever the size of the archive.
        """
        curation = cls.objects.filter(locale=locale).prefetch_related("featured_slots").first()
        if curation is None:
            return None, []
        slot_ids = [slot.article_id for slot in curation.featured_slots.all()][: cls.MAX_FEATURED]
        wanted = {curation.top_story_id, *slot_ids} - {None}
        articles = {}
        if wanted:
            queryset = ArticlePage.objects.live().public().in_locale(locale).filter(pk__in=wanted)
            articles = {article.pk: article for article in queryset.for_listing()}
        return articles.get(curation.top_story_id), [articles.get(pk) for pk in slot_ids]


class FeaturedSlot(Orderable):
    curation = ParentalKey(HomeCuration, on_delete=models.CASCADE, related_name="featured_slots")
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Left empty, the slot takes the next latest article."),
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured slot")
        verbose_name_plural = _("featured slots")
