#!/usr/bin/env python3
"""Check the demo content: every ninjs file in demo/ninjs/ and the images it uses.

    .venv/bin/python demo/check_demo.py

Each file is validated against the official IPTC ninjs 2.1 JSON Schema, then
against the rules the demo content follows (see demo/README.md). Both editions
are checked, English in demo/ninjs/en/ and Arabic in demo/ninjs/ar/, and so are
the pairs in demo/translations.json that link an article to its translation.
The schema is the copy the importer ships in nashra/ingest/schemas/ (or the
shared ninjs corpus); point NINJS_SPEC_DIR at a folder holding
ninjs-schema_2.1.json and GeoJSON.json to use another.

Exit status: 0 when everything passes, 1 when a rule is broken, 2 when the
schema cannot be found.
"""

import json
import os
import re
import struct
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

DEMO = Path(__file__).resolve().parent
NINJS = DEMO / "ninjs"
IMAGES = DEMO / "images"
TRANSLATIONS = DEMO / "translations.json"

GEOJSON_ID = "https://geojson.org/schema/GeoJSON.json"
# The importer's copy of the official schemas; NINJS_SPEC_DIR may name another checkout.
SPEC_CANDIDATES = [
    DEMO.parent / "nashra" / "ingest" / "schemas",
    *([Path(os.environ["NINJS_SPEC_DIR"])] if os.environ.get("NINJS_SPEC_DIR") else []),
]

# The date the demo content was written for; "recent" is measured from here.
REFERENCE = datetime(2026, 11, 29, 12, 0, 0, tzinfo=UTC)
OLDEST = REFERENCE - timedelta(days=430)  # about 14 months

