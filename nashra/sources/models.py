from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Source(TranslatableMixin, index.Indexed, models.Model):
    """Where a story came from: a wire agency, a broadcaster, a partner outlet…"""

    class Kind(models.TextChoices):
        WIRE_AGENCY = "wire", _("Wire agency")
        BROADCASTER = "broadcaster", _("Broadcaster")
        NEWSPAPER = "newspaper", _("Newspaper")
        PARTNER = "partner", _("Partner")
        OFFICIAL = "official", _("Official statement")
        SOCIAL = "social", _("Social media")
        STAFF = "staff", _("Own reporting")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("URL"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("kind")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self):
        return self.name
