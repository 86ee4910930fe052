import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nashra.analytics.counting import flush_view_counts
from nashra.core import jobs
from nashra.scheduling import services

logger = logging.getLogger("nashra.scheduling")


class Command(BaseCommand):
    help = (
        "Publish scheduled revisions once their time (and any embargo) has come and "
        "unpublish expired pages; loop until stopped, or once with --once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=15, help="Seconds between passes (default 15)."
        )
        parser.add_argument("--once", action="store_true", help="Do one pass and exit.")

    def handle(self, *args, interval, once, **options):
        self.recover()
        if once:
            self.run_pass()
            return
        stopping = threading.Event()

        def stop(signum, frame):
            self.stdout.write(
                _("Signal %(signal)s: stopping after this pass.")
                % {"signal": signal.Signals(signum).name}
            )
            stopping.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(
            _("Scheduling worker started; a pass every %(interval)s s.")
            % {"interval": f"{interval:g}"}
        )
        try:
            while not stopping.is_set():
                try:
                    self.run_pass()
                except Exception:
                    # The database may be away for a moment; the next pass tries again, and
                    # the missing heartbeat makes /health/ fail if it stays away.
                    logger.exception("Scheduling pass failed")
                finally:
                    # Drop a broken or aged connection between passes; never one that a
                    # caller's transaction still holds (as in tests).
                    if not connection.in_atomic_block:
                        close_old_connections()
                stopping.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write(_("Scheduling worker stopped."))

    def recover(self):
        """Finish what a worker killed mid-pass could not: the purges sent after each commit."""
        try:
            purged = services.purge_after_unfinished_pass()
        except Exception:
            logger.exception("Purging after an unfinished pass failed")
            return
        if purged:
            self.stdout.write(
                ngettext(
                    "Purged %(count)d page changed by an unfinished pass.",
                    "Purged %(count)d pages changed by an unfinished pass.",
                    purged,
                )
                % {"count": purged}
            )

    def run_pass(self):
        result = services.run_scheduled()
        if result.published or result.unpublished or result.failed:
            self.stdout.write(
                _(
                    "Published %(published)d, unpublished %(unpublished)d, failed %(failed)d, "
                    "waiting for their embargo to end %(waiting)d."
                )
                % {
                    "published": len(result.published),
                    "unpublished": len(result.unpublished),
                    "failed": len(result.failed),
                    "waiting": len(result.waiting),
                }
            )
        try:
            flush_view_counts()  # the most-read counts gathered in the cache since the last pass
        except Exception:
            logger.exception("Flushing view counts failed; they stay in the cache")
        for line in jobs.run_all():  # what other apps registered (partner feeds to poll, …)
            self.stdout.write(line)