EXPECTED_SECTIONS = {  # section folder -> number of articles
    "news--middle-east": 11,
    "news--yemen": 10,
    "news--world": 7,
    "economy": 7,
    "sports": 5,
    "culture": 4,
    "health": 3,
}
STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
}
INFOSOURCES = {
    "Press TV",
    "Saba News Agency",
    "Al Masirah",
    "Reuters",
    "AFP",
    "Associated Press",
    "Al Mayadeen",
    "Xinhua",
}
STAFF = {
    "Hana Al-Sharafi",
    "Yusuf Al-Hakimi",
    "Nadia Farouk",
    "Tariq Mansour",
    "Samir Al-Ariqi",
    "Lina Abboud",
}
# The Arabic edition (demo/ninjs/ar/).
AR_EXPECTED_SECTIONS = {
    "news--middle-east": 10,
    "news--yemen": 12,
    "news--world": 6,
    "economy": 7,
    "sports": 5,
    "culture": 3,
    "health": 2,
}
AR_INFOSOURCES = {  # name -> homepage; the same agencies as INFOSOURCES, named in Arabic
    "وكالة سبأ": "https://www.saba.ye",
    "المسيرة": "https://www.almasirah.net",
    "رويترز": "https://www.reuters.com",
    "فرانس برس": "https://www.afp.com",
    "أسوشيتد برس": "https://apnews.com",
    "الميادين": "https://www.almayadeen.net",
    "برس تي في": "https://www.presstv.ir",
    "شينخوا": "https://arabic.news.cn",
}
AR_STAFF = {  # the same six writers as STAFF, in Arabic script
    "هناء الشرفي",
    "يوسف الحكيمي",
    "نادية فاروق",
    "طارق منصور",
    "سمير العريقي",
    "لينا عبود",
}
# Topics only the Arabic edition uses; every other Arabic topic uri must be an English one.
AR_ONLY_TOPICS = {"basra", "hadramawt", "transport", "fisheries", "sudan"}
MIN_PAIRS, MIN_PAIRS_FROM_ARABIC = 16, 6
TRANSLATION_DELAY = timedelta(days=2)  # a translation appears at most this long after its original
ARABIC_LETTER_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ALLOWED_TAGS = {"p", "h2", "h3", "blockquote", "cite", "strong", "em", "a", "ul", "ol", "li"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_IMAGE_BYTES = 90 * 1024
MIN_GALLERIES, MIN_GALLERY_SIZE = 2, 6


@dataclass(frozen=True)
class EditionExpectations:
    """The rules that differ between the English and the Arabic demo articles."""

    code: str
    sections: dict
    min_articles: int
    infosources: dict  # name -> the homepage its uri must be, or None for any
    staff: set
    byline_joiner: str
    words: tuple
    paragraphs: tuple
    max_h2: int | None = None  # sub-headings per body
    arabic: bool = False  # headline, standfirst, body, topics and captions in Arabic script


EDITIONS = {
    "en": EditionExpectations(
        "en",
        EXPECTED_SECTIONS,
        47,
        dict.fromkeys(INFOSOURCES),
        STAFF,
        " and ",
        (250, 600),
        (4, 12),
    ),
    "ar": EditionExpectations(
        "ar",
        AR_EXPECTED_SECTIONS,
        45,
        AR_INFOSOURCES,
        AR_STAFF,
        " و ",
        (200, 500),
        (4, 7),
        max_h2=2,
        arabic=True,
    ),
}


def mostly_arabic(text):
    """True when more than half of the letters in text are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if ARABIC_LETTER_RE.match(c))
    return bool(letters) and arabic * 2 > len(letters)


def find_spec_dir():
    env = os.environ.get("NINJS_SPEC_DIR")
    for folder in ([Path(env)] if env else []) + SPEC_CANDIDATES:
        if (folder / "ninjs-schema_2.1.json").is_file() and (folder / "GeoJSON.json").is_file():
            return folder
    return None


def make_validator(spec_dir):
    schema = json.loads((spec_dir / "ninjs-schema_2.1.json").read_text())
    geojson = json.loads((spec_dir / "GeoJSON.json").read_text())
    registry = Registry().with_resource(GEOJSON_ID, Resource.from_contents(geojson))
    Draft202012Validator.check_schema(schema)
    # Formats are annotations under draft 2020-12 (the default here); the rules
    # below check the dates and identifiers themselves.
    return Draft202012Validator(schema, registry=registry)


class BodyParser(HTMLParser):
    """Collect what the rules need to know about a body's HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []
        self.counts = Counter()
        self.words = 0
        self.text = []
        self.blockquotes_with_cite = 0
        self._cite_in_quote = False

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed in a body")
        attrs = dict(attrs)
        if tag == "a":
            if set(attrs) != {"href"} or not (attrs.get("href") or "").startswith("https://"):
                self.problems.append(f"link must have only an https href: {attrs}")
        elif attrs:
            self.problems.append(f"<{tag}> must have no attributes: {attrs}")
        if tag == "p" and "blockquote" not in self.stack:
            self.counts["paragraphs"] += 1
        if tag == "blockquote":
            self._cite_in_quote = False
        if tag == "cite" and "blockquote" in self.stack:
            self._cite_in_quote = True
        self.counts[tag] += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()
        if tag == "blockquote" and self._cite_in_quote:
            self.blockquotes_with_cite += 1

    def handle_data(self, data):
        if data.strip() and not self.stack:
            self.problems.append(f"text outside any element: {data.strip()[:40]!r}")
        self.words += len(data.split())
        self.text.append(data)


def parse_time(value):
    if not isinstance(value, str) or not re.match(
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", value
    ):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def jpeg_size(path):
    """Return (width, height) from a JPEG's start-of-frame marker."""
    data = path.read_bytes()
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG file")
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    raise ValueError("no frame header found")


def check_picture(path, index, assoc, errors, image_use, arabic=False):
    where = f"{path.relative_to(NINJS)}: associations[{index}]"
    if assoc.get("type") != "picture":
        errors.append(f"{where}: type must be 'picture'")
        return None
    expected_name = "hero" if index == 0 else f"gallery-{index}"
    if assoc.get("name") != expected_name:
        errors.append(f"{where}: name should be {expected_name!r}, not {assoc.get('name')!r}")
    captions = [
        d
        for d in assoc.get("descriptions", [])
        if d.get("role") == "caption" and d.get("value", "").strip()
    ]
    if not captions:
        errors.append(f"{where}: needs a description with role 'caption'")
    elif arabic and not all(mostly_arabic(c["value"]) for c in captions):
        errors.append(f"{where}: the caption must be in Arabic")
    if not assoc.get("copyrightholder"):
        errors.append(f"{where}: needs a copyrightholder")
    elif arabic and not mostly_arabic(assoc["copyrightholder"]):
        errors.append(f"{where}: the copyrightholder must be in Arabic")
    renditions = assoc.get("renditions") or []
    if len(renditions) != 1:
        errors.append(f"{where}: needs exactly one rendition")
        return None
    rendition = renditions[0]
    href = rendition.get("href", "")
    match = re.fullmatch(r"\.\./\.\./\.\./images/([a-z0-9-]+)\.jpg", href)
    if not match:
        errors.append(f"{where}: href must be ../../../images/<name>.jpg, not {href!r}")
        return None
    name = match.group(1)
    if assoc.get("uri") != f"urn:nashra:demo:image:{name}":
        errors.append(f"{where}: uri should be urn:nashra:demo:image:{name}")
    target = (path.parent / href).resolve()
    if target.parent != IMAGES or not target.is_file():
        errors.append(f"{where}: image {href} does not exist")
        return None
    if rendition.get("contenttype") != "image/jpeg" or rendition.get("name") != "original":
        errors.append(f"{where}: rendition must be named 'original' with contenttype image/jpeg")
    try:
        size = jpeg_size(target)
    except ValueError as exc:
        errors.append(f"{where}: {target.name}: {exc}")
        return None
    if size != (rendition.get("width"), rendition.get("height")):
        errors.append(
            f"{where}: rendition says {rendition.get('width')}x{rendition.get('height')}, file is {size[0]}x{size[1]}"
        )
    image_use[name] += 1
    return name


def check_article(path, doc, validator, errors, seen, topics, image_use, edition=EDITIONS["en"]):
    rel = path.relative_to(NINJS)
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        location = "/".join(str(p) for p in err.absolute_path) or "(root)"
        errors.append(f"{rel}: schema: {location}: {err.message}")

    slug = path.stem
    if not SLUG_RE.match(slug):
        errors.append(f"{rel}: slug must be lowercase ASCII words joined by hyphens")
    if doc.get("standard") != STANDARD:
        errors.append(f"{rel}: standard must be {STANDARD}")
    uri = doc.get("uri")
    if uri != f"urn:nashra:demo:{edition.code}:{slug}":
        errors.append(f"{rel}: uri must be urn:nashra:demo:{edition.code}:{slug}")
    if uri in seen:
        errors.append(f"{rel}: uri {uri} is also used by {seen[uri]}")
    seen[uri] = rel
    if doc.get("type") != "text" or doc.get("language") != edition.code:
        errors.append(f"{rel}: type must be 'text' and language '{edition.code}'")

    try:
        first = parse_time(doc.get("firstcreated"))
        version = parse_time(doc.get("versioncreated"))
        if version < first:
            errors.append(f"{rel}: versioncreated is before firstcreated")
        if not OLDEST <= first <= REFERENCE or version > REFERENCE:
            errors.append(
                f"{rel}: dates must fall between {OLDEST:%Y-%m-%d} and {REFERENCE:%Y-%m-%d}"
            )
    except ValueError as exc:
        errors.append(f"{rel}: {exc}")
        first = version = None

    headlines = [h for h in doc.get("headlines", []) if h.get("role") == "main"]
    if len(headlines) != 1 or not headlines[0].get("value", "").strip():
        errors.append(f"{rel}: needs exactly one main headline")
    elif len(headlines[0]["value"]) > 110:
        errors.append(f"{rel}: headline is {len(headlines[0]['value'])} characters (110 at most)")
    elif edition.arabic and not mostly_arabic(headlines[0]["value"]):
        errors.append(f"{rel}: the headline must be mostly Arabic letters")
    summaries = [d for d in doc.get("descriptions", []) if d.get("role") == "summary"]
    if (
        len(summaries) != 1
        or summaries[0].get("contenttype") != "text/plain"
        or not summaries[0].get("value", "").strip()
    ):
        errors.append(f"{rel}: needs one text/plain description with role 'summary'")
    elif edition.arabic and not mostly_arabic(summaries[0]["value"]):
        errors.append(f"{rel}: the summary must be mostly Arabic letters")

    bodies = [b for b in doc.get("bodies", []) if b.get("role") == "main"]
    quoted = False
    h2 = 0
    if len(bodies) != 1 or bodies[0].get("contenttype") != "text/html":
        errors.append(f"{rel}: needs one text/html body with role 'main'")
    else:
        parser = BodyParser()
        parser.feed(bodies[0].get("value", ""))
        parser.close()
        if parser.stack:
            parser.problems.append(f"unclosed elements: {parser.stack}")
        errors.extend(f"{rel}: body: {p}" for p in parser.problems)
        low, high = edition.words
        if not low <= parser.words <= high:
            errors.append(f"{rel}: body has {parser.words} words ({low} to {high})")
        low, high = edition.paragraphs
        if not low <= parser.counts["paragraphs"] <= high:
            errors.append(
                f"{rel}: body has {parser.counts['paragraphs']} paragraphs ({low} to {high})"
            )
        h2 = parser.counts["h2"]
        if edition.max_h2 is not None and h2 > edition.max_h2:
            errors.append(f"{rel}: body has {h2} <h2> sub-headings ({edition.max_h2} at most)")
        if edition.arabic and not mostly_arabic(" ".join(parser.text)):
            errors.append(f"{rel}: the body must be mostly Arabic letters")
        if parser.counts["blockquote"] != parser.blockquotes_with_cite:
            errors.append(f"{rel}: every blockquote needs a cite")
        quoted = parser.counts["blockquote"] > 0

    subjects = doc.get("subjects", [])
    if not 2 <= len(subjects) <= 4:
        errors.append(f"{rel}: needs 2 to 4 subjects, has {len(subjects)}")
    for subject in subjects:
        name, s_uri = subject.get("name"), subject.get("uri", "")
        if not name or not re.fullmatch(r"urn:nashra:topic:[a-z0-9-]+", s_uri):
            errors.append(f"{rel}: subject {subject} needs a name and a urn:nashra:topic: uri")
            continue
        if edition.arabic and not mostly_arabic(name):
            errors.append(f"{rel}: subject {name!r} must be named in Arabic")
        topics[s_uri].add(name)

    sources = doc.get("infosources", [])
    if (
        len(sources) != 1
        or sources[0].get("name") not in edition.infosources
        or sources[0].get("role") != "source"
    ):
        errors.append(f"{rel}: needs exactly one infosource from the known set, with role 'source'")
    elif edition.infosources[sources[0]["name"]] not in (None, sources[0].get("uri")):
        errors.append(
            f"{rel}: infosource {sources[0]['name']!r} needs the uri "
            f"{edition.infosources[sources[0]['name']]}"
        )

    if "by" in doc:
        names = doc["by"].split(edition.byline_joiner)
        unknown = [n for n in names if n not in edition.staff]
        if unknown or len(names) > 2:
            errors.append(f"{rel}: by must name one or two staff writers, got {doc['by']!r}")

    pictures = []
    for index, assoc in enumerate(doc.get("associations", [])):
        pictures.append(check_picture(path, index, assoc, errors, image_use, edition.arabic))
    names = [p for p in pictures if p]
    if len(names) != len(set(names)):
        errors.append(f"{rel}: the same image is used twice in one article")
    return {
        "uri": uri,
        "edition": edition.code,
        "section": path.parent.name,
        "first": first,
        "updated": bool(first and version and version > first),
        "hero": bool(pictures),
        "gallery": max(0, len(pictures) - 1),
        "authors": "by" in doc,
        "quoted": quoted,
        "h2": h2,
        "pictures": [p for p in pictures if p],
        "topics": {s.get("uri") for s in subjects},
        "source": sources[0].get("name") if sources else None,
    }


def check_edition(edition, validator, errors, seen, image_use):
    """Check one edition's folder; return the stats of its articles and its topics."""
    stats, topics = [], defaultdict(set)
    for folder in sorted((NINJS / edition.code).iterdir()):
        if not folder.is_dir():
            errors.append(f"{folder}: only section folders belong in demo/ninjs/{edition.code}")
            continue
        if folder.name not in edition.sections:
            errors.append(f"{edition.code}/{folder.name}: unknown section folder")
        for path in sorted(folder.iterdir()):
            if path.suffix != ".json":
                errors.append(f"{path}: only .json files belong in section folders")
                continue
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                errors.append(f"{path}: not valid JSON: {exc}")
                continue
            stats.append(
                check_article(path, doc, validator, errors, seen, topics, image_use, edition)
            )

    code = edition.code
    per_section = Counter(s["section"] for s in stats)
    for section, expected in edition.sections.items():
        if per_section[section] < expected:
            errors.append(
                f"{code}/{section}: {per_section[section]} articles, expected at least {expected}"
            )
    if len(stats) < edition.min_articles:
        errors.append(
            f"{code}: {len(stats)} articles in all, expected at least {edition.min_articles}"
        )
    galleries = [s for s in stats if s["gallery"] >= MIN_GALLERY_SIZE]
    if len(galleries) < MIN_GALLERIES:
        errors.append(
            f"{code}: {len(galleries)} articles have a gallery of {MIN_GALLERY_SIZE}+ pictures, expected {MIN_GALLERIES}"
        )
    for uri, names in topics.items():
        if len(names) > 1:
            errors.append(f"{code}: topic {uri} is named inconsistently: {sorted(names)}")
    if edition.max_h2 is not None:
        if sum(1 for s in stats if s["h2"]) * 2 <= len(stats):
            errors.append(f"{code}: most articles need one or two <h2> sub-headings")
        if sum(1 for s in stats if s["quoted"]) * 2 < len(stats):
            errors.append(f"{code}: at least half of the articles need a quotation")

    recent = sum(1 for s in stats if s["first"] and REFERENCE - s["first"] <= timedelta(days=2))
    week = sum(1 for s in stats if s["first"] and REFERENCE - s["first"] <= timedelta(days=7))
    print(
        f"{code}: {len(stats)} articles: "
        + ", ".join(f"{k} {per_section[k]}" for k in edition.sections)
    )
    print(
        f"{code}: {sum(s['hero'] for s in stats)} with a hero image, galleries in {len(galleries)}, "
        f"{sum(s['updated'] for s in stats)} updated, {sum(s['authors'] for s in stats)} with authors, "
        f"{sum(s['quoted'] for s in stats)} with a quotation"
    )
    print(
        f"{code}: {recent} from the last 48 hours, {week} from the last week; {len(topics)} topics"
    )
    return stats, topics


def check_translations(articles, errors):
    """Check demo/translations.json: each pair links an article to its translation."""
    try:
        data = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    except FileNotFoundError:
        errors.append("translations.json is missing")
        return
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        errors.append(f"translations.json: not valid JSON: {exc}")
        return
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list) or set(data) != {"pairs"}:
        errors.append('translations.json must be {"pairs": [{"original": …, "translation": …}]}')
        return
    used, directions = {}, Counter()
    for index, pair in enumerate(pairs):
        where = f"translations.json: pairs[{index}]"
        if not isinstance(pair, dict) or set(pair) != {"original", "translation"}:
            errors.append(f"{where}: needs exactly 'original' and 'translation'")
            continue
        missing = [uri for uri in pair.values() if uri not in articles]
        if missing:
            errors.append(f"{where}: no article has the uri {', '.join(map(str, missing))}")
            continue
        for uri in pair.values():
            if uri in used:
                errors.append(f"{where}: {uri} is already in pairs[{used[uri]}]")
            used[uri] = index
        original, translation = articles[pair["original"]], articles[pair["translation"]]
        if {original["edition"], translation["edition"]} != {"en", "ar"}:
            errors.append(f"{where}: must pair an English and an Arabic article")
            continue
        directions[original["edition"], translation["edition"]] += 1
        if original["section"] != translation["section"]:
            errors.append(f"{where}: the two articles are in different sections")
        if original["pictures"] != translation["pictures"]:
            errors.append(f"{where}: the two articles must use the same pictures in the same order")
        if not original["topics"] & translation["topics"]:
            errors.append(f"{where}: the two articles share no topic uri")
        if original["first"] and translation["first"]:
            delay = translation["first"] - original["first"]
            if not timedelta(0) <= delay <= TRANSLATION_DELAY:
                errors.append(
                    f"{where}: the translation must be first created at most "
                    f"{TRANSLATION_DELAY.days} days after the original, not {delay}"
                )
    if len(pairs) < MIN_PAIRS:
        errors.append(f"translations.json: {len(pairs)} pairs, expected at least {MIN_PAIRS}")
    if directions["ar", "en"] < MIN_PAIRS_FROM_ARABIC:
        errors.append(
            f"translations.json: {directions['ar', 'en']} pairs with an Arabic original, "
            f"expected at least {MIN_PAIRS_FROM_ARABIC}"
        )
    print(
        f"translations: {len(pairs)} pairs, {directions['en', 'ar']} English to Arabic, "
        f"{directions['ar', 'en']} Arabic to English"
    )


