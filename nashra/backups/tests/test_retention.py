"""Dated archives: where they go by default, and how many are kept."""

import io
import re
import tarfile

import pytest
from django.core.management import CommandError, call_command

from nashra.backups import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stand_in_dump(monkeypatch):
    """Dump a few bytes: these tests are about files and names, inside a test transaction
    (from which SQLite cannot copy itself). Real dumps are in test_round_trip.py."""

    def dump(connection, path):
        path.write_bytes(b"a stand-in dump")
        return {}

    monkeypatch.setattr(services, "dump_database", dump)


def test_backup_writes_a_dated_archive_under_the_var_folder_by_default(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    stdout = io.StringIO()

    call_command("backup", stdout=stdout)

    path = stdout.getvalue().splitlines()[-1]
    assert re.fullmatch(rf"{tmp_path}/backups/nashra-\d{{8}}-\d{{6}}\.tar", path)
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [path.rsplit("/", 1)[1]]


def test_keep_deletes_the_oldest_dated_archives_beyond_the_newest_n(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [
        "nashra-20240101-030000.tar",
        "nashra-20240102-030000.tar",
        "nashra-20240102-030000-1.tar",
        "nashra-20240103-030000.tar",
    ]
    others = ["notes.txt", "nashra-manual.tar", "site.tar"]
    for name in old + others:
        (folder / name).write_bytes(b"")
    stdout = io.StringIO()

    call_command("backup", "--output", str(folder), "--keep", "3", stdout=stdout)

    new = stdout.getvalue().splitlines()[-1].rsplit("/", 1)[1]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [new, "nashra-20240103-030000.tar", "nashra-20240102-030000-1.tar", *others]
    )
    assert "nashra-20240101-030000.tar" in stdout.getvalue()


def test_a_failed_backup_leaves_no_archive_behind(tmp_path, monkeypatch):
    def fail(connection, path):
        path.write_bytes(b"half a dump")
        raise services.BackupError("pg_dump failed")

    monkeypatch.setattr(services, "dump_database", fail)
    folder = tmp_path / "backups"

    with pytest.raises(CommandError, match="pg_dump failed"):
        call_command("backup", "--output", str(folder), "--keep", "1", stdout=io.StringIO())

    assert list(folder.iterdir()) == []


def test_an_archive_inside_the_media_folder_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    with pytest.raises(CommandError, match="inside the media folder"):
        call_command("backup", "--output", str(tmp_path / "media" / "b.tar"))

    assert not (tmp_path / "media").exists()


def test_what_is_not_a_regular_file_in_the_media_folder_is_left_out_and_named(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / "media" / "documents" / "elsewhere.pdf").symlink_to("/etc/hostname")
    stderr = io.StringIO()

    call_command("backup", "--output", str(tmp_path / "b.tar"), stdout=io.StringIO(), stderr=stderr)

    assert "documents/elsewhere.pdf (not a regular file)" in stderr.getvalue()
    with tarfile.open(tmp_path / "b.tar") as tar:
        media = [name for name in tar.getnames() if name.startswith("media/")]
    assert media == ["media/documents/report.pdf"]
