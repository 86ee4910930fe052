import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from nashra.backups.databases import database_label, vendor_name
from nashra.backups.services import (
    BackupError,
    check_restore_target,
    restore_backup,
    verify_archive,
)


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Restore an archive written by `backup` into an empty database and an empty or"
            " missing media folder. Every checksum is verified before anything is written."
        )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("The .tar archive to restore."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help=_("The database to restore into (default: %(default)s)."),
        )

    def handle(self, *args, archive, yes, database, **options):
        connection = connections[database]
        media_root = settings.MEDIA_ROOT
        try:
            manifest = verify_archive(archive)
            check_restore_target(manifest, connection=connection, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ngettext(
            "%(archive)s: a %(vendor)s database and %(count)d media file, backed up at"
            " %(created)s (Django %(django)s, Wagtail %(wagtail)s). Every checksum matches.",
            "%(archive)s: a %(vendor)s database and %(count)d media files, backed up at"
            " %(created)s (Django %(django)s, Wagtail %(wagtail)s). Every checksum matches.",
            manifest["media"]["files"],
        ) % {
            "archive": archive,
            "vendor": vendor_name(manifest["database"]["vendor"]),
            "count": manifest["media"]["files"],
            "created": manifest["created"],
            "django": manifest["versions"]["django"],
            "wagtail": manifest["versions"]["wagtail"],
        }
        self.stdout.write(summary)
        target = _("Restore into the database %(database)s and the media folder %(media)s?") % {
            "database": database_label(connection),
            "media": media_root,
        }
        if not yes and not self.confirm(target):
            raise CommandError(_("Nothing was restored."))
        try:
            restore_backup(archive, connection=connection, media_root=media_root, manifest=manifest)
        except BackupError as error:
            raise CommandError(_("%(error)s\nNothing was restored.") % {"error": error}) from error
        self.stdout.write(self.style.SUCCESS(_("Restored.")))
        self.report_migrations(manifest["migrations"])

    def confirm(self, question):
        if not sys.stdin.isatty():
            raise CommandError(_("Not asking on a non-interactive input: pass --yes."))
        # The reader's language's own answers count, and English ones always do.
        yes_short = pgettext("the short answer yes to a question", "y")
        yes = pgettext("the answer yes to a question", "yes")
        no_short = pgettext("the short answer no to a question", "n")
        answer = input(f"{question} [{yes_short}/{no_short.upper()}] ")
        return answer.strip().lower() in {"y", "yes", yes_short, yes}

    def report_migrations(self, archived):
        """Say whether the code and the restored database agree on their migrations."""
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        restored = {(app, name) for app, names in archived.items() for name in names}
        unknown = sorted(restored - known)
        if unknown:
            self.stderr.write(
                _(
                    "The backup has migrations this code does not know (%(names)s): it was"
                    " made by a newer release. Deploy that release before serving the site."
                )
                % {"names": ", ".join(f"{app}.{name}" for app, name in unknown[:5])}
            )
        elif known - restored:
            self.stdout.write(
                _("This code has migrations the backup lacks: run `manage.py migrate`.")
            )
