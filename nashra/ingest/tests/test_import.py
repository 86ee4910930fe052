import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from nashra.core.models import NashraImage
from nashra.ingest.services import ImportStatus, import_ninjs_file
from nashra.news.models import ArticlePage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

from .documents import article_1x, article_2x, article_3x, picture_2x

pytestmark = pytest.mark.django_db

SECTION = "news/middle-east"
HOSTILE_TRACES = (
    "alert(",
    "steal()",
    "onclick",
    "onerror",
    "onmouseover",
    "javascript:",
    "secret comment",
    "cdata payload",
    "CDATA",
)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (ArticlePage, NashraImage, Topic, Author, Source)
    }


@pytest.fixture
def full_document(write_picture):
    """A 2.1 document with three local pictures and one on the web."""
    write_picture("photos/hero.jpg")
    write_picture("photos/second.jpg", "blue")
    write_picture("photos/third.jpg", "green")
    return article_2x(
        associations=[
            picture_2x("hero", "photos/hero.jpg", caption="Delegates arrive", credit="Photo Desk"),
            picture_2x("second", "photos/second.jpg", caption="The hall", credit="Pool"),
            picture_2x("third", "photos/third.jpg", caption="Outside"),
            picture_2x("web", "https://photos.example/web.jpg", caption="On the web", credit="AP"),
        ]
    )


