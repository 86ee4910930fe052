"""The bare page `make bench` serves beside Nashra's article: one text field, one template.

What stock Wagtail costs on the same machine, database and gunicorn, with none of Nashra's
pages, middleware or caches (``nashra.settings.baseline``). Installed with the demo, never in
production.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class BarePage(Page):
    body = models.TextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    is_creatable = False  # made by `manage.py baseline_page`, never by an editor

    class Meta:
        verbose_name = _("bare page")
        verbose_name_plural = _("bare pages")
