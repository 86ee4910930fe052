from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from nashra.core.models import SlugFromNameMixin


class Topic(SlugFromNameMixin, TranslatableMixin, index.Indexed, models.Model):
    """A hashtag-like subject (#Iraq). Each edition has its own row; translations share a key."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    aliases = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_(
            "Other spellings and transliterations, one per line (Hudaydah, Hodeida, الحديدة). "
            "Search treats them as this topic."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("aliases")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def hashtag(self):
        return "#" + self.name.replace(" ", "")
