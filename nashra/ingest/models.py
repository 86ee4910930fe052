from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedPage(models.Model):
    """A page made from an item of another system, found again by that item on a later run.

    ``origin`` names the item where it came from, e.g. ``wordpress:https://blog.example/#post/12``;
    a re-run of the import updates this page instead of making a second one.
    """

    origin = models.CharField(_("origin"), max_length=500, unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")

    def __str__(self):
        return self.origin
