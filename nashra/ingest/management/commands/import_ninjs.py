import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nashra.ingest import inbox
from nashra.ingest.errors import IngestError
from nashra.ingest.ninjs import load_document, parse_document, schema_versions
from nashra.ingest.services import ImportResult, ImportStatus, import_ninjs_file

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Create or update articles from IPTC ninjs files (1.x, 2.x or 3.x); folders are"
            " searched for *.json files. New articles are drafts unless --publish is given."
        )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help=_("Files or folders."))
        parser.add_argument(
            "--section",
            help=_(
                "Slugs of the section under the edition's home, e.g. news/middle-east"
                " (default: the edition's first section)."
            ),
        )
        parser.add_argument(
            "--edition",
            help=_("Language code of the edition (default: the document's language)."),
        )
        parser.add_argument("--publish", action="store_true", help=_("Publish what is imported."))
        parser.add_argument(
            "--pictures-from",
            type=Path,
            metavar="FOLDER",
            help=_(
                "Read local pictures from anywhere under this folder (default: only from under"
                " each ninjs file's own folder)."
            ),
        )
        parser.add_argument(
            "--ninjs-version",
            choices=schema_versions(),
            help=_("Schema version for documents that do not name theirs."),
        )
        parser.add_argument(
            "--inbox",
            action="store_true",
            help=_(
                "Put each item in the wire inbox, for an editor to take into a section, instead"
                " of creating an article. An item waits in the edition of its language;"
                " --edition places only those in a language no edition publishes."
            ),
        )

    def handle(
        self,
        *args,
        paths,
        section,
        edition,
        publish,
        ninjs_version,
        pictures_from,
        inbox,
        **options,
    ):
        if inbox and (publish or section or pictures_from):
            raise CommandError(
                _(
                    "--inbox goes without --publish, --section and --pictures-from: an editor"
                    " takes each item from the inbox into a section."
                )
            )
        counts = dict.fromkeys(ImportStatus, 0)
        for path, problem in self.ninjs_files(paths):
            if problem:
                result = ImportResult(path, ImportStatus.ERROR, problem)
            elif inbox:
                result = self.send_to_inbox(path, edition, ninjs_version)
            else:
                result = self.import_file(
                    path, section, edition, publish, ninjs_version, pictures_from
                )
            counts[result.status] += 1
            if result.status == ImportStatus.ERROR:
                self.stderr.write(str(result), style_func=self.style.ERROR)
            else:
                self.stdout.write(str(result))
        summary = _(
            "%(created)d created, %(updated)d updated, %(skipped)d skipped, %(errors)d failed"
        ) % {
            "created": counts[ImportStatus.CREATED],
            "updated": counts[ImportStatus.UPDATED],
            "skipped": counts[ImportStatus.SKIPPED],
            "errors": counts[ImportStatus.ERROR],
        }
        self.stdout.write(summary)
        if counts[ImportStatus.ERROR]:
            failed = counts[ImportStatus.ERROR]
            raise CommandError(
                ngettext(
                    "%(count)d file failed to import", "%(count)d files failed to import", failed
                )
                % {"count": failed}
            )

    def ninjs_files(self, paths):
        """Yield (path, None) for every file to import, (path, problem) for a bad argument."""
        for path in paths:
            if path.is_dir():
                files = sorted(p for p in path.rglob("*.json") if p.is_file())
                if not files:
                    yield path, _("%(path)s: no .json files in this folder") % {"path": path}
                yield from ((file, None) for file in files)
            elif path.is_file():
                yield path, None
            else:
                yield path, _("%(path)s: no such file or folder") % {"path": path}

    def import_file(self, path, section, edition, publish, version, pictures_from=None):
        try:
            return import_ninjs_file(
                path,
                section_path=section,
                edition=edition,
                publish=publish,
                version=version,
                pictures_from=pictures_from,
            )
        except Exception as error:  # a bug must not stop the rest of the feed; it is logged
            logger.exception("Importing %s failed", path)
            message = _("%(file)s: unexpected error (%(error)s)") % {"file": path, "error": error}
            return ImportResult(path, ImportStatus.ERROR, message)

    def send_to_inbox(self, path, edition, version):
        """Put the file's item in the wire inbox; the uri stays its guid, its language its own."""
        try:
            item = parse_document(load_document(path), version=version)
            if not item.is_article:
                message = _(
                    "%(file)s: a %(type)s item is not an article; only text and composite items"
                    " go to the inbox"
                ) % {"file": path, "type": item.type}
                return ImportResult(path, ImportStatus.SKIPPED, message)
            if not item.headline:
                raise IngestError(_("the document has no headline"))
            delivered = inbox.deliver(item, path, edition=edition)
        except IngestError as error:
            message = _("%(file)s: %(problem)s") % {"file": path, "problem": error}
            return ImportResult(path, ImportStatus.ERROR, message, error=error)
        except inbox.NoInbox as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # as in import_file: one bad file must not stop the rest
            logger.exception("Sending %s to the wire inbox failed", path)
            message = _("%(file)s: unexpected error (%(error)s)") % {"file": path, "error": error}
            return ImportResult(path, ImportStatus.ERROR, message)
        message = _("%(file)s: %(description)s") % {
            "file": path,
            "description": delivered.description,
        }
        return ImportResult(path, ImportStatus(delivered.status), message)
