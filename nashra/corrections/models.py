from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, RevisionMixin

from nashra.core import privacy
from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.feeds.builders import corrections_feed
from nashra.feeds.views import feed_response


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Return corrections of live, public articles, the only ones a reader can follow."""
        return self.filter(privacy.public_q("article__path"), article__live=True)

    def in_locale(self, locale):
        return self.filter(article__locale=locale)

    def newest_first(self):
        return self.order_by("-date", "-pk")


class Correction(RevisionMixin, models.Model):
    """A public note attached to an article: it shows as soon as it is saved.

    A row of its own rather than part of the article's revision, so it needs no
    re-publication to appear and reverting the article to an old revision cannot remove it.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        EDITORS_NOTE = "editors_note", _("Editor’s note")
        RETRACTION = "retraction", _("Retraction")

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    text = models.TextField(_("public text"), help_text=_("Readers see this under the article."))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="correction")

    objects = CorrectionQuerySet.as_manager()

    panels = [FieldPanel("article"), FieldPanel("kind"), FieldPanel("date"), FieldPanel("text")]

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article.title}"

    @property
    def revisions(self):
        return self._revisions

    @property
    def anchor(self):
        return f"correction-{self.pk}"


class TranslationFollowUp(models.Model):
    """A task for the other edition: its translation of a corrected article needs the fix too."""

    correction = models.ForeignKey(
        Correction,
        verbose_name=_("correction"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("translation to correct"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    done = models.BooleanField(_("done"), default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("done")]

    class Meta:
        ordering = ["done", "-created"]
        verbose_name = _("translation follow-up")
        verbose_name_plural = _("translation follow-ups")

    def __str__(self):
        return f"{self.article.title} ({self.article.locale})"


class CorrectionsPage(RoutablePageMixin, Page):
    """An edition's public list of corrections, with its feeds at feed/, feed/atom/, feed/json/."""

    FEED_ITEMS = 50
    has_own_feed = True  # its page links to its feed (autodiscovery)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = EditionPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("corrections page")
        verbose_name_plural = _("corrections pages")

    def corrections(self):
        return (
            Correction.objects.public()
            .in_locale(self.locale)
            .newest_first()
            .select_related("article")
        )

    @path("")
    def index_route(self, request):
        corrections = paginate(request, self.corrections())
        return self.render(request, context_overrides={"corrections": corrections})

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    @path("feed/json/", name="feed_json")
    def feed_view(self, request):
        """Serve the newest corrections as RSS 2.0, Atom or JSON Feed, every link absolute."""
        return feed_response(request, corrections_feed(request, self))
