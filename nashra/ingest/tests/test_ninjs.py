from datetime import UTC, datetime

import pytest

from nashra.ingest.errors import IngestError, SchemaError
from nashra.ingest.ninjs import declared_version, detect_version, parse_document, validate
from nashra.ingest.normalize import split_byline

from .documents import article_1x, article_2x, article_3x, picture_2x


@pytest.mark.parametrize(
    ("document", "version"),
    [
        ({"standard": {"version": "2.1"}}, "2.1"),
        ({"standard": {"version": "3.0.1"}}, "3.0"),
        ({"$standard": {"version": "1.4"}}, "1.4"),
        ({"standard": {"schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}}, "2.0"),
        ({"$schema": "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"}, "3.1"),
        ({"uri": "urn:x"}, None),
        # the property a 1.x document would use is $standard: this names no usable version
        ({"standard": {"schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.3.json"}}, None),
        ({"$standard": {"version": "2.1"}}, None),
    ],
)
def test_declared_version(document, version):
    assert declared_version(document) == version


@pytest.mark.parametrize(
    ("document", "version"),
    [
        (article_1x(), "1.6"),
        ({"uri": "urn:x", "body_html": "<p>x</p>"}, "1.6"),
        ({key: value for key, value in article_2x().items() if key != "standard"}, "2.2"),
        (article_3x(), "3.1"),
        ({"uri": "urn:x", "headlines": [{"value": "x", "contentType": "text/plain"}]}, "3.1"),
        ({"uri": "urn:x", "type": "text"}, "3.1"),
        ({"uri": "urn:x", "places": [{"name": "Aden", "geoJSON": {"type": "Point"}}]}, "3.1"),
        ({"uri": "urn:x", "places": [{"geojson": {"properties": {"aB": 1}}}]}, "2.2"),
        ({"uri": "urn:x", "firstcreated": "2024-01-01T00:00:00Z"}, "2.2"),
    ],
)
def test_inferred_version_follows_the_names_used(document, version):
    assert detect_version(document) == version


def test_declared_version_wins_over_the_given_one_and_the_given_over_inference():
    assert detect_version(article_2x(), fallback="3.0") == "2.1"
    assert detect_version(article_3x(), fallback="3.0") == "3.0"


def test_unknown_version_is_refused():
    with pytest.raises(IngestError, match=r"unsupported ninjs version 9\.9"):
        detect_version({"uri": "urn:x", "standard": {"version": "9.9"}})


def test_validation_runs_offline_with_geojson(no_network):
    place = {"name": "Cairo", "geojson": {"type": "Point", "coordinates": [31.2, 30.0]}}
    validate(article_2x(places=[place]), "2.1")

    with pytest.raises(SchemaError) as refused:
        validate(article_2x(places=[{"name": "Cairo", "geojson": {"type": "Nowhere"}}]), "2.1")
    assert "$.places[0].geojson" in str(refused.value)


def test_old_schemas_resolve_their_own_address(no_network):
    association = {"uri": "urn:picture", "type": "picture", "nonsense": True}
    document = {"uri": "urn:x", "headline": "x", "associations": {"main": association}}

    with pytest.raises(SchemaError, match=r"\$\.associations\.main"):
        validate(document, "1.2")
    del association["nonsense"]
    validate(document, "1.2")
    validate(document, "1.0")


def test_schema_error_names_path_and_message():
    document = article_2x(urgency="very")

    with pytest.raises(SchemaError) as refused:
        parse_document(document)

    expected = "the ninjs 2.1 schema rejects $.urgency: 'very' is not of type 'number'"
    assert str(refused.value) == expected


@pytest.mark.parametrize("name", ["keywords", "authors"])
def test_names_outside_the_schemas_are_refused(name):
    with pytest.raises(SchemaError, match=f"'{name}' was unexpected"):
        parse_document(article_2x(**{name: ["Cairo"]}))


def test_a_document_without_uri_is_refused():
    document = article_2x()
    del document["uri"]

    with pytest.raises(IngestError, match="no “uri”"):
        parse_document(document)


def test_2x_document_is_read():
    document = article_2x(
        associations=[
            picture_2x("a", "a.jpg", caption="Delegates arrive", credit="Photo Desk"),
            picture_2x("b", "https://photos.example/b.jpg"),
            {"name": "logo", "uri": "urn:logo", "type": "graphic"},
        ]
    )

    item = parse_document(document)

    assert item.version == "2.1"
    assert item.headline == "Ceasefire talks resume in Cairo"
    assert item.lead == "Negotiators return to the table."
    assert item.body_html.startswith("<p>Negotiators met")
    assert item.body_text == ""
    assert item.first_created == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert item.version_created == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    assert item.topics == ["Diplomacy", "Egypt"]
    assert item.authors == ["Jane Doe", "John Smith"]
    assert [(s.name, s.url) for s in item.sources] == [("Wire Agency", "https://wire.example")]
    assert [(p.href, p.caption, p.credit) for p in item.pictures] == [
        ("a.jpg", "Delegates arrive", "Photo Desk"),
        ("https://photos.example/b.jpg", "", ""),
    ]
    assert [p.is_remote for p in item.pictures] == [False, True]


def test_1x_document_is_read():
    item = parse_document(article_1x())

    assert item.version == "1.6"
    assert item.language == "ar"
    assert item.headline == "استئناف المحادثات في القاهرة"
    assert item.lead == "عاد المفاوضون إلى الطاولة."
    assert item.body_html == ""
    assert item.body_text.startswith("الفقرة الأولى.")
    assert item.topics == ["دبلوماسية"]
    assert item.authors == ["سارة أحمد"]
    assert [s.name for s in item.sources] == ["وكالة الأنباء"]


def test_3x_document_is_read():
    item = parse_document(article_3x())

    assert item.version == "3.1"
    assert item.type == "composite"
    assert item.is_article
    assert item.headline == "Port reopens after storm"
    assert item.lead == "The port reopened. Ships queued for hours."
    assert [s.name for s in item.sources] == ["Agence Example"]
    assert item.authors == ["Lee Chan"]


def test_a_document_without_type_is_text():
    document = article_2x()
    del document["type"]

    assert parse_document(document).type == "text"


def test_a_bad_date_is_refused():
    with pytest.raises(IngestError, match="firstcreated"):
        parse_document(article_2x(firstcreated="yesterday"))


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Von Christian Hollmann, dpa", ["Christian Hollmann"]),
        ("Karl Melander/TT", ["Karl Melander"]),
        ("NTB", []),
        ("بقلم سارة أحمد و علي حسن", ["سارة أحمد", "علي حسن"]),
        ("سارة أحمد، علي حسن؛ منى سالم", ["سارة أحمد", "علي حسن", "منى سالم"]),
    ],
)
def test_split_byline_leaves_out_agencies(byline, names):
    from nashra.ingest.normalize import SourceRef

    agencies = [SourceRef("dpa"), SourceRef("TT"), SourceRef("NTB")]
    assert split_byline(byline, agencies) == names