def main():
    spec_dir = find_spec_dir()
    if spec_dir is None:
        print(
            "ninjs-schema_2.1.json not found; set NINJS_SPEC_DIR to the ninjs specification folder",
            file=sys.stderr,
        )
        return 2
    validator = make_validator(spec_dir)

    errors, seen = [], {}
    image_use = Counter()
    found = sorted(p.name for p in NINJS.iterdir() if p.is_dir())
    if "en" not in found or not set(found) <= set(EDITIONS):
        errors.append(
            f"demo/ninjs must hold the 'en' edition and at most {sorted(EDITIONS)}, found {found}"
        )
    stats, topics = {}, {}
    for code in [c for c in EDITIONS if c in found]:
        stats[code], topics[code] = check_edition(
            EDITIONS[code], validator, errors, seen, image_use
        )
    if "ar" in stats:
        known = set(topics.get("en", {})) | {f"urn:nashra:topic:{t}" for t in AR_ONLY_TOPICS}
        for uri in sorted(set(topics["ar"]) - known):
            errors.append(
                f"ar: topic {uri} is not an English topic uri (nor listed in AR_ONLY_TOPICS)"
            )
        articles = {s["uri"]: s for edition_stats in stats.values() for s in edition_stats}
        check_translations(articles, errors)

    for image in sorted(IMAGES.glob("*")):
        if image.suffix != ".jpg" or not IMAGE_NAME_RE.match(image.stem):
            errors.append(f"images/{image.name}: only lowercase-hyphenated .jpg files belong here")
        elif image.stat().st_size > MAX_IMAGE_BYTES:
            errors.append(
                f"images/{image.name}: {image.stat().st_size // 1024} KB, over {MAX_IMAGE_BYTES // 1024} KB"
            )
        elif image.stem not in image_use:
            print(f"note: images/{image.name} is not used by any article")
    print(f"{len(set(image_use))} of {len(list(IMAGES.glob('*.jpg')))} images used")

    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
