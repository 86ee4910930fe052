"""What a restore refuses, and that a refusal or a failure leaves nothing behind."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from nashra.backups import services

from .snapshots import database_rows

# Nothing here writes to the test database: the archive is of the freshly migrated one.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def migrated_site_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """An archive of the migrated test database and two media files, made once."""
    media_root = tmp_path_factory.mktemp("media")
    (media_root / "original_images").mkdir()
    (media_root / "original_images" / "harbour.jpg").write_bytes(bytes(range(256)) * 64)
    (media_root / "documents").mkdir()
    (media_root / "documents" / "budget.pdf").write_bytes(b"%PDF-1.4 budget")
    path = tmp_path_factory.mktemp("backups") / "site.tar"
    with django_db_blocker.unblock():
        services.create_backup(path, connection=connection, media_root=media_root)
    return path


@pytest.fixture
def archive(migrated_site_archive, tmp_path):
    return Path(shutil.copy(migrated_site_archive, tmp_path / "site.tar"))


def _data_offset(archive, prefix):
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith(prefix))
        return member.name, member.offset_data, member.size


def _flip_a_byte(archive):
    name, offset, size = _data_offset(archive, "media/original_images/")
    with open(archive, "r+b") as file:
        file.seek(offset + size // 2)
        byte = file.read(1)
        file.seek(offset + size // 2)
        file.write(bytes([byte[0] ^ 0xFF]))
    return name


def _truncate(archive):
    name, offset, size = _data_offset(archive, "media/original_images/")
    with open(archive, "r+b") as file:
        file.truncate(offset + size // 2)
    return name


@pytest.mark.parametrize("damage", [_flip_a_byte, _truncate], ids=["tampered", "truncated"])
def test_a_damaged_archive_is_refused_naming_the_file_and_nothing_is_written(
    archive, damage, empty_database, restore, tmp_path
):
    bad_name = damage(archive)
    media_root = tmp_path / "restored-media"

    with pytest.raises(CommandError) as refusal:
        restore(archive, empty_database, media_root)

    assert bad_name in str(refusal.value)
    assert not media_root.exists()
    assert not services.database_objects(connections[empty_database])


def test_restoring_into_a_database_that_is_not_empty_is_refused(archive, tmp_path, settings):
    before = database_rows(connection)
    settings.MEDIA_ROOT = tmp_path / "empty-media"

    with pytest.raises(CommandError, match="is not empty") as refusal:
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert "django_migrations" in str(refusal.value) or "auth_group" in str(refusal.value)
    assert database_rows(connection) == before
    assert not settings.MEDIA_ROOT.exists()


def test_restoring_into_a_media_folder_that_is_not_empty_is_refused(
    archive, empty_database, restore, tmp_path
):
    media_root = tmp_path / "media"
    media_root.mkdir()
    (media_root / "left-behind.jpg").write_bytes(b"old")

    with pytest.raises(CommandError, match=r"left-behind\.jpg"):
        restore(archive, empty_database, media_root)

    assert [path.name for path in media_root.iterdir()] == ["left-behind.jpg"]
    assert not services.database_objects(connections[empty_database])


def test_an_archive_of_the_other_database_vendor_is_refused(
    archive, empty_database, restore, tmp_path
):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    _rewrite(archive, change_manifest=lambda manifest: manifest["database"].update(vendor=other))
    media_root = tmp_path / "restored-media"

    with pytest.raises(CommandError) as refusal:
        restore(archive, empty_database, media_root)

    message = str(refusal.value)
    assert "PostgreSQL" in message and "SQLite" in message
    assert not media_root.exists()
    assert not services.database_objects(connections[empty_database])


def test_a_database_restore_that_fails_midway_leaves_database_and_media_folder_empty(
    archive, empty_database, restore, tmp_path
):
    # A dump cut short, with a manifest that vouches for it: the checks pass, the load fails
    # after it has begun (on PostgreSQL, with tables created), and must leave nothing behind.
    def cut_short(name, data):
        return data[: len(data) * 6 // 10] if name.startswith("database/") else data

    _rewrite(archive, cut_short)
    media_root = tmp_path / "media"
    media_root.mkdir()

    with pytest.raises(CommandError, match="Nothing was restored"):
        restore(archive, empty_database, media_root)

    assert list(media_root.iterdir()) == []
    assert not services.database_objects(connections[empty_database])


def test_restore_asks_first_and_writes_nothing_without_an_answer(
    archive, empty_database, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), "--database", empty_database, stdout=io.StringIO())

    assert not settings.MEDIA_ROOT.exists()
    assert not services.database_objects(connections[empty_database])


def _rewrite(archive, change_data=None, change_manifest=None):
    """Rewrite members of the archive, and the manifest so that it vouches for them."""
    with tarfile.open(archive) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    manifest = json.loads(members.pop()[1])
    with tarfile.open(archive, "w", format=tarfile.PAX_FORMAT) as tar:
        for member, data in members:
            if change_data:
                data = change_data(member.name, data)
                manifest["files"][member.name] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                }
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
        if change_manifest:
            change_manifest(manifest)
        data = json.dumps(manifest).encode()
        member = tarfile.TarInfo("manifest.json")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
