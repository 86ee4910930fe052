"""Highlighted extracts of a result: the reader's words marked in the text as written."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import word_spans

SNIPPET_WORDS = 32
# Where an extract is looked for: the lead and the opening paragraphs, where a story says
# what it is about. Reading every word of twenty long stories would double the page's time.
SNIPPET_SOURCE_CHARS = 4000


def highlight(text, query_terms):
    """Return text, escaped, with every word matching a query term in <mark>."""
    spans = [(start, end) for start, end, term in word_spans(text) if term in query_terms]
    return _mark(text, spans, 0, len(text))


def snippet(text, query_terms, size=SNIPPET_WORDS):
    """Return the extract of `size` words holding the most matches, escaped and marked.

    Without a match it is the opening of the text, so a result found by its topic or source
    still shows what it is about.
    """
    text = text[:SNIPPET_SOURCE_CHARS]
    spans = list(word_spans(text))
    if not spans:
        return ""
    hits = [index for index, (_, _, term) in enumerate(spans) if term in query_terms]
    best_start, best_count = 0, 0
    for first in hits:
        # Start a few words before the first match so it is read in context.
        start = max(0, first - 4)
        count = sum(1 for hit in hits if start <= hit < start + size)
        if count > best_count:
            best_start, best_count = start, count
    window = spans[best_start : best_start + size]
    begin = 0 if best_start == 0 else window[0][0]
    end = len(text) if best_start + size >= len(spans) else window[-1][1]
    marked = [(start, stop) for start, stop, term in window if term in query_terms]
    body = _mark(text, marked, begin, end)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 — every piece was escaped in _mark


def _mark(text, spans, begin, end):
    pieces, cursor = [], begin
    for start, stop in spans:
        pieces.append(escape(text[cursor:start]))
        pieces.append("<mark>" + escape(text[start:stop]) + "</mark>")
        cursor = stop
    pieces.append(escape(text[cursor:end]))
    return mark_safe("".join(pieces))  # noqa: S308 — built only from escaped text and <mark>
