"""Keep left-to-right runs (Latin names, numbers, hashtags, URLs) whole inside Arabic text."""

import re

from bs4 import BeautifulSoup, NavigableString
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# A run starts with a Latin letter, a digit or a hashtag and ends on a letter, digit, % or ).
LTR_RUN = re.compile(r"[#@]?[A-Za-z0-9](?:[A-Za-z0-9 .,:;/%@#&'’_+\-()]*[A-Za-z0-9%)])?")
SKIP_PARENTS = {"bdi", "code", "pre", "script", "style"}


def isolate_ltr_runs(value):
    """Return value (text or safe HTML) with each left-to-right run wrapped in <bdi>."""
    html = str(conditional_escape(value))
    if not LTR_RUN.search(html):
        return mark_safe(html)  # noqa: S308 — escaped above or already safe
    soup = BeautifulSoup(html, "html.parser")
    for text in list(soup.find_all(string=True)):
        if text.parent.name in SKIP_PARENTS or not LTR_RUN.search(text):
            continue
        pieces, position = [], 0
        for match in LTR_RUN.finditer(text):
            if match.start() > position:
                pieces.append(NavigableString(text[position : match.start()]))
            bdi = soup.new_tag("bdi")
            bdi.string = match.group()
            pieces.append(bdi)
            position = match.end()
        if position < len(text):
            pieces.append(NavigableString(text[position:]))
        text.replace_with(*pieces)
    return mark_safe(str(soup))  # noqa: S308 — built from escaped or sanitized HTML
