"""A backup restores into another empty database and media folder as the site it was made of."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import django
import pytest
import wagtail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from wagtail.documents.models import Document

from .snapshots import database_rows, database_schema, media_checksums

# The backup reads the database from outside the test's transaction (pg_dump is another
# process), so the data must be committed; serialized_rollback puts back what the migrations
# created once the test has flushed the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def small_site(en_home, news, image_factory, article_factory):
    """An article with a hero image, and a document: rows and media files to carry across."""
    image = image_factory("Harbour at dawn")
    article_factory(news, "Port reopens", hero_image=image)
    Document.objects.create(title="Budget", file=ContentFile(b"%PDF-1.4 budget", name="budget.pdf"))
    return image


@pytest.fixture
def archive(small_site, tmp_path):
    path = tmp_path / "backups" / "site.tar"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    return path


def test_the_demo_site_comes_back_row_for_row_and_file_for_file(
    empty_database, restore, tmp_path, settings
):
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    original_media = Path(settings.MEDIA_ROOT)
    stdout = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=stdout)
    archive = Path(stdout.getvalue().splitlines()[-1])

    restored_media = tmp_path / "restored-media"
    restore(archive, empty_database, restored_media)

    target = connections[empty_database]
    original_rows, restored_rows = database_rows(connection), database_rows(target)
    assert list(restored_rows) == list(original_rows)
    for table, rows in original_rows.items():
        assert restored_rows[table] == rows, table
    assert len(original_rows["news_articlepage"]) >= 80  # the demo's articles, both editions
    assert database_schema(target) == database_schema(connection)
    assert media_checksums(restored_media) == media_checksums(original_media)
    assert len(media_checksums(restored_media)) >= 40


def test_the_archive_holds_the_database_then_media_then_a_manifest_of_every_file(
    archive, small_site
):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        contents = {name: tar.extractfile(name).read() for name in names}
    manifest = json.loads(contents.pop("manifest.json"))

    dump = "nashra.sqlite3" if connection.vendor == "sqlite" else "nashra.pgdump"
    assert names[0] == f"database/{dump}"
    assert names[1:-1] == sorted(names[1:-1])
    assert names[-1] == "manifest.json"
    assert f"media/{small_site.file.name}" in names
    assert "media/documents/budget.pdf" in names
    assert manifest["files"] == {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in contents.items()
    }
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["versions"]["django"] == django.__version__
    assert manifest["versions"]["wagtail"] == wagtail.__version__
    applied = MigrationRecorder(connection).applied_migrations()
    assert {(app, name) for app, names in manifest["migrations"].items() for name in names} == set(
        applied
    )
    assert manifest["migrations"]["wagtailcore"][0] == "0001_initial"
    assert manifest["created"].endswith("+00:00")
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes: the owner's alone
