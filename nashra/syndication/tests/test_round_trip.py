"""An article exported by the API and imported by ``import_ninjs`` is the same article again."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from nashra.ingest.services import ImportStatus, import_ninjs_file
from nashra.news.models import ArticlePage
from nashra.people.tests.factories import AuthorFactory
from nashra.topics.models import Topic

from .conftest import assert_ninjs, get_json

pytestmark = pytest.mark.django_db

SECTION = "news/middle-east"


def _text(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def text_blocks(body):
    """Return what import_ninjs can read back of a body: its text blocks, as text.

    Consecutive paragraphs are one block (the importer joins them, and readers see no seam);
    pictures, galleries and videos come back as the article's pictures or not at all.
    """
    blocks = []
    for block in body:
        if block.block_type == "paragraph":
            links = re.findall(r'href="([^"]+)"', block.value.source)
            if blocks and blocks[-1][0] == "paragraph":
                _kind, text, earlier = blocks.pop()
                blocks.append(("paragraph", f"{text} {_text(block.value.source)}", earlier + links))
            else:
                blocks.append(("paragraph", _text(block.value.source), links))
        elif block.block_type == "subheading":
            blocks.append(("subheading", block.value, []))
        elif block.block_type == "quote":
            blocks.append(("quote", block.value["quote"], [block.value["attribution"]]))
    return blocks


def export(client, article, tmp_path):
    item = get_json(client, f"/{article.locale.language_code}/ninjs/items/{article.pk}/")
    assert_ninjs(item)
    path = tmp_path / f"{article.pk}.json"
    path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    return item, path


def assert_same_article(copy, original):
    assert copy.pk != original.pk
    assert copy.live
    assert copy.locale_id == original.locale_id
    assert copy.title == original.title
    assert copy.lead == original.lead
    assert text_blocks(copy.body) == text_blocks(original.body)
    assert list(copy.topics.order_by("pk")) == list(original.topics.order_by("pk"))
    assert list(copy.authors.order_by("pk")) == list(original.authors.order_by("pk"))
    assert list(copy.sources.order_by("pk")) == list(original.sources.order_by("pk"))
    assert copy.published_at == original.published_at
    assert copy.updated_at == original.updated_at
    assert copy.get_parent().pk == original.get_parent().pk


def test_an_english_article_round_trips_through_import_ninjs(client, story, two_editions, tmp_path):
    en = two_editions.en
    now = timezone.now()
    original = story(
        "en",
        authors=[en.author, AuthorFactory(name="Omar Said")],
        published_at=now - datetime.timedelta(days=1),
        updated_at=now - datetime.timedelta(hours=2),
    )
    item, path = export(client, original, tmp_path)
    assert item["by"] == "Huda Mansour, Omar Said"

    result = import_ninjs_file(path, section_path=SECTION, edition="en", publish=True)

    assert result.status == ImportStatus.CREATED, result.message
    copy = ArticlePage.objects.get(pk=result.page.pk)
    assert_same_article(copy, original)
    assert copy.wire_uri == item["uri"]
    # The hero is named, never fetched: an editor decides whether to use a remote picture.
    assert [media["href"] for media in copy.remote_media] == [
        item["associations"][0]["renditions"][-1]["href"]
    ]
    # Importing the same item again updates that copy: the uri is stable.
    again = import_ninjs_file(path, section_path=SECTION, edition="en", publish=True)
    assert again.status == ImportStatus.UPDATED
    assert again.page.pk == copy.pk


def test_an_arabic_article_round_trips_through_the_command(client, story, two_editions, tmp_path):
    original = story("ar")
    item, path = export(client, original, tmp_path)
    assert item["language"] == "ar"

    call_command(
        "import_ninjs", str(path), "--edition", "ar", "--section", SECTION, "--publish", verbosity=0
    )

    copy = ArticlePage.objects.get(wire_uri=item["uri"])
    assert_same_article(copy, original)


def test_a_round_trip_keeps_topics_linked_to_their_translations(
    client, story, two_editions, tmp_path
):
    en, ar = two_editions
    _item, path = export(client, story("en"), tmp_path)

    import_ninjs_file(path, section_path=SECTION, edition="en", publish=True)

    topic = Topic.objects.get(pk=en.topic.pk)
    assert topic.translation_key == en.topic.translation_key
    assert topic.get_translation(ar.locale) == ar.topic
    assert Topic.objects.filter(locale=en.locale).count() == 1
