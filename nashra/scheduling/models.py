from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """When the scheduling worker last finished a pass; in the database so every process sees it."""

    name = models.CharField(_("name"), max_length=50, unique=True, default="scheduler")
    last_run = models.DateTimeField(_("last run"))
    published = models.PositiveIntegerField(_("published on the last run"), default=0)
    unpublished = models.PositiveIntegerField(_("unpublished on the last run"), default=0)
    failed = models.PositiveIntegerField(_("failed on the last run"), default=0)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name}: {self.last_run.isoformat()}"
