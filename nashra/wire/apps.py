from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    name = "nashra.wire"
    label = "wire"
    verbose_name = _("Wire desk")

    def ready(self):
        # The worker and import_ninjs sit on floors below this one: each is told what to call.
        from nashra.core import jobs
        from nashra.ingest import inbox

        from .polling import worker_job
        from .services import receive_ninjs

        jobs.register("wire", worker_job)
        inbox.register(receive_ninjs)
