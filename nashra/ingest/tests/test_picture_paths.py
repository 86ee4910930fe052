"""A ninjs file's pictures are read only from under its own folder: nothing else is published."""

import os
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from nashra.core.models import NashraImage
from nashra.ingest.services import ImportStatus, import_ninjs_file
from nashra.news.models import ArticlePage

from .documents import article_2x, article_3x, picture_2x

pytestmark = pytest.mark.django_db

SECTION = "news/middle-east"


def stored_pictures():
    if not default_storage.exists("original_images"):
        return set()
    return set(default_storage.listdir("original_images")[1])


def story_with_picture(href, uri="urn:story"):
    return article_2x(uri=uri, associations=[picture_2x("hero", href)])


@pytest.fixture(autouse=True)
def pictures_before():
    """The picture files already in storage (it is shared by the whole test run)."""
    return stored_pictures()


@pytest.fixture
def secret(write_picture):
    """A picture outside the feed folder, which no ninjs file in it may publish."""
    return write_picture("private/secret.jpg", "black")


def assert_refused(result, href, problem, pictures_before):
    assert result.status == ImportStatus.ERROR
    assert str(result.path) in result.message and href in result.message, result.message
    assert problem in result.message, result.message
    assert not ArticlePage.objects.exists()
    assert not NashraImage.objects.exists()
    assert stored_pictures() == pictures_before


def test_an_absolute_path_is_refused(editions, write_ninjs, secret, pictures_before):
    story = write_ninjs("feed/story.json", story_with_picture(str(secret)))

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, str(secret), "absolute path", pictures_before)


def test_a_file_url_is_an_absolute_path_too(editions, write_ninjs, secret, pictures_before):
    story = write_ninjs("feed/story.json", story_with_picture(secret.as_uri()))

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, secret.as_uri(), "absolute path", pictures_before)


@pytest.mark.parametrize("href", ["../private/secret.jpg", "photos/../../private/secret.jpg"])
def test_a_path_out_of_the_folder_is_refused(
    editions, write_ninjs, write_picture, secret, href, pictures_before
):
    write_picture("feed/photos/decoy.jpg")
    story = write_ninjs("feed/story.json", story_with_picture(href))

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, href, "outside the folder", pictures_before)


def test_a_symlink_out_of_the_folder_is_refused(
    editions, write_ninjs, secret, tmp_path, pictures_before
):
    story = write_ninjs("feed/story.json", story_with_picture("photos/innocent.jpg"))
    (tmp_path / "feed" / "photos").mkdir()
    os.symlink(secret, tmp_path / "feed" / "photos" / "innocent.jpg")

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, "photos/innocent.jpg", "outside the folder", pictures_before)


def test_a_symlinked_folder_out_of_the_folder_is_refused(
    editions, write_ninjs, secret, tmp_path, pictures_before
):
    story = write_ninjs("feed/story.json", story_with_picture("photos/secret.jpg"))
    os.symlink(secret.parent, tmp_path / "feed" / "photos", target_is_directory=True)

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, "photos/secret.jpg", "outside the folder", pictures_before)


def test_one_refused_picture_refuses_the_file_before_any_picture_is_stored(
    editions, write_ninjs, write_picture, secret, pictures_before
):
    write_picture("feed/photos/fine.jpg")
    document = article_2x(
        associations=[
            picture_2x("fine", "photos/fine.jpg"),
            picture_2x("secret", "../private/secret.jpg"),
        ]
    )
    story = write_ninjs("feed/story.json", document)

    result = import_ninjs_file(story, section_path=SECTION)

    assert_refused(result, "../private/secret.jpg", "outside the folder", pictures_before)


