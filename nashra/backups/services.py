"""Backing up, restoring and pruning: one archive holds the database and the media folder."""

import datetime
import os
import platform
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .archive import (
    DATABASE_FOLDER,
    FORMAT_VERSION,
    MEDIA_FOLDER,
    ArchiveWriter,
    BackupError,
    check_files,
    read_archive,
)
from .databases import (
    DUMP_FILE_NAMES,
    check_supported,
    database_label,
    database_objects,
    dump_database,
    restore_database,
    vendor_name,
)

ARCHIVE_NAME = re.compile(r"^nashra-(\d{8}-\d{6})(?:-(\d+))?\.tar$")
# A restore stages media inside the media folder (one filesystem, so moving it is a rename).
STAGING_PREFIX = ".nashra-restore-"
MAX_NAMES_SHOWN = 5


@dataclass
class BackupResult:
    path: Path
    size: int
    media_files: int
    skipped: list


def archive_path(output, folder, now):
    """Return where the archive goes: output if it names a .tar, else a dated name in a folder."""
    if output is not None and Path(output).suffix == ".tar" and not Path(output).is_dir():
        return Path(output)
    folder = Path(output) if output is not None else Path(folder)
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"nashra-{stamp}.tar"
    counter = 0
    while path.exists():
        counter += 1
        path = folder / f"nashra-{stamp}-{counter}.tar"
    return path


