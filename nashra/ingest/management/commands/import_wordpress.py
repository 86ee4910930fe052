from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nashra.ingest.errors import IngestError
from nashra.ingest.wordpress.importer import import_wordpress


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Import a WordPress export (WXR, from Tools → Export): posts become articles,"
            " categories sections, tags topics, pages standard pages; every old address"
            " redirects to its new page. Running it again updates what it imported."
        )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help=_("The WXR file WordPress exported."))
        parser.add_argument(
            "--edition",
            help=_("Language code of the edition (default: the export's language)."),
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            metavar="UPLOADS",
            help=_("A copy of the site's wp-content/uploads folder, where pictures are read."),
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help=_("Download pictures that are not in --media-dir from the site itself."),
        )
        parser.add_argument(
            "--media-host",
            action="append",
            default=[],
            metavar="HOST",
            help=_(
                "A host pictures may be downloaded from (repeatable; default: the export's"
                " own host)."
            ),
        )
        parser.add_argument(
            "--section",
            help=_(
                "Slugs of the section for posts without a category, e.g. news"
                " (default: the edition's first section)."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Do everything, then write nothing.")
        )

    def handle(
        self,
        *args,
        export,
        edition,
        media_dir,
        fetch_media,
        media_host,
        section,
        dry_run,
        **options,
    ):
        if not export.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": export})
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(_("%(path)s: no such folder") % {"path": media_dir})
        try:
            report = import_wordpress(
                export,
                edition=edition,
                media_dir=media_dir,
                fetch_media=fetch_media,
                media_hosts=media_host,
                section=section,
                dry_run=dry_run,
            )
        except IngestError as error:
            raise CommandError(str(error)) from error
        for result in report.results:
            if result in report.failed:
                self.stderr.write(str(result), style_func=self.style.ERROR)
            elif int(options.get("verbosity", 1)) >= 1:
                self.stdout.write(str(result))
        for source, problem in report.media_problems:
            self.stderr.write(
                _("picture %(source)s: %(problem)s") % {"source": source, "problem": problem}
            )
        self.summary(report)
        if report.failed:
            count = len(report.failed)
            raise CommandError(
                ngettext(
                    "%(count)d item failed to import", "%(count)d items failed to import", count
                )
                % {"count": count}
            )

    def summary(self, report):
        write = self.stdout.write
        write("")
        if report.dry_run:
            write(_("Dry run: nothing was written."))
        write(
            _("%(site)s → the %(edition)s edition")
            % {"site": report.site.title or report.site.link, "edition": report.edition}
        )
        header = (_("kind"), _("created"), _("updated"), _("skipped"), _("failed"))
        rows = [tuple(str(cell) for cell in row) for row in report.table()]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        write(
            _(
                "sections: %(created)d created, %(existing)d already there; pictures: %(pictures)d;"
                " redirects: %(redirects)d"
            )
            % {
                "created": report.sections["created"],
                "existing": report.sections["existing"],
                "pictures": report.pictures,
                "redirects": report.redirects,
            }
        )
        if report.comments:
            write(
                ngettext(
                    "%(count)d comment left out (Nashra has no comments)",
                    "%(count)d comments left out (Nashra has no comments)",
                    report.comments,
                )
                % {"count": report.comments}
            )
        for what, count in sorted(report.left_out.items()):
            write(_("left out: %(what)s × %(count)d") % {"what": what, "count": count})
        for what, count in sorted(report.notes.items()):
            write(_("note: %(what)s × %(count)d") % {"what": what, "count": count})
