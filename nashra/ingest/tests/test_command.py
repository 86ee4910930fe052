from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from nashra.core.models import NashraImage
from nashra.home.services import get_or_create_section
from nashra.ingest.management.commands.import_ninjs import Command
from nashra.news.models import ArticlePage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

from .documents import article_1x, article_2x, article_3x, picture_2x

pytestmark = pytest.mark.django_db


def run(*args):
    """Run import_ninjs; return (stdout, stderr, CommandError or None)."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_ninjs", *map(str, args), stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


def written():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (ArticlePage, NashraImage, Topic, Author, Source)
    }


def stored_pictures():
    if not default_storage.exists("original_images"):
        return set()
    return set(default_storage.listdir("original_images")[1])


def test_command_imports_a_folder_and_summarises(editions, write_ninjs):
    write_ninjs("feed/a.json", article_2x(uri="urn:a"))
    write_ninjs("feed/deeper/b.json", article_3x(uri="urn:b"))
    write_ninjs("feed/c.json", article_2x(uri="urn:c", type="video"))
    write_ninjs("feed/notes.txt", "not ninjs")

    stdout, stderr, error = run(write_ninjs("x.json", "{}").parent / "feed", "--publish")

    assert error is None, stderr
    lines = stdout.splitlines()
    assert lines[0].startswith("created: ") and "a.json" in lines[0]
    assert lines[1].startswith("skipped: ") and "c.json" in lines[1] and "video" in lines[1]
    assert lines[2].startswith("created: ") and "b.json" in lines[2]
    assert lines[3] == "2 created, 0 updated, 1 skipped, 0 failed"
    assert ArticlePage.objects.live().count() == 2


def test_second_run_reports_updates(editions, write_ninjs):
    path = write_ninjs("a.json", article_2x())
    run(path, "--section", "news/middle-east")

    stdout, _stderr, error = run(path, "--section", "news/middle-east")

    assert error is None
    assert stdout.splitlines()[0].startswith("updated: ")
    assert ArticlePage.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("invalid.json", '{"uri": "urn:x", "headlines": [', "invalid JSON at line 1"),
        (
            "rejected.json",
            article_2x(uri="urn:rejected", urgency="high"),
            "the ninjs 2.1 schema rejects $.urgency: 'high' is not of type 'number'",
        ),
        ("headless.json", article_2x(uri="urn:headless", headlines=[]), "has no headline"),
        ("no-uri.json", {"headlines": [{"value": "No uri"}]}, "has no “uri”"),
        ("french.json", article_3x(uri="urn:fr", language="fr"), "language “fr” has no edition"),
    ],
)
def test_a_bad_file_fails_alone(editions, write_ninjs, name, content, problem):
    good = write_ninjs("good.json", article_2x(uri="urn:good"))
    bad = write_ninjs(name, content)
    before = written()

    stdout, stderr, error = run(bad, good, "--section", "news/middle-east")

    assert error is not None and "1 file failed" in str(error)
    assert f"error: {bad}: " in stderr and problem in stderr
    assert stdout.splitlines()[0].startswith("created: ") and "good.json" in stdout
    assert stdout.splitlines()[-1] == "1 created, 0 updated, 0 skipped, 1 failed"
    assert ArticlePage.objects.get().wire_uri == "urn:good"
    assert Topic.objects.count() == 2
    assert before["NashraImage"] == written()["NashraImage"]


def test_a_missing_picture_fails_its_file_and_removes_stored_pictures(
    editions, write_ninjs, write_picture
):
    write_picture("here.jpg")
    bad = write_ninjs(
        "bad.json",
        article_2x(
            uri="urn:bad",
            associations=[picture_2x("here", "here.jpg"), picture_2x("gone", "missing/gone.jpg")],
        ),
    )
    good = write_ninjs("good.json", article_3x(uri="urn:good"))
    pictures_before = stored_pictures()

    stdout, stderr, error = run(bad, good)

    assert error is not None
    assert f"error: {bad}: picture file not found: " in stderr and "missing/gone.jpg" in stderr
    assert "good.json" in stdout
    assert list(ArticlePage.objects.values_list("wire_uri", flat=True)) == ["urn:good"]
    assert not NashraImage.objects.exists()
    assert not Topic.objects.filter(name="Diplomacy").exists()
    assert not Author.objects.filter(name="Jane Doe").exists()
    assert stored_pictures() == pictures_before


def test_an_unknown_section_fails_the_files_of_that_edition(editions, write_ninjs):
    get_or_create_section(editions.en_home, "news/gulf", "Gulf")
    english = write_ninjs("en.json", article_2x(uri="urn:en"))
    arabic = write_ninjs("ar.json", article_1x(uri="urn:ar"))
    before = written()

    stdout, stderr, error = run(arabic, english, "--section", "news/gulf")

    assert error is not None
    assert f"error: {arabic}: unknown section “news/gulf” in the ar edition" in stderr
    assert "created: " in stdout and "en.json" in stdout
    assert ArticlePage.objects.get().wire_uri == "urn:en"
    assert {"Topic", "Author", "Source"} <= {k for k, v in written().items() if v != before[k]}
    assert not Topic.objects.filter(locale=editions.ar).exists()


def test_an_unknown_edition_fails_every_file_naming_it(editions, write_ninjs):
    first = write_ninjs("a.json", article_2x(uri="urn:a"))
    second = write_ninjs("b.json", article_3x(uri="urn:b"))

    stdout, stderr, error = run(first, second, "--edition", "fr")

    assert error is not None and "2 files failed" in str(error)
    for path in (first, second):
        assert f"error: {path}: unknown edition “fr” (editions: ar, en)" in stderr
    assert not ArticlePage.objects.exists()
    assert stdout.splitlines()[-1] == "0 created, 0 updated, 0 skipped, 2 failed"


def test_a_missing_path_is_reported(editions, tmp_path, write_ninjs):
    good = write_ninjs("good.json", article_3x())

    _stdout, stderr, error = run(tmp_path / "nowhere.json", good)

    assert error is not None
    assert f"{tmp_path / 'nowhere.json'}: no such file or folder" in stderr
    assert ArticlePage.objects.count() == 1


def test_ninjs_version_option_is_used_for_documents_that_name_none(editions, write_ninjs):
    document = article_2x()
    del document["standard"]
    path = write_ninjs("a.json", document)

    _stdout, stderr, error = run(path, "--ninjs-version", "3.0")

    assert error is not None
    assert "the ninjs 3.0 schema rejects $" in stderr  # lower-case names are not 3.0's
    assert run(path, "--ninjs-version", "2.0")[2] is None


def test_ninjs_version_must_be_known(editions, write_ninjs):
    path = write_ninjs("a.json", article_2x())

    with pytest.raises(CommandError, match=r"invalid choice: '9\.9'"):
        call_command("import_ninjs", str(path), "--ninjs-version", "9.9")


def test_help_describes_the_command():
    text = Command().create_parser("manage.py", "import_ninjs").format_help()

    assert "Create or update articles from IPTC ninjs files" in text
    assert "--ninjs-version" in text and "3.1" in text
