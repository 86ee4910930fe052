"""``import_ninjs --inbox``: a ninjs item waits in the wire inbox instead of becoming an article."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nashra.ingest import inbox
from nashra.ingest.tests.documents import article_1x, article_2x
from nashra.news.models import ArticlePage
from nashra.wire.models import WireItem
from nashra.wire.services import take_item

pytestmark = pytest.mark.django_db


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_ninjs", *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue()


def test_items_go_to_the_inbox_with_their_uri_and_language(two_editions, tmp_path):
    english = write(tmp_path, "en.json", article_2x(uri="urn:agency:2x:1"))
    arabic = write(tmp_path, "ar.json", article_1x(uri="urn:agency:1x:1"))

    output = run(english, arabic, "--inbox")

    assert not ArticlePage.objects.exists()
    lines = output.splitlines()
    assert lines[0].startswith("created: ") and "in the wire inbox (en edition" in lines[0]
    assert lines[-1] == "2 created, 0 updated, 0 skipped, 0 failed"

    item = WireItem.objects.get(guid="urn:agency:2x:1")
    assert item.title == "Ceasefire talks resume in Cairo"
    assert item.language == "en" and item.locale == two_editions.en.locale
    assert item.summary == "Negotiators return to the table."
    assert "<b>Cairo</b>" in item.body
    assert item.authors == ["Jane Doe", "John Smith"]
    assert item.agencies == [{"name": "Wire Agency", "url": "https://wire.example"}]
    delivery = item.sources.get()
    assert (delivery.feed, delivery.guid, delivery.name) == (
        None,
        "urn:agency:2x:1",
        "ninjs: en.json",
    )

    arabic_item = WireItem.objects.get(guid="urn:agency:1x:1")
    assert arabic_item.language == "ar" and arabic_item.locale == two_editions.ar.locale
    assert arabic_item.body == "<p>الفقرة الأولى. سطر ثان.</p><p>الفقرة الثانية.</p>"


def test_an_item_waits_in_the_edition_of_its_language(two_editions, tmp_path):
    english = write(tmp_path, "en.json", article_2x(uri="urn:en"))
    french = write(
        tmp_path, "fr.json", article_2x(uri="urn:fr", language="fr", headline="Reprise", bodies=[])
    )

    run(english, french, "--inbox", "--edition", "ar")

    assert WireItem.objects.get(guid="urn:en").locale == two_editions.en.locale
    placed = WireItem.objects.get(guid="urn:fr")
    assert placed.locale == two_editions.ar.locale and placed.language == "fr"


def test_the_same_uri_twice_is_one_item(two_editions, tmp_path):
    path = write(tmp_path, "a.json", article_2x(uri="urn:agency:2x:1"))
    run(path, "--inbox")

    output = run(write(tmp_path, "copy.json", article_2x(uri="urn:agency:2x:1")), "--inbox")

    assert output.splitlines()[-1] == "0 created, 0 updated, 1 skipped, 0 failed"
    assert WireItem.objects.count() == 1


def test_a_taken_ninjs_item_keeps_its_uri_and_credits_its_agency(two_editions, tmp_path, writer):
    run(write(tmp_path, "a.json", article_2x(uri="urn:agency:2x:1")), "--inbox")
    item = WireItem.objects.get()

    page = take_item(item, two_editions.en.middle_east, writer).page

    assert page.wire_uri == "urn:agency:2x:1"
    assert [source.name for source in page.sources.all()] == ["Wire Agency"]
    assert page.sources.get().locale == two_editions.en.locale


def test_inbox_takes_no_section_or_publish(two_editions, tmp_path):
    path = write(tmp_path, "a.json", article_2x())

    with pytest.raises(CommandError, match="--inbox goes without"):
        run(path, "--inbox", "--publish")
    assert not WireItem.objects.exists()


def test_a_bad_file_is_named_and_the_others_still_arrive(two_editions, tmp_path):
    good = write(tmp_path, "good.json", article_2x(uri="urn:good"))
    bad = write(tmp_path, "bad.json", {**article_2x(uri="urn:bad"), "headlines": "not a list"})

    with pytest.raises(CommandError, match="1 file failed"):
        run(bad, good, "--inbox")

    assert list(WireItem.objects.values_list("guid", flat=True)) == ["urn:good"]


def test_without_an_inbox_the_command_says_so(two_editions, tmp_path, monkeypatch):
    monkeypatch.setattr(inbox, "_receiver", None)

    with pytest.raises(CommandError, match="No wire inbox is installed"):
        run(write(tmp_path, "a.json", article_2x()), "--inbox")