def create_backup(path, *, connection, media_root, now=None):
    """Write one archive of the database and media_root to path, all or nothing."""
    check_supported(connection)
    now = now or timezone.now()
    path = Path(path).absolute()
    media_root = Path(media_root).absolute()
    if path.exists():
        raise BackupError(_("%(path)s already exists; nothing was written.") % {"path": path})
    if path.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            _("The archive cannot go inside the media folder it backs up (%(media)s).")
            % {"media": media_root}
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkstemp makes the file readable by its owner only: it holds every password hash.
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (
            os.fdopen(descriptor, "wb") as output,
            tempfile.TemporaryDirectory(dir=path.parent, prefix=".nashra-dump-") as work,
        ):
            result = _write_archive(output, Path(work), connection, media_root, now)
            output.flush()
            os.fsync(output.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    result.path = path
    result.size = path.stat().st_size
    return result


def _write_archive(output, work, connection, media_root, now):
    dump_name = DUMP_FILE_NAMES[connection.vendor]
    dump_path = work / dump_name
    # The database first: every media file its rows name was on disk before the dump began.
    database = dump_database(connection, dump_path)
    writer = ArchiveWriter(output)
    timestamp = now.timestamp()
    writer.add_file(f"{DATABASE_FOLDER}/{dump_name}", dump_path, timestamp)
    dump_path.unlink()
    media_files, skipped = [], []
    found, not_regular = _media_files(media_root)
    for relative, file_path in found:
        try:
            writer.add_file(f"{MEDIA_FOLDER}/{relative}", file_path, file_path.stat().st_mtime)
        except FileNotFoundError:
            # Deleted since the folder was listed (an image and its renditions, say): the site
            # runs on while it is backed up, and a missing rendition is made again on demand.
            skipped.append(_("%(name)s (deleted during the backup)") % {"name": relative})
        else:
            media_files.append(relative)
    skipped += [_("%(name)s (not a regular file)") % {"name": name} for name in not_regular]
    manifest = {
        "format": FORMAT_VERSION,
        "created": now.astimezone(datetime.UTC).isoformat(),
        "database": {
            "vendor": connection.vendor,
            "file": f"{DATABASE_FOLDER}/{dump_name}",
            **database,
        },
        "versions": {
            "django": django.__version__,
            "wagtail": wagtail.__version__,
            "python": platform.python_version(),
        },
        "migrations": applied_migrations(connection),
        "media": {
            "files": len(media_files),
            "bytes": sum(writer.files[f"{MEDIA_FOLDER}/{name}"]["size"] for name in media_files),
        },
        "files": writer.files,
    }
    writer.add_manifest(manifest, timestamp)
    writer.close()
    return BackupResult(path=None, size=0, media_files=len(media_files), skipped=skipped)


def _media_files(media_root):
    """Return the regular files under media_root as sorted (relative posix path, path) pairs."""
    files, skipped = [], []
    if not media_root.is_dir():
        return files, skipped
    for folder, subfolders, names in os.walk(media_root):
        subfolders[:] = [name for name in subfolders if not name.startswith(STAGING_PREFIX)]
        for name in names:
            file_path = Path(folder) / name
            relative = file_path.relative_to(media_root).as_posix()
            if file_path.is_symlink() or not file_path.is_file():
                skipped.append(relative)
            else:
                files.append((relative, file_path))
    files.sort()
    return files, sorted(skipped)


def applied_migrations(connection):
    """Return {app label: [migration names]} as recorded in the database."""
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def prune_backups(folder, keep):
    """Delete the dated archives in folder beyond the newest `keep`; return those deleted."""
    dated = []
    for path in Path(folder).iterdir():
        match = ARCHIVE_NAME.match(path.name)
        if match and path.is_file():
            dated.append(((match[1], int(match[2] or 0)), path))
    dated.sort(reverse=True)
    removed = [path for _key, path in dated[keep:]]
    for path in removed:
        path.unlink()
    return removed


def verify_archive(path):
    """Read the whole archive and check every member against the manifest; return it."""
    manifest, found = read_archive(path)
    check_files(path, manifest, found)
    return manifest


def check_restore_target(manifest, *, connection, media_root):
    """Refuse, with the reason, a target that is not the empty database and media folder."""
    check_supported(connection)
    archive_vendor = manifest["database"]["vendor"]
    if archive_vendor != connection.vendor:
        raise BackupError(
            _(
                "This archive holds a %(archive)s database, but the configured database is"
                " %(target)s. Restore it into a %(archive)s database (set DATABASE_URL)."
            )
            % {"archive": vendor_name(archive_vendor), "target": vendor_name(connection.vendor)}
        )
    objects = database_objects(connection)
    if objects:
        raise BackupError(
            ngettext(
                "The database %(name)s is not empty: it holds %(count)d table or other object"
                " (%(names)s). Restore only into an empty database.",
                "The database %(name)s is not empty: it holds %(count)d tables or other objects"
                " (%(names)s). Restore only into an empty database.",
                len(objects),
            )
            % {
                "name": database_label(connection),
                "count": len(objects),
                "names": _first_names(objects),
            }
        )
    media_root = Path(media_root)
    if media_root.exists() and not media_root.is_dir():
        raise BackupError(_("The media folder %(path)s is not a folder.") % {"path": media_root})
    if media_root.is_dir() and (entries := sorted(os.listdir(media_root))):
        raise BackupError(
            _(
                "The media folder %(path)s is not empty: it holds %(names)s. Restore only into"
                " an empty or missing media folder."
            )
            % {"path": media_root, "names": _first_names(entries)}
        )


def _first_names(names):
    shown = ", ".join(names[:MAX_NAMES_SHOWN])
    if len(names) > MAX_NAMES_SHOWN:
        shown += " …"
    return shown


def restore_backup(path, *, connection, media_root, manifest=None):
    """Restore an archive into an empty database and media folder, all or nothing.

    The archive is verified in full before anything is written, and checked again while it
    is extracted. Media files are staged inside the media folder and moved into place, then the
    database is loaded in one transaction; if that fails, the media files are taken away again.
    """
    if manifest is None:
        manifest = verify_archive(path)
    check_restore_target(manifest, connection=connection, media_root=media_root)
    media_root = Path(media_root).absolute()
    created_root = not media_root.exists()
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
    placed = []
    try:
        with tempfile.TemporaryDirectory(prefix="nashra-restore-") as work:
            dump_path = Path(work) / "dump"
            _extract(path, manifest, staging, dump_path)
            for entry in sorted(staging.iterdir()):
                os.rename(entry, media_root / entry.name)
                placed.append(media_root / entry.name)
            staging.rmdir()
            restore_database(connection, dump_path)
    except BaseException:
        for entry in placed:
            _remove(entry)
        _remove(staging)
        if created_root:
            shutil.rmtree(media_root, ignore_errors=True)
        raise
    return manifest


def _extract(path, manifest, staging, dump_path):
    database_member = manifest["database"]["file"]

    def write(member):
        if member.name == database_member:
            return _StagedFile(dump_path, member.mtime)
        target = staging.joinpath(*member.name.split("/")[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        return _StagedFile(target, member.mtime)

    _manifest, found = read_archive(path, write=write)
    # Read twice: the file may have changed since it was verified.
    check_files(path, manifest, found)


class _StagedFile:
    def __init__(self, path, mtime):
        self.path = path
        self.mtime = mtime
        self.file = open(path, "xb")  # noqa: SIM115 - closed by read_archive

    def write(self, data):
        self.file.write(data)

    def close(self):
        self.file.close()
        os.utime(self.path, (self.mtime, self.mtime))


def _remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync_folder(folder):
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