def test_a_picture_in_a_subfolder_imports(editions, write_ninjs, write_picture, pictures_before):
    write_picture("feed/photos/2024/hero.jpg")
    story = write_ninjs("feed/story.json", story_with_picture("photos/2024/hero.jpg"))

    result = import_ninjs_file(story, section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    assert ArticlePage.objects.get().hero_image.wire_uri == "urn:nashra:test:picture:hero"
    assert len(stored_pictures() - pictures_before) == 1


def test_a_symlink_within_the_folder_and_a_relative_file_url_import(
    editions, write_ninjs, write_picture, tmp_path
):
    write_picture("feed/photos/hero.jpg")
    os.symlink(tmp_path / "feed" / "photos" / "hero.jpg", tmp_path / "feed" / "alias.jpg")
    document = article_2x(
        associations=[picture_2x("a", "alias.jpg"), picture_2x("b", "file:photos/hero.jpg")]
    )
    story = write_ninjs("feed/story.json", document)

    result = import_ninjs_file(story, section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    assert NashraImage.objects.count() == 2


def test_pictures_from_a_named_folder(editions, write_ninjs, write_picture, tmp_path, secret):
    """The demo's layout: documents in ninjs/<edition>/<section>/, pictures in images/."""
    write_picture("demo/images/port.jpg")
    story = write_ninjs(
        "demo/ninjs/en/news/story.json", story_with_picture("../../../images/port.jpg")
    )
    escape = write_ninjs(
        "demo/ninjs/en/news/escape.json",
        story_with_picture("../../../../private/secret.jpg", uri="urn:escape"),
    )

    assert import_ninjs_file(story, section_path=SECTION).status == ImportStatus.ERROR
    result = import_ninjs_file(story, section_path=SECTION, pictures_from=tmp_path / "demo")
    assert result.status == ImportStatus.CREATED, result.message
    result = import_ninjs_file(escape, section_path=SECTION, pictures_from=tmp_path / "demo")
    assert result.status == ImportStatus.ERROR
    assert "outside the folder" in result.message
    assert list(ArticlePage.objects.values_list("wire_uri", flat=True)) == ["urn:story"]


def test_the_command_names_the_refused_file_and_imports_the_others(
    editions, write_ninjs, write_picture, secret, tmp_path
):
    bad = write_ninjs("feed/bad.json", story_with_picture("../private/secret.jpg", uri="urn:bad"))
    good = write_ninjs("feed/good.json", article_3x(uri="urn:good"))
    stdout, stderr = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 file failed"):
        call_command("import_ninjs", str(tmp_path / "feed"), stdout=stdout, stderr=stderr)

    assert f"error: {bad}: " in stderr.getvalue()
    assert "../private/secret.jpg" in stderr.getvalue()
    assert "outside the folder" in stderr.getvalue()
    assert str(good) in stdout.getvalue()
    assert list(ArticlePage.objects.values_list("wire_uri", flat=True)) == ["urn:good"]
    assert not NashraImage.objects.exists()


def test_the_command_takes_a_pictures_folder(editions, write_ninjs, write_picture, tmp_path):
    write_picture("demo/images/port.jpg")
    story = write_ninjs(
        "demo/ninjs/en/news/story.json", story_with_picture("../../../images/port.jpg")
    )
    stdout = StringIO()

    call_command(
        "import_ninjs",
        str(story),
        "--section",
        SECTION,
        "--pictures-from",
        str(tmp_path / "demo"),
        stdout=stdout,
    )

    assert ArticlePage.objects.get().hero_image is not None


def test_the_demo_files_need_their_pictures_folder(editions, settings, pictures_before):
    """demo/ninjs/<edition>/<section>/*.json name pictures in demo/images/: load_demo must
    pass ``pictures_from`` (the demo folder) for them to import."""
    demo = settings.BASE_DIR / "demo"
    story = next(
        path
        for path in sorted((demo / "ninjs" / "en").glob("*/*.json"))
        if "../../../images/" in path.read_text(encoding="utf-8")
    )

    refused = import_ninjs_file(story, section_path=SECTION, edition="en")
    imported = import_ninjs_file(story, section_path=SECTION, edition="en", pictures_from=demo)

    assert refused.status == ImportStatus.ERROR and "outside the folder" in refused.message
    assert imported.status == ImportStatus.CREATED, imported.message
    assert ArticlePage.objects.get().hero_image is not None
