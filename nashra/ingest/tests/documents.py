"""Small ninjs documents of each generation, as the tests write them to disk."""

import os
from pathlib import Path

# IPTC's validation suite and the agencies' examples.
CORPUS = Path(os.environ.get("NINJS_CORPUS", "/work/shared/corpora/ninjs"))

SCHEMA_21 = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"

BODY_HTML = (
    "<p>Negotiators met in <b>Cairo</b> on Monday, <a href='https://example.org/talks'>officials"
    " said</a>.</p><p>Talks lasted <em>six hours</em>.</p>"
    "<h2>What is on the table</h2>"
    "<ul><li>A pause in fighting</li><li>Aid corridors</li></ul>"
    "<blockquote><p>We are closer than ever.</p><footer>— <cite>A mediator</cite></footer>"
    "</blockquote>"
    "<p>Another round is expected next week.</p>"
)


def picture_2x(name, href, *, caption="", credit="", uri=None):
    association = {
        "name": name,
        "uri": uri or f"urn:nashra:test:picture:{name}",
        "type": "picture",
        "renditions": [
            {"name": "thumbnail", "href": href, "contenttype": "image/jpeg", "width": 4},
            {"name": "original", "href": href, "contenttype": "image/jpeg", "width": 40},
        ],
    }
    if caption:
        association["descriptions"] = [{"role": "caption", "value": caption}]
    if credit:
        association["copyrightholder"] = credit
    return association


def article_2x(uri="urn:nashra:test:2x", headline="Ceasefire talks resume in Cairo", **fields):
    document = {
        "standard": {"name": "ninjs", "version": "2.1", "schema": SCHEMA_21},
        "uri": uri,
        "type": "text",
        "language": "en-GB",
        "firstcreated": "2024-05-01T08:00:00Z",
        "versioncreated": "2024-05-01T10:30:00+02:00",
        "headlines": [
            {"role": "sub", "value": "Round two"},
            {"role": "main", "value": headline},
        ],
        "descriptions": [
            {
                "role": "summary",
                "contenttype": "text/html",
                "value": "<p>Negotiators <b>return</b> to the table.</p>",
            }
        ],
        "bodies": [
            {"role": "text", "contenttype": "text/plain", "value": "Plain version."},
            {"role": "main", "contenttype": "text/html", "value": BODY_HTML},
        ],
        "subjects": [{"name": "Diplomacy"}, {"name": "Egypt", "uri": "http://cv.example/eg"}],
        "by": "By Jane Doe and John Smith, Wire Agency",
        "infosources": [{"name": "Wire Agency", "uri": "https://wire.example"}],
        "copyrightholder": "Wire Agency",
    }
    document.update(fields)
    return document


def article_1x(uri="urn:nashra:test:1x", **fields):
    """A flat 1.x document (no version named: the names say 1.x) in Arabic, plain-text body."""
    document = {
        "uri": uri,
        "type": "text",
        "language": "ar",
        "headline": "استئناف المحادثات في القاهرة",
        "description_text": "عاد المفاوضون إلى الطاولة.",
        "body_text": "الفقرة الأولى.\nسطر ثان.\n\nالفقرة الثانية.",
        "byline": "سارة أحمد",
        "located": "القاهرة",
        "firstcreated": "2024-05-02T09:00:00Z",
        "versioncreated": "2024-05-02T09:00:00Z",
        "subject": [{"name": "دبلوماسية"}],
        "infosource": [{"name": "وكالة الأنباء"}],
    }
    document.update(fields)
    return document


def article_3x(uri="urn:nashra:test:3x", **fields):
    """A 3.x document (camelCase names, no version named); its source is the copyright holder."""
    document = {
        "uri": uri,
        "type": "composite",
        "language": "en",
        "firstCreated": "2024-06-01T12:00:00Z",
        "versionCreated": "2024-06-01T12:00:00Z",
        "copyrightHolder": "Agence Example",
        "headlines": [{"value": "Port reopens after storm", "contentType": "text/plain"}],
        "bodies": [
            {
                "contentType": "text/html",
                "value": "<p>The port reopened. Ships queued for hours.</p><p>More later.</p>",
            }
        ],
        "subjects": [{"name": "Shipping"}],
        "by": "Lee Chan",
    }
    document.update(fields)
    return document
