"""Whose words a run of English on an Arabic screen is: the project's, Wagtail's, or unknown.

The project's words are what its source holds: the text of its templates, the string literals
of its Python (and the names of its fields, forms and blocks, which Django and Wagtail turn
into labels), the labels of its models, and the messages of its catalogue. Wagtail's are the
messages of its catalogues and the text its templates hold. A run is compared whole
("Partner feeds"), against a message with its placeholders filled ("Changes requested by
desk-ar"), or as the literal part of one ("Changes requested by", where an Arabic name
filled the rest).

Where both could have written it, the project is blamed only for what it certainly left
untranslated: text written into its templates outside ``{% translate %}``, and model labels
that are plain strings (no ``_()``, or a ``gettext`` run at import time, in English). The
rest is Wagtail's: a message the project marks is translated wherever the project shows it.
"""

import ast
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import wagtail
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.utils.functional import Promise
from modelcluster.fields import ParentalKey
from wagtail.admin.viewsets import viewsets
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

PROJECT = settings.BASE_DIR / "nashra"
CATALOGUE = settings.BASE_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.po"
WAGTAIL = Path(wagtail.__file__).parent
# Not the admin's words: tests, the migrations' frozen copies, the demo's articles.
SKIPPED_DIRS = {"tests", "migrations", "demo", "__pycache__"}

PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*(?:\.\w+)*(?:![rsa])?(?::[^{}]*)?\}|\{\{.*?\}\}|\{%.*?%\}"
)
TEMPLATE_TAGS = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<[^>]*>", re.S)
TEMPLATE_COMMENT = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TEMPLATE_MARKED = re.compile(
    r"\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
TEMPLATE_TRANSLATE = re.compile(r"""(?:\{%\s*trans(?:late)?\s+|\b_\()(["'])(.*?)\1""")
HTML_TAG = re.compile(r"<[^>]*>")
READ_ATTRIBUTE = re.compile(r"""(?:placeholder|title|aria-label)\s*=\s*(["'])(.*?)\1""", re.S)
EDGES = " .,:;!?-–—…\"'“”‘’()"


def key(text):
    """The form texts are compared in: case, underscores, spacing and edges set aside."""
    return " ".join(text.replace("_", " ").split()).strip(EDGES).casefold()


def substantial(piece):
    """A part of a message long enough to recognise inside a longer run."""
    words = piece.split()
    return len(words) >= 3 or (len(words) == 2 and len(piece) >= 12)


def _pattern(pieces, open_start, open_end):
    """A regex of literal pieces with anything between them (the placeholders' values)."""
    middle = " ?.+? ?".join(map(re.escape, pieces))
    return re.compile(("(?:.+? ?)?" if open_start else "") + middle + (" ?.+" if open_end else ""))


@dataclass
class Words:
    """Messages of one origin: whole, and, for those with placeholders, their literal pieces
    and patterns (for runs where the values are Latin, or cut where a value is Arabic)."""

    whole: set = field(default_factory=set)
    pieces: set = field(default_factory=set)
    patterns: list = field(default_factory=list)  # (first piece, regex)

    def add(self, text):
        # A message with markup shows as several text nodes: each is compared on its own.
        for segment in HTML_TAG.split(text or ""):
            self._add(segment)

    def _add(self, text):
        if not re.search(r"[A-Za-z]{2}", text):
            return
        if not PLACEHOLDER.search(text):
            if key(text):
                self.whole.add(key(text))
            return
        pieces = [key(part) for part in PLACEHOLDER.split(text)]
        kept = [index for index, piece in enumerate(pieces) if piece]
        self.pieces.update(pieces[index] for index in kept)
        # Every stretch of pieces between placeholders: the run may start and end wherever an
        # Arabic value cut it. A stretch shorter than the whole message must be long enough
        # not to match any run that merely holds a common word.
        for first in range(len(kept)):
            for last in range(first, len(kept)):
                stretch = [pieces[index] for index in kept[first : last + 1]]
                whole_message = first == 0 and last == len(kept) - 1
                words = " ".join(stretch)
                if re.search("[a-z]{3}", words) and (whole_message or substantial(words)):
                    open_start, open_end = kept[first] > 0, kept[last] < len(pieces) - 1
                    self.patterns.append((stretch[0], _pattern(stretch, open_start, open_end)))

    def update(self, texts):
        for text in texts:
            self.add(text)
        return self

    @cached_property
    def recognisable(self):
        return [text for text in self.whole | self.pieces if substantial(text)]

    def has(self, run):
        """Return whether the run is these words: whole, filled in, or a part of one."""
        run = key(run)
        if run in self.whole or run in self.pieces:
            return True
        if any(first in run and pattern.fullmatch(run) for first, pattern in self.patterns):
            return True
        padded = f" {run} "
        return any(f" {text} " in padded for text in self.recognisable)


def _python_strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.ClassDef):
            # Fields, form fields and blocks named only by their attribute: "poll_interval"
            # is labelled "Poll interval".
            for statement in node.body:
                targets = getattr(statement, "targets", None) or [getattr(statement, "target", 0)]
                yield from (target.id for target in targets if isinstance(target, ast.Name))


