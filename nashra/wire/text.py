"""How two deliveries are recognised as one story: normalised text, and keys for guids and links.

Two partners rarely agree on a guid or a link for the same agency story, but they carry the
same words. The content hash reads the headline and the story's text with case, spacing,
punctuation (Latin and Arabic: ، ؛ ؟ « » …), harakat and tatweel set aside.
"""

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

SPACES = re.compile(r"\s+")
TATWEEL = "\u0640"


def normalize_text(text):
    """Return text folded for comparison: NFKC, case-folded, no punctuation or marks, one space."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace(TATWEEL, "")
    # Punctuation goes (so "U.S." is "us"), and so do harakat (combining marks, Mn).
    kept = (char for char in text if unicodedata.category(char)[0] != "P")
    kept = (char for char in kept if unicodedata.category(char) != "Mn")
    return SPACES.sub(" ", "".join(kept)).strip()


def digest(value):
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def content_hash(title, text, guid=""):
    """Return the hash by which the same story from two feeds is one item.

    A story with no text beyond its headline is only itself (its guid joins the hash):
    two one-line items titled "Live updates" are not one story.
    """
    body = normalize_text(text)
    key = normalize_text(title) + "\n" + (body or "\0" + guid)
    return digest(key)


def guid_key(guid):
    return digest(guid.strip())


def link_key(link):
    """Return the key of a story's address, the same whatever its scheme, fragment, host case."""
    if not link:
        return ""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return ""
    if not parts.netloc:
        return ""
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return digest(f"{parts.netloc.lower()}{path}{query}")
