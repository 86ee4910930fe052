"""IPTC ninjs documents: loading, version detection and validation against the official schemas.

The schemas (1.0 to 3.1, and the GeoJSON schema they refer to) ship in ``schemas/``; nothing is
fetched at run time. ``parse_document`` checks a document and reads it, whatever its generation,
into one ``NinjsItem`` (the reading itself is in ``normalize.py``).
"""

import json
import re
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import validators
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from .errors import IngestError, SchemaError
from .normalize import normalize

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
GEOJSON_URI = "https://geojson.org/schema/GeoJSON.json"
VERSION_IN_URL = re.compile(r"ninjs-schema_(\d+\.\d+)\.json")
DECLARED_VERSION = re.compile(r"\s*(\d+)\.(\d+)")
# 1.x flat properties with a free suffix: body_html, description_text, headline_sub…
FLAT_1X_NAME = re.compile(r"^(body|description|headline)_")


def _version_key(version):
    return tuple(int(part) for part in version.split("."))


@cache
def _schemas():
    schemas = {}
    for path in SCHEMA_DIR.glob("ninjs-schema_*.json"):
        version = path.stem.removeprefix("ninjs-schema_")
        schemas[version] = json.loads(path.read_text(encoding="utf-8"))
    return dict(sorted(schemas.items(), key=lambda item: _version_key(item[0])))


def schema_versions():
    """Return the ninjs versions there is a schema for, oldest first ("1.0" … "3.1")."""
    return list(_schemas())


@cache
def _registry():
    geojson = json.loads((SCHEMA_DIR / "GeoJSON.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(GEOJSON_URI, Resource.from_contents(geojson))
    # Schemas 1.0 to 1.3 refer to themselves by their web address.
    for schema in _schemas().values():
        uri = (schema.get("$id") or schema["id"]).rstrip("#")
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        registry = registry.with_resource(uri, resource)
    return registry.crawl()


@cache
def _validator(version):
    schema = _schemas()[version]
    return validators.validator_for(schema)(schema, registry=_registry())


@cache
def _names_by_generation():
    """Return the top-level property names of each generation (1, 2, 3) from the schemas."""
    names = {}
    for version, schema in _schemas().items():
        root = schema.get("$defs", {}).get("ninjsType", schema)
        names.setdefault(version.split(".")[0], set()).update(root["properties"])
    return names


def _newest(generation):
    return [v for v in schema_versions() if v.split(".")[0] == generation][-1]


def declared_version(document):
    """Return the version a document names in standard / $standard / $schema, or None.

    1.x spells the object `$standard`, 2.x and 3.x `standard`; a version the object's own
    spelling rules out (a `standard` naming 1.3) is no declaration: no schema could accept it.
    """
    found = []
    for name, ruled_out in (("standard", "1"), ("$standard", "23")):
        if isinstance(standard := document.get(name), dict):
            if match := DECLARED_VERSION.match(str(standard.get("version") or "")):
                found.append((f"{int(match[1])}.{int(match[2])}", ruled_out))
            found.append((_version_in_url(standard.get("schema")), ruled_out))
    found.append((_version_in_url(document.get("$schema")), ""))
    for version, ruled_out in found:
        if version and version.split(".")[0] not in ruled_out:
            return version
    return None


def _version_in_url(url):
    match = VERSION_IN_URL.search(url) if isinstance(url, str) else None
    return match[1] if match else None


def infer_version(document):
    """Return the newest version of the generation whose property names the document uses.

    camelCase names (versionCreated, contentType) mean 3.x, flat names (headline, body_html,
    byline) 1.x, lower-case arrays (headlines, infosources) 2.x; a document using only names
    every generation shares is read as the newest version.
    """
    names = _names_by_generation()
    keys = set(document)
    if _uses_camel_case(document):
        return _newest("3")
    if keys & (names["1"] - names["2"] - names["3"]) or any(map(FLAT_1X_NAME.match, keys)):
        return _newest("1")
    if keys - (names["1"] & names["2"] & names["3"]):
        return _newest("2")
    return schema_versions()[-1]


def _uses_camel_case(value):
    """Return whether a property name has a capital letter: of all schemas, only 3.x's do."""
    if isinstance(value, list):
        return any(_uses_camel_case(item) for item in value)
    if not isinstance(value, dict):
        return False
    return any(
        # A GeoJSON object's own "properties" may hold any names.
        name != name.lower() or (name != "geojson" and _uses_camel_case(item))
        for name, item in value.items()
    )


def detect_version(document, fallback=None):
    """Return the schema version to check a document against: declared, given, or inferred."""
    version = declared_version(document) or fallback or infer_version(document)
    if version not in _schemas():
        raise IngestError(
            _("unsupported ninjs version %(version)s (supported: %(versions)s)")
            % {"version": version, "versions": ", ".join(schema_versions())}
        )
    return version


def validate(document, version):
    """Raise SchemaError naming the JSON path and the schema's message if the document fails."""
    # `$schema` says which schema a document follows; no ninjs schema lists it as a property.
    instance = {key: value for key, value in document.items() if key != "$schema"}
    errors = list(_validator(version).iter_errors(instance))
    if not errors:
        return
    error = best_match(errors)
    message = _("the ninjs %(version)s schema rejects %(path)s: %(message)s") % {
        "version": version,
        "path": error.json_path,
        "message": error.message,
    }
    if len(errors) > 1:
        more = len(errors) - 1
        message += " " + ngettext(
            "(and %(count)d more problem)", "(and %(count)d more problems)", more
        ) % {"count": more}
    raise SchemaError(message)


def load_document(path):
    """Return the JSON value a file holds."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(_("not UTF-8 text (%(error)s)") % {"error": error.reason}) from error
    except OSError as error:
        raise IngestError(
            _("cannot be read (%(error)s)") % {"error": error.strerror or error}
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            _("invalid JSON at line %(line)d, column %(column)d: %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error


def parse_document(document, *, version=None):
    """Return a checked document as a NinjsItem; version is used when the document names none."""
    if not isinstance(document, dict):
        raise IngestError(_("the file holds no JSON object, so it is no ninjs document"))
    uri = document.get("uri")
    if not isinstance(uri, str) or not uri.strip():
        raise IngestError(
            _("the document has no “uri”; ninjs requires one, and re-imports are matched by it")
        )
    version = detect_version(document, version)
    validate(document, version)
    return normalize(document, version)
