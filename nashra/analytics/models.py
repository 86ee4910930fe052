from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleViewsQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(hour__gte=moment)


class ArticleViews(models.Model):
    """How many readers viewed an article in one hour (UTC); no reader is identifiable."""

    page = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="view_counts",
    )
    # The article's edition, kept beside the count so an edition's figures need no join.
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour, in UTC."))
    views = models.PositiveIntegerField(_("views"), default=0)

    objects = ArticleViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("article views")
        verbose_name_plural = _("article views")
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="analytics_one_count_per_hour")
        ]
        indexes = [models.Index(fields=["locale", "hour"], name="analytics_locale_hour")]

    def __str__(self):
        return f"{self.page_id} @ {self.hour:%Y-%m-%d %H:00}: {self.views}"