def test_import_creates_an_article_with_every_mapped_field(
    editions, write_ninjs, full_document, no_network
):
    result = import_ninjs_file(write_ninjs("story.json", full_document), section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    page = ArticlePage.objects.get(wire_uri="urn:nashra:test:2x")
    assert page.get_parent().specific == editions.en_middle_east
    assert page.locale == editions.en
    assert page.title == "Ceasefire talks resume in Cairo"
    assert page.slug == "ceasefire-talks-resume-in-cairo"
    assert page.lead == "Negotiators return to the table."
    assert page.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert page.updated_at == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    assert [t.name for t in page.topics.all()] == ["Diplomacy", "Egypt"]
    assert sorted(a.name for a in page.authors.all()) == ["Jane Doe", "John Smith"]
    assert [(s.name, s.url, s.kind) for s in page.sources.all()] == [
        ("Wire Agency", "https://wire.example", Source.Kind.WIRE_AGENCY)
    ]

    body = list(page.body)
    assert [block.block_type for block in body] == [
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
        "paragraph",
        "gallery",
    ]
    assert body[0].value.source == (
        '<p>Negotiators met in <b>Cairo</b> on Monday, <a href="https://example.org/talks">'
        "officials said</a>.</p><p>Talks lasted <i>six hours</i>.</p>"
    )
    assert body[1].value == "What is on the table"
    assert body[2].value.source == "<ul><li>A pause in fighting</li><li>Aid corridors</li></ul>"
    assert body[3].value["quote"] == "We are closer than ever."
    assert body[3].value["attribution"] == "A mediator"

    assert page.hero_image.caption == "Delegates arrive"
    assert page.hero_image.credit == "Photo Desk"
    assert page.hero_image.wire_uri == "urn:nashra:test:picture:hero"
    assert page.hero_image.width == 40
    assert (page.hero_caption, page.hero_credit) == ("Delegates arrive", "Photo Desk")
    gallery = body[5].value
    assert [image["caption"] for image in gallery["images"]] == ["The hall", "Outside"]
    assert [image["image"].title for image in gallery["images"]] == ["The hall", "Outside"]
    assert gallery["images"][0]["credit"] == "Pool"

    assert page.remote_media == [
        {
            "href": "https://photos.example/web.jpg",
            "caption": "On the web",
            "credit": "AP",
            "uri": "urn:nashra:test:picture:web",
        }
    ]
    assert NashraImage.objects.count() == 3  # the web picture was recorded, not fetched
    assert not NashraImage.objects.filter(wire_uri="urn:nashra:test:picture:web").exists()


def test_one_extra_picture_becomes_an_image_block(editions, write_ninjs, write_picture):
    write_picture("a.jpg")
    write_picture("b.jpg")
    document = article_2x(
        associations=[picture_2x("a", "a.jpg"), picture_2x("b", "b.jpg", caption="Second")]
    )

    import_ninjs_file(write_ninjs("story.json", document), section_path=SECTION)

    page = ArticlePage.objects.get()
    assert page.body[-1].block_type == "image"
    assert page.body[-1].value["caption"] == "Second"


def test_pictures_by_relative_path_and_relative_file_url(editions, write_ninjs, write_picture):
    """Absolute paths are refused (see test_picture_paths.py); relative ones, as URLs too, work."""
    write_picture("feed/photos/first.jpg")
    write_picture("feed/photos/second.jpg")
    document = article_2x(
        associations=[
            picture_2x("a", "photos/first.jpg", uri=None),
            picture_2x("b", "file:photos/second.jpg"),
        ]
    )
    del document["associations"][0]["uri"]
    document["associations"][0]["uri"] = "urn:a"

    result = import_ninjs_file(write_ninjs("feed/story.json", document), section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    page = ArticlePage.objects.get()
    assert page.hero_image.wire_uri == "urn:a"
    assert page.body[-1].block_type == "image"


def test_1x_document_imports_into_the_arabic_edition(editions, write_ninjs):
    result = import_ninjs_file(write_ninjs("ar.json", article_1x()), section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    page = ArticlePage.objects.get()
    assert page.locale == editions.ar
    assert page.get_parent().specific == editions.ar_middle_east
    assert page.title == "استئناف المحادثات في القاهرة"
    assert page.slug == "استئناف-المحادثات-في-القاهرة"
    assert page.lead == "عاد المفاوضون إلى الطاولة."
    assert [block.block_type for block in page.body] == ["paragraph"]
    assert page.body[0].value.source == "<p>الفقرة الأولى.<br/>سطر ثان.</p><p>الفقرة الثانية.</p>"
    assert page.published_at == datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    assert page.updated_at is None  # versioncreated is not later than firstcreated
    assert [t.locale for t in page.topics.all()] == [editions.ar]
    assert [a.name for a in page.authors.all()] == ["سارة أحمد"]
    assert [s.name for s in page.sources.all()] == ["وكالة الأنباء"]


def test_3x_document_imports(editions, write_ninjs):
    result = import_ninjs_file(write_ninjs("3x.json", article_3x()), section_path=SECTION)

    assert result.status == ImportStatus.CREATED, result.message
    page = ArticlePage.objects.get()
    assert page.title == "Port reopens after storm"
    assert page.lead == "The port reopened. Ships queued for hours."
    assert page.published_at == datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert [s.name for s in page.sources.all()] == ["Agence Example"]
    assert [a.name for a in page.authors.all()] == ["Lee Chan"]
    assert [t.name for t in page.topics.all()] == ["Shipping"]


def test_without_section_a_new_article_goes_to_the_editions_first_section(editions, write_ninjs):
    import_ninjs_file(write_ninjs("3x.json", article_3x()))

    assert ArticlePage.objects.get().get_parent().specific == editions.en_news


def test_edition_option_refuses_a_document_in_another_language(editions, write_ninjs):
    result = import_ninjs_file(write_ninjs("3x.json", article_3x()), edition="ar")

    assert result.status == ImportStatus.ERROR
    assert "“en”, not in the language of the ar edition" in result.message
    assert "import it into the en edition" in result.message
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize("language", ["de", "nb-NO", "sv", "zh-Hans"])
def test_a_foreign_document_is_not_imported_into_the_english_edition(
    editions, write_ninjs, language
):
    """IPTC's own German, Norwegian, Swedish and Chinese examples once came in as English."""
    path = write_ninjs("foreign.json", article_3x(language=language))

    forced = import_ninjs_file(path, edition="en", section_path=SECTION)
    unforced = import_ninjs_file(path, section_path=SECTION)

    assert forced.status == unforced.status == ImportStatus.ERROR
    assert f"“{language}”, not in the language of the en edition" in forced.message
    assert "no edition is in that language" in forced.message
    assert f"language “{language}” has no edition" in unforced.message
    assert not ArticlePage.objects.exists()


def test_a_regional_variant_of_the_editions_language_is_accepted(editions, write_ninjs):
    result = import_ninjs_file(
        write_ninjs("3x.json", article_3x(language="ar-YE")), edition="ar", section_path=SECTION
    )

    assert result.status == ImportStatus.CREATED, result.message
    assert ArticlePage.objects.get().locale == editions.ar


def test_a_document_without_language_goes_to_the_default_edition(editions, write_ninjs, settings):
    document = article_3x()
    del document["language"]
    settings.LANGUAGE_CODE = "ar"

    import_ninjs_file(write_ninjs("3x.json", document), section_path=SECTION)

    assert ArticlePage.objects.get().locale == editions.ar


def test_reimport_updates_the_same_page(editions, write_ninjs):
    path = write_ninjs("story.json", article_2x())
    first = import_ninjs_file(path, section_path=SECTION, publish=True)
    write_ninjs("story.json", article_2x(headline="Ceasefire talks collapse"))

    second = import_ninjs_file(path, section_path=SECTION, publish=True)

    assert second.status == ImportStatus.UPDATED, second.message
    assert second.page.pk == first.page.pk
    page = ArticlePage.objects.get()
    assert page.title == "Ceasefire talks collapse"
    assert page.slug == "ceasefire-talks-resume-in-cairo"  # the address readers have stays


def test_importing_twice_duplicates_nothing(editions, write_ninjs, full_document):
    path = write_ninjs("story.json", full_document)
    import_ninjs_file(path, section_path=SECTION)
    before = counts()
    stored_before = sorted(NashraImage.objects.values_list("file", flat=True))

    result = import_ninjs_file(path, section_path=SECTION)

    assert result.status == ImportStatus.UPDATED, result.message
    assert counts() == before
    assert before == {"ArticlePage": 1, "NashraImage": 3, "Topic": 2, "Author": 2, "Source": 1}
    assert sorted(NashraImage.objects.values_list("file", flat=True)) == stored_before
    page = ArticlePage.objects.get()
    assert [block.block_type for block in page.get_latest_revision_as_object().body].count(
        "gallery"
    ) == 1
    assert len(page.get_latest_revision_as_object().remote_media) == 1


def test_existing_topics_sources_and_authors_are_reused(editions, write_ninjs):
    topic = Topic.objects.create(locale=editions.en, name="diplomacy", slug="diplomacy")
    source = Source.objects.create(locale=editions.en, name="WIRE AGENCY")
    author = Author.objects.create(locale=editions.en, name="jane doe", slug="jane")
    Author.objects.create(locale=editions.ar, name="John Smith", slug="john-smith")

    import_ninjs_file(write_ninjs("story.json", article_2x()), section_path=SECTION)

    page = ArticlePage.objects.get()
    assert topic in page.topics.all()
    assert list(page.sources.all()) == [source]
    assert author in page.authors.all()
    new_author = page.authors.exclude(pk=author.pk).get()
    assert (new_author.locale, new_author.slug) == (editions.en, "john-smith")


def test_without_publish_a_new_article_is_a_draft(editions, write_ninjs):
    result = import_ninjs_file(write_ninjs("story.json", article_2x()), section_path=SECTION)

    page = ArticlePage.objects.get()
    assert result.page == page
    assert not page.live
    assert page.has_unpublished_changes
    assert page.latest_revision is not None
    assert "draft" in result.message


def test_publish_makes_the_article_live(editions, write_ninjs):
    import_ninjs_file(write_ninjs("story.json", article_2x()), section_path=SECTION, publish=True)

    page = ArticlePage.objects.get()
    assert page.live
    assert not page.has_unpublished_changes
    assert page.first_published_at is not None
    assert page.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)  # the wire's, kept
    assert page.topics.count() == 2


def test_publish_under_embargo_schedules_instead_of_going_live(editions, write_ninjs):
    embargo = timezone.now() + timedelta(hours=3)
    document = article_2x(embargoed=embargo.isoformat())
    result = import_ninjs_file(
        write_ninjs("story.json", document), section_path=SECTION, publish=True
    )

    page = ArticlePage.objects.get()
    assert not page.live
    assert page.go_live_at == embargo
    assert page.latest_revision.approved_go_live_at is not None
    assert "embargo" in result.message


def test_publish_after_the_embargo_has_passed_goes_live(editions, write_ninjs):
    document = article_2x(embargoed="2024-05-01T07:00:00Z")
    import_ninjs_file(write_ninjs("story.json", document), section_path=SECTION, publish=True)

    assert ArticlePage.objects.get().live


def test_reimport_without_publish_leaves_the_live_article_alone(editions, write_ninjs):
    path = write_ninjs("story.json", article_2x())
    import_ninjs_file(path, section_path=SECTION, publish=True)
    write_ninjs("story.json", article_2x(headline="Ceasefire talks collapse", subjects=[]))

    result = import_ninjs_file(path, section_path=SECTION)

    assert result.status == ImportStatus.UPDATED, result.message
    page = ArticlePage.objects.get()
    assert page.live
    assert page.title == "Ceasefire talks resume in Cairo"
    assert page.topics.count() == 2
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Ceasefire talks collapse"
    assert draft.topics.count() == 0
    assert "live version is unchanged" in result.message


def test_reimport_of_a_draft_updates_the_draft(editions, write_ninjs):
    path = write_ninjs("story.json", article_2x())
    import_ninjs_file(path, section_path=SECTION)
    write_ninjs("story.json", article_2x(headline="Ceasefire talks collapse"))

    import_ninjs_file(path, section_path=SECTION)

    page = ArticlePage.objects.get()
    assert not page.live
    assert page.title == page.get_latest_revision_as_object().title == "Ceasefire talks collapse"


def test_a_uri_too_long_to_store_is_an_error(editions, write_ninjs):
    path = write_ninjs("long.json", article_2x(uri="urn:" + "x" * 600))

    result = import_ninjs_file(path, section_path=SECTION)

    assert result.status == ImportStatus.ERROR
    assert result.message == f"{path}: the uri is longer than 500 characters"
    assert not ArticlePage.objects.exists()


def test_a_picture_item_is_skipped(editions, write_ninjs):
    document = article_2x(type="picture")

    result = import_ninjs_file(write_ninjs("photo.json", document), section_path=SECTION)

    assert result.status == ImportStatus.SKIPPED
    assert "photo.json" in result.message and "picture" in result.message
    assert not ArticlePage.objects.exists()


def test_body_is_stored_and_rendered_without_hostile_markup(editions, write_ninjs, client):
    hostile = (
        '<p onclick="steal()">Safe words <img src=x onerror="alert(\'img\')">'
        "<a href=\"javascript:alert('link')\">a link</a></p>"
        "<script>alert('script')</script><!-- secret comment --><![CDATA[ cdata payload ]]>"
        "<h2 onmouseover=\"alert('h2')\">Heading</h2>"
        "<blockquote><p>Quoted <script>alert('quote')</script></p></blockquote>"
    )
    document = article_2x(bodies=[{"contenttype": "text/html", "value": hostile}])
    import_ninjs_file(write_ninjs("story.json", document), section_path=SECTION, publish=True)
    page = ArticlePage.objects.get()

    stored = json.dumps([list(page.body.raw_data), page.latest_revision.content])
    response = client.get(page.url)

    assert response.status_code == 200
    rendered = response.content.decode()
    assert "Safe words" in rendered and "Heading" in rendered and "Quoted" in rendered
    for text in (stored, rendered):
        for gone in HOSTILE_TRACES:
            assert gone not in text
