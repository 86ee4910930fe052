"""The backup archive: one plain tar holding a database dump, the media files and a manifest.

Members, always in this order: ``database/<dump>``, then ``media/<path>`` sorted by path, then
``manifest.json``. The manifest records the SHA-256 and size of every other member; it comes
last because those checksums are taken while the members are written, so every byte of a
large media folder is read once, and what is checked is exactly what was stored.
"""

import hashlib
import io
import json
import os
import tarfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
DATABASE_FOLDER = "database"
MEDIA_FOLDER = "media"
CHUNK_SIZE = 1024 * 1024
MAX_MANIFEST_SIZE = 256 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 10
_TOP_FOLDERS = {DATABASE_FOLDER, MEDIA_FOLDER}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


class ArchiveError(BackupError):
    """An archive that is damaged, tampered with or not a Nashra backup."""


class _HashingReader:
    """Hand a file's bytes to tarfile while taking their checksum."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


class ArchiveWriter:
    """Write members to an open binary file, remembering each one's checksum and size."""

    def __init__(self, fileobj):
        self.tar = tarfile.open(  # noqa: SIM115 - closed by close()
            fileobj=fileobj, mode="w", format=tarfile.PAX_FORMAT
        )
        self.files = {}

    def add_file(self, name, path, mtime):
        with open(path, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            reader = _HashingReader(source)
            # tarfile copies exactly `size` bytes: a file cut short meanwhile fails the backup.
            self.tar.addfile(_member(name, size, mtime), reader)
        self.files[name] = {"sha256": reader.sha256.hexdigest(), "size": size}

    def add_manifest(self, manifest, mtime):
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        self.tar.addfile(_member(MANIFEST_NAME, len(data), mtime), io.BytesIO(data))

    def close(self):
        self.tar.close()


def _member(name, size, mtime):
    member = tarfile.TarInfo(name)
    member.size = size
    member.mtime = int(mtime)
    member.mode = 0o644
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


def read_archive(path, write=None):
    """Read every member of the archive once; return (manifest, {name: {sha256, size}}).

    Names and member types are checked as they come. ``write(member)`` may return a file-like
    object that receives the member's bytes and is closed afterwards (used to extract while
    checking). Raises ArchiveError naming the member at fault.
    """
    found = {}
    manifest_data = None
    current = None
    try:
        with tarfile.open(path, mode="r:") as tar:
            for member in tar:
                current = member.name
                name = _checked_name(member, found)
                if name == MANIFEST_NAME:
                    if member.size > MAX_MANIFEST_SIZE:
                        raise ArchiveError(_("manifest.json is too large to be a manifest."))
                    manifest_data = tar.extractfile(member).read()
                    found[name] = None
                    continue
                found[name] = _copy_member(tar, member, write(member) if write else None)
            current = None
    except (tarfile.TarError, EOFError) as error:
        if current is None:
            raise ArchiveError(
                _("%(path)s is not a readable tar archive (%(error)s).")
                % {"path": path, "error": error}
            ) from error
        raise ArchiveError(
            _("%(path)s is truncated or damaged at %(name)s (%(error)s).")
            % {"path": path, "name": current, "error": error}
        ) from error
    found.pop(MANIFEST_NAME, None)
    if manifest_data is None:
        raise ArchiveError(
            _(
                "%(path)s has no manifest.json: it is truncated (the manifest is written last)"
                " or is not a Nashra backup."
            )
            % {"path": path}
        )
    return parse_manifest(manifest_data), found


def _checked_name(member, found):
    name = member.name
    parts = PurePosixPath(name).parts
    safe = (
        name
        and not name.startswith("/")
        and "\\" not in name
        and ".." not in parts
        and (name == MANIFEST_NAME or (len(parts) > 1 and parts[0] in _TOP_FOLDERS))
    )
    if not safe:
        raise ArchiveError(_("The archive holds an unexpected path: %(name)s.") % {"name": name})
    if not member.isreg():
        raise ArchiveError(
            _("The archive holds %(name)s, which is not a regular file.") % {"name": name}
        )
    if name in found:
        raise ArchiveError(_("The archive holds %(name)s twice.") % {"name": name})
    return name


def _copy_member(tar, member, target):
    sha256 = hashlib.sha256()
    size = 0
    try:
        source = tar.extractfile(member)
        while chunk := source.read(CHUNK_SIZE):
            sha256.update(chunk)
            size += len(chunk)
            if target is not None:
                target.write(chunk)
    finally:
        if target is not None:
            target.close()
    return {"sha256": sha256.hexdigest(), "size": size}


def parse_manifest(data):
    try:
        manifest = json.loads(data)
        valid = (
            manifest.get("format") == FORMAT_VERSION
            and isinstance(manifest.get("files"), dict)
            and manifest["database"]["file"] in manifest["files"]
            and isinstance(manifest["database"]["vendor"], str)
            and isinstance(manifest["created"], str)
            and isinstance(manifest["media"]["files"], int)
            and isinstance(manifest["migrations"], dict)
            and isinstance(manifest["versions"], dict)
        )
    except (ValueError, AttributeError, KeyError, TypeError):
        valid = False
    if not valid:
        raise ArchiveError(_("manifest.json is not the manifest of a Nashra backup (format 1)."))
    return manifest


def check_files(path, manifest, found):
    """Raise ArchiveError naming every member that the manifest does not vouch for."""
    problems = []
    for name, expected in sorted(manifest["files"].items()):
        actual = found.get(name)
        if actual is None:
            problems.append(_("%(name)s is missing") % {"name": name})
        elif actual["size"] != expected.get("size"):
            problems.append(
                _("%(name)s has %(actual)d bytes where the manifest says %(expected)s")
                % {"name": name, "actual": actual["size"], "expected": expected.get("size")}
            )
        elif actual["sha256"] != expected.get("sha256"):
            problems.append(_("%(name)s does not match its SHA-256 checksum") % {"name": name})
    for name in sorted(found.keys() - manifest["files"].keys()):
        problems.append(_("%(name)s is not in the manifest") % {"name": name})
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if more := len(problems) - MAX_PROBLEMS_SHOWN:
            shown.append(
                ngettext("and %(count)d more problem", "and %(count)d more problems", more)
                % {"count": more}
            )
        shown = _("; ").join(shown)
        raise ArchiveError(
            _("%(path)s failed verification: %(problems)s.") % {"path": path, "problems": shown}
        )
