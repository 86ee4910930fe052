from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nashra.backups.services import BackupError, archive_path, create_backup, prune_backups


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Write one archive (a .tar) of the database and the media folder, with a manifest"
            " of every file's SHA-256 checksum, and print its path."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PATH",
            help=_(
                "The archive to write (a name ending in .tar), or a folder for a dated"
                " nashra-YYYYmmdd-HHMMSS.tar, time in UTC (default: var/backups/ under"
                " NASHRA_VAR_DIR)."
            ),
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help=_(
                "Afterwards delete the oldest dated archives in the archive's folder, keeping"
                " the newest N."
            ),
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help=_("The database to back up (default: %(default)s)."),
        )

    def handle(self, *args, output, keep, database, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep must be 1 or more."))
        now = timezone.now()
        path = archive_path(output, Path(settings.VAR_DIR) / "backups", now)
        try:
            result = create_backup(
                path, connection=connections[database], media_root=settings.MEDIA_ROOT, now=now
            )
            removed = prune_backups(result.path.parent, keep) if keep else []
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in result.skipped:
            self.stderr.write(_("Skipped %(name)s") % {"name": name})
        if not isinstance(default_storage, FileSystemStorage):
            # In a bucket, media are kept by the bucket's own versioning or replication.
            self.stderr.write(
                _(
                    "Media are kept in object storage (AWS_STORAGE_BUCKET_NAME), not in this"
                    " archive: back the bucket up with its own versioning or replication."
                )
            )
        for old in removed:
            self.stdout.write(_("Deleted the older archive %(path)s") % {"path": old})
        self.stdout.write(
            ngettext(
                "Backed up the database and %(count)d media file, an archive of %(size)s, to:",
                "Backed up the database and %(count)d media files, an archive of %(size)s, to:",
                result.media_files,
            )
            % {"count": result.media_files, "size": filesizeformat(result.size)}
        )
        self.stdout.write(str(result.path))