def _template_texts(path, marked):
    """Return a template's text outside tags: the marked text, or the rest."""
    source = TEMPLATE_COMMENT.sub(" ", path.read_text(encoding="utf-8"))
    if marked:
        yield from (match.group(2) for match in TEMPLATE_TRANSLATE.finditer(source))
        texts = [match.group() for match in TEMPLATE_MARKED.finditer(source)]
    else:
        texts = [TEMPLATE_MARKED.sub(" ", source)]
    for text in texts:
        for match in READ_ATTRIBUTE.finditer(text):
            yield from TEMPLATE_TAGS.split(match.group(2))
        yield from TEMPLATE_TAGS.split(text)


def _files(root, pattern, skipped=SKIPPED_DIRS):
    for path in root.rglob(pattern):
        if not skipped & set(path.relative_to(root).parts):
            yield path


def catalogue(path, translated_only=False):
    """Return a catalogue's message ids; with ``translated_only``, those given a translation
    (one that differs from the English: Wagtail's Arabic keeps "Bold" as "Bold")."""
    with path.open("rb") as handle:
        for message in read_po(handle):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not message.id:
                continue
            if translated_only and (not all(strings) or strings[0] == ids[0]):
                continue
            yield from ids


def _admin_models():
    """The project's models the admin shows: its pages, its snippets, its viewsets' models."""
    models = {*get_page_models(), *get_snippet_models()}
    models |= {getattr(viewset, "model", None) for viewset in viewsets.viewsets}
    return [m for m in models if isinstance(m, type) and m.__module__.startswith("nashra.")]


def _shown_fields(model):
    """The model's own fields a form, listing or inspect view may label (not Wagtail's)."""
    inherited = {
        inherited_field.name
        for base in model.__mro__[1:]
        if not base.__module__.startswith("nashra.") and hasattr(base, "_meta")
        for inherited_field in base._meta.local_fields
    }
    for model_field in model._meta.get_fields():
        if (
            getattr(model_field, "model", None) is model
            and model_field.name not in inherited
            and not model_field.auto_created
            and not model_field.name.startswith("_")
            and not isinstance(model_field, GenericRelation | ParentalKey)
        ):
            yield model_field


def _plain_model_labels():
    """The labels of the project's admin models that no translation can reach: written
    without ``_()`` (or named by the field), or translated once, in English, at import."""
    for model in _admin_models():
        labels = [model._meta.verbose_name, model._meta.verbose_name_plural]
        for model_field in _shown_fields(model):
            labels += [
                getattr(model_field, "verbose_name", None),
                getattr(model_field, "help_text", None),
            ]
            labels += [
                label
                for value, label in getattr(model_field, "flatchoices", None) or ()
                if str(label) != str(value)  # a time zone, say: a value, not a label
            ]
        yield from (label for label in labels if label and not isinstance(label, Promise))


@cache
def project_words():
    """Return (what the project certainly left in English, everything the project says)."""
    certain = Words()
    for path in _files(PROJECT, "*.html"):
        certain.update(_template_texts(path, marked=False))
    certain.update(_plain_model_labels())
    every = Words().update(catalogue(CATALOGUE))
    for path in _files(PROJECT, "*.py"):
        every.update(_python_strings(path))
    for path in _files(PROJECT, "*.html"):
        every.update(_template_texts(path, marked=False))
        every.update(_template_texts(path, marked=True))
    every.update(_plain_model_labels())
    return certain, every


@cache
def wagtail_words():
    """Return (Wagtail's messages and its templates' text, what its Arabic translates)."""
    every = Words()
    for path in WAGTAIL.rglob("locale/en/LC_MESSAGES/django.po"):
        every.update(catalogue(path))
    for path in _files(WAGTAIL, "*.html", skipped={"test", "tests", "project_template"}):
        every.update(_template_texts(path, marked=False))
    arabic = Words()
    for path in WAGTAIL.rglob("locale/ar/LC_MESSAGES/django.po"):
        arabic.update(catalogue(path, translated_only=True))
    return every, arabic


def origin(run):
    """Return "project", "wagtail" or None for a run of English left on an Arabic screen."""
    certain, project = project_words()
    if certain.has(run):
        return "project"
    if wagtail_words()[0].has(run):
        return "wagtail"
    if project.has(run):
        return "project"
    return None
