"""A story with everything a ninjs item can carry, and the IPTC schema every item is checked by."""

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from nashra.caching.tests.test_varnish import media, nginx, origin, varnish  # noqa: F401
from nashra.caching.tests.test_wsgi import application  # noqa: F401 (fixtures, as above)
from nashra.core.tests.factories import figure, gallery

# The official IPTC schemas that import_ninjs checks documents with (nashra/ingest/schemas).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "ingest" / "schemas"
GEOJSON_URI = "https://geojson.org/schema/GeoJSON.json"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII)
# An absolute URI (RFC 3986): a scheme, then only the characters a URI may hold.
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.ASCII)

FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def _is_date_time(value):
    return not isinstance(value, str) or bool(RFC3339.fullmatch(value))


@FORMATS.checks("uri")
def _is_uri(value):
    return not isinstance(value, str) or bool(URI.fullmatch(value))


def _validator():
    schema = json.loads((SCHEMA_DIR / "ninjs-schema_2.1.json").read_text(encoding="utf-8"))
    geojson = json.loads((SCHEMA_DIR / "GeoJSON.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(GEOJSON_URI, Resource.from_contents(geojson))
    return Draft202012Validator(schema, registry=registry, format_checker=FORMATS)


VALIDATOR = _validator()


def assert_ninjs(*documents):
    """Fail with every problem the ninjs 2.1 schema (and its formats) finds in the documents."""
    for document in documents:
        problems = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(document)]
        assert not problems, "\n".join(problems)


def get_json(client, url, status=200, **headers):
    """GET the URL; check the status and the JSON content type; return the parsed body."""
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def get_items(client, url, **headers):
    """GET a listing, check every item against the schema, return the listing."""
    listing = get_json(client, url, **headers)
    assert_ninjs(*listing["items"])
    return listing


def headlines(listing):
    return [item["headlines"][0]["value"] for item in listing["items"]]


STORY = {
    "en": {
        "title": "Sanaa's tower houses restored before the rains",
        "lead": "Craftsmen finished work on 140 tower houses with UNESCO funding.",
        "paragraph": '<p>Masons used <b>lime plaster</b>, says <a href="https://unesco.org/">'
        "UNESCO</a>.</p><ul><li>140 houses</li><li>Three years</li></ul>",
        "subheading": "What comes next",
        "quote": "We built them as our grandfathers did.",
        "attribution": "A mason in the old city",
        "closing": "<p>Work goes on until 2027.</p>",
        "caption": "A restored tower house",
        "credit": "Nashra / Huda Mansour",
    },
    "ar": {
        "title": "ترميم منازل صنعاء القديمة قبل موسم الأمطار",
        "lead": "أنجز الحرفيون ترميم 140 منزلًا برجيًا بتمويل من منظمة اليونسكو.",
        "paragraph": "<p>استعمل البناؤون <b>الجص</b> كما تقول "
        '<a href="https://unesco.org/">اليونسكو</a>.</p><ul><li>140 منزلًا</li></ul>',
        "subheading": "ما الذي يلي",
        "quote": "بنيناها كما بناها أجدادنا.",
        "attribution": "بنّاء في المدينة القديمة",
        "closing": "<p>يستمر العمل حتى 2027.</p>",
        "caption": "منزل برجي مرمم",
        "credit": "نشرة / هدى منصور",
    },
}


@pytest.fixture
def story(two_editions, article_factory, image_factory):
    """Return a builder of the full story in an edition's Middle East: ``story("ar")``.

    Hero, paragraph with a list and a link, sub-heading, quote, inline image, gallery, video,
    closing paragraph; the edition's topic, author and source.
    """

    def build(language, title=None, **fields):
        edition = two_editions[language]
        text = STORY[language]
        body = [
            ("paragraph", text["paragraph"]),
            ("subheading", text["subheading"]),
            ("quote", {"quote": text["quote"], "attribution": text["attribution"]}),
            ("image", figure(image_factory("Inline"), caption=text["caption"])),
            gallery(title=text["subheading"]),
            ("video", {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": ""}),
            ("paragraph", text["closing"]),
        ]
        fields.setdefault("hero_image", image_factory("Hero", size=(1600, 900)))
        fields.setdefault("topics", [edition.topic])
        fields.setdefault("authors", [edition.author])
        fields.setdefault("sources", [edition.source])
        return article_factory(
            edition.middle_east,
            title or text["title"],
            lead=text["lead"],
            hero_caption=text["caption"],
            hero_credit=text["credit"],
            body=body,
            **fields,
        )

    return build
