"""The Arabic catalogue is complete: every message translated, none fuzzy, placeholders kept."""

import re

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

PO_PATH = settings.BASE_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%[sd]")


def load_catalog():
    with PO_PATH.open("rb") as handle:
        return read_po(handle, locale="ar")


def test_every_message_is_translated_and_none_is_fuzzy():
    catalog = load_catalog()
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)
    assert len(catalog) > 50


def test_placeholders_survive_translation():
    for message in load_catalog():
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected | set(
                PLACEHOLDER.findall(ids[-1])
            ), message.id


def test_arabic_is_served_from_the_compiled_catalogue():
    with translation.override("ar"):
        assert translation.gettext("Who we are") != "Who we are"
        assert translation.gettext("Close gallery") != "Close gallery"
