"""What a person reads on an admin screen, and the runs of Latin script in it.

``screen_texts`` returns the text nodes of a page (not those of <script> and <style>), the
three attributes a person reads (placeholder, title, aria-label), and the labels of the
sidebar menu, which Wagtail sends as JSON for its script to draw. ``latin_runs`` returns
the stretches of Latin script in one of them: "Add breaking news" in an Arabic screen is
one run, "إضافة breaking news" too ("breaking news").
"""

import json
import re

import lxml.html

READ_ATTRIBUTES = ("placeholder", "title", "aria-label")
HIDDEN = {"script", "style"}
# The sidebar's props, as Wagtail's json_script writes them: menu items carry a "label".
JSON_LABELS = {"label"}
SIDEBAR_PROPS = "wagtail-sidebar-props"

SPACE = re.compile(r"\s+")
# A stretch of Latin words, with the spaces and punctuation between them.
LATIN_RUN = re.compile(r"[A-Za-z](?:[A-Za-z0-9'’\-.,:;!?&/()%+ ]*[A-Za-z0-9)])?")
WORD = re.compile(r"[A-Za-z]{2,}")


def normal(text):
    return SPACE.sub(" ", text).strip()


def _json_labels(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in JSON_LABELS and isinstance(inner, str):
                yield inner
            else:
                yield from _json_labels(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_labels(inner)


def screen_texts(html):
    """Return the (where, text) pairs a person reads on the page, whitespace collapsed."""
    document = lxml.html.document_fromstring(html) if html.strip() else None
    if document is None:
        return []
    texts = []
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else None  # comments have no tag
        if tag is not None and tag not in HIDDEN and element.text:
            texts.append(("text", element.text))
        if element.tail and element.getparent() is not None:
            parent = element.getparent().tag
            if not isinstance(parent, str) or parent not in HIDDEN:
                texts.append(("text", element.tail))
        if tag is None:
            continue
        for attribute in READ_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                texts.append((attribute, value))
        if tag == "script" and element.get("id") == SIDEBAR_PROPS:
            texts.extend(("menu", label) for label in _json_labels(json.loads(element.text)))
    return [(where, normal(text)) for where, text in texts if normal(text)]


def latin_runs(text):
    """Return the runs of Latin script in a text that have a word in them."""
    runs = (normal(match.group()).strip(" .,:;!?-") for match in LATIN_RUN.finditer(text))
    return [run for run in runs if WORD.search(run)]


def page_html(response, modal=False):
    """Return the page a response shows: a modal's HTML is inside its JSON."""
    if modal:
        return response.json().get("html", "")
    return response.content.decode()
