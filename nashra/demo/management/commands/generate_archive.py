from django.core.cache import caches
from django.core.management import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from nashra.demo.archive import clear_archive, generate_archive
from nashra.search.indexing import rebuild_index


class Command(BaseCommand):
    help = _(
        "Write a large archive of realistic generated articles into both editions, "
        "for benchmarks; --clear removes the generated articles again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=100_000,
            help=_("How many articles to write (default 100,000)."),
        )
        parser.add_argument(
            "--seed", type=int, default=None, help=_("Write the same archive for the same seed.")
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help=_("Delete the articles generated before, first."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help=_("Articles written per transaction."),
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=_("Leave the search index alone."),
        )

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["batch_size"] < 1:
            raise CommandError(_("--articles must not be negative, --batch-size at least 1."))
        if options["clear"]:
            deleted = clear_archive(progress=self.stdout.write)
            self.stdout.write(_("Deleted %(count)s generated articles.") % {"count": deleted})
        if options["articles"]:
            try:
                result = generate_archive(
                    options["articles"],
                    seed=options["seed"],
                    batch_size=options["batch_size"],
                    progress=self.stdout.write,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                self.style.SUCCESS(
                    _("Wrote %(count)s articles in %(seconds).1f s (%(rate)s articles/s).")
                    % {
                        "count": f"{result['articles']:,}",
                        "seconds": result["seconds"],
                        "rate": f"{result['articles'] / max(result['seconds'], 0.001):,.0f}",
                    }
                )
            )
        for cache in caches.all():
            cache.clear()  # home pages and listings cached before now no longer tell the truth
        if not options["no_index"]:
            self.stdout.write(_("Rebuilding the search index…"))
            rebuild_index(batch_size=1000, stdout=self.stdout)
        # Fresh statistics, as a live database's autovacuum (or SQLite's PRAGMA optimize) would
        # keep them: without them the planner guesses wrong on a table that grew a hundredfold.
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a caller's, or a test's): ANALYZE can.
            vacuum = connection.vendor == "postgresql" and connection.get_autocommit()
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
