"""IPTC's own documents: the validation suite and the agencies' examples in the corpus."""

import json

import pytest

from nashra.ingest.errors import SchemaError
from nashra.ingest.services import ImportStatus, import_ninjs_file
from nashra.news.models import ArticlePage

from .documents import CORPUS

pytestmark = pytest.mark.django_db

SUITE = CORPUS / "validation" / "test_suite"
EXAMPLES = CORPUS / "examples" / "2.1"


def corpus_files(folder, pattern):
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def suite_id(path):
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


def foreign(document):
    """Whether the document says it is in a language other than English."""
    language = document.get("language")
    return bool(language) and language.split("-")[0].lower() != "en"


def has_main_headline(document):
    return any(h.get("role") == "main" for h in document.get("headlines", [])) or bool(
        document.get("headline")
    )


@pytest.mark.parametrize("path", corpus_files(SUITE, "*/should_fail/*.json"), ids=suite_id)
def test_should_fail_documents_are_refused(editions, path):
    version = path.parent.parent.name

    result = import_ninjs_file(path, version=version, section_path="news/middle-east")

    assert result.status == ImportStatus.ERROR
    assert isinstance(result.error, SchemaError)
    assert result.message.startswith(f"{path}: the ninjs ")
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize("path", corpus_files(SUITE, "*/should_pass/*.json"), ids=suite_id)
def test_should_pass_documents_are_accepted(editions, path):
    document = json.loads(path.read_text(encoding="utf-8"))
    version = path.parent.parent.name

    result = import_ninjs_file(path, version=version, section_path="news/middle-east", edition="en")

    assert not isinstance(result.error, SchemaError), result.message
    if document.get("type", "text") not in {"text", "composite"}:
        assert result.status == ImportStatus.SKIPPED, result.message
    elif foreign(document):
        assert result.status == ImportStatus.ERROR
        assert "not in the language of the en edition" in result.message
    elif has_main_headline(document):
        assert result.status == ImportStatus.CREATED, result.message
        assert ArticlePage.objects.get().wire_uri == document["uri"]
    else:
        assert result.status == ImportStatus.ERROR
        assert "has no headline" in result.message


@pytest.mark.parametrize("path", corpus_files(EXAMPLES, "*.json"), ids=lambda p: p.name)
def test_agency_examples_import(editions, path, no_network):
    document = json.loads(path.read_text(encoding="utf-8"))

    result = import_ninjs_file(path, section_path="news/middle-east", edition="en")

    if document.get("type", "text") in {"text", "composite"} and foreign(document):
        assert result.status == ImportStatus.ERROR
        assert "not in the language of the en edition" in result.message
        assert not ArticlePage.objects.exists()
    elif document.get("type", "text") in {"text", "composite"}:
        assert result.status == ImportStatus.CREATED, result.message
        page = ArticlePage.objects.get()
        assert page.title and page.lead
        assert len(page.body) > 0 or "bodies" not in document
    else:
        assert result.status == ImportStatus.SKIPPED, result.message
        assert document["type"] in result.message


def test_corpus_is_there():
    assert corpus_files(SUITE, "*/should_fail/*.json"), f"no ninjs corpus at {CORPUS}"
