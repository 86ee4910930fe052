"""Turn text into search terms, the same way for the index and for the reader's query.

Arabic is written many ways: أحمد/احمد, مستشفى/مستشفي, مدرسة/مدرسه, مسؤول/مسئول, with or without
tashkeel and tatweel, with Arabic-Indic or Western digits. Every variant is folded to one spelling
first; a place name written as one word becomes a name token (`nashra.search.places`: the
city الحديدة is not the word الحديد); other Arabic words are then light-stemmed (the "light10"
affix rules of Larkey, Ballesteros and Connell: conjunction, definite article and common
suffixes), English words are stemmed with Snowball's English stemmer (PostgreSQL's `english`
configuration uses the same algorithm).

PostgreSQL's `arabic` configuration is the Snowball Arabic stemmer; it is not used because it
reads a final ه as a pronoun, so after the required ة → ه folding مدرسه and المدرسه get different
stems and a reader's query misses articles. Doing all of this here, before either database sees
the text, means SQLite and PostgreSQL index identical terms and return the same articles.
"""

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

import Stemmer

from .places import PLACES_FILE, joined_forms, name_token, places

# Raise when a change here makes different terms of the same text: the index is rebuilt.
RULES = 4

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ة": "ه",
        # Hamza on a waw or a yeh seat, or on the line: the seat is where spellings differ
        # (مسؤول/مسئول, شؤون/شئون, تساؤل/تسائل), so all three are one hamza.
        "ؤ": "ء",
        "ئ": "ء",
        "ک": "ك",  # Persian kaf
        "ـ": None,  # tatweel
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Persian digits
    }
)
# A hamza written as a mark over a seat that NFKC does not join to it (ىٔ): one hamza too.
_LOOSE_HAMZA = re.compile("[\u0649\u064a\u0648]?\u0654")
_WORD = re.compile(r"[^\W_]+")
# A word as written: letters and digits with any marks (tashkeel, accents) between them.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WRITTEN_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
# Combining marks of the scripts the editions use (Latin accents, Arabic tashkeel and
# Quranic marks) and the generic combining blocks; a regex is many times faster than
# testing unicodedata.combining() character by character over a whole archive.
_COMBINING = re.compile(rf"[{_MARKS}\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # ية and ة are folded to يه and ه

# Words too common to search for: matching them would rank nothing.
STOP_WORDS = frozenset(
    """
    a about after all also an and any are as at be been before but by can could did do does
    for from had has have he her his how i if in into is it its more most no not of on one or
    other our out over s she so some such than that the their them then there these they this
    those to up was we were what when where which while who will with would you
    في من على الى عن ان او ما لا لم لن هذا هذه ذلك تلك التي الذي الذين و ف ب ل ك مع كان كانت
    قد ثم بين بعد قبل عند حتى كل اي هو هي هم انه انها لكن او اذا
    """.split()  # noqa: SIM905 — easier to read and extend as prose
)

_english = Stemmer.Stemmer("english")


@cache
def rules_version():
    """Return a stamp of the rules that make terms: this module's and the place list."""
    return f"{RULES}-{hashlib.sha256(PLACES_FILE.read_bytes()).hexdigest()[:16]}"


def normalize(text):
    """Return text folded for matching: one spelling per Arabic letter, no marks, lower case."""
    text = unicodedata.normalize("NFKC", text)
    if "\u0654" in text:
        text = _LOOSE_HAMZA.sub("\u0621", text)
    text = text.translate(_FOLD).casefold()
    # Tashkeel, Quranic marks and Latin accents are all combining marks once decomposed.
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=200_000)
def term(word):
    """Return the search term of one normalized word: its place-name token, or its stem."""
    return _single_word_names().get(word) or stem(word)


@lru_cache(maxsize=1)
def _single_word_names():
    """Return {form: name token} for every place name written as one word, in every form.

    All the one-word spellings of a place in one script are one token (الحديدة and الحديده are
    nm0الحديده; Hodeidah, Hudaydah and Hodeida nm0hodeidah), so a query for the place asks the
    index for one term, not one per spelling. The scripts keep a token each: an edition's
    articles are in one, and a token the other edition shares would be read for both.
    """
    forms = {}
    for place in places():
        tokens = {}
        for spelling in place.spellings:
            spelled = _WORD.findall(normalize(spelling))
            if len(spelled) != 1:
                continue
            word = spelled[0]
            arabic = bool(_ARABIC_LETTER.search(word))
            token = tokens.setdefault(arabic, name_token(spelled))
            for form in joined_forms(word) if arabic else {word}:
                forms.setdefault(form, token)
    return forms


@lru_cache(maxsize=200_000)
def stem(word):
    """Return the stem of one normalized word, by its script."""
    if _ARABIC_LETTER.search(word):
        return _light_stem(word)
    if word.isdigit():
        return word
    return _english.stemWord(word)


def _light_stem(word):
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def words(text):
    """Return the normalized words of a text, in order, stop words included."""
    return _WORD.findall(normalize(text))


def terms(text):
    """Return the search terms of a text: normalized, stemmed or named, stop words left out."""
    return [term(word) for word in words(text) if word not in STOP_WORDS]


def term_string(text):
    return " ".join(terms(text))


def word_spans(text):
    """Yield (start, end, term) for each word of the original text, for highlighting.

    Offsets are into the text as written, so a match can be marked without changing
    the reader's spelling.
    """
    for match in _WRITTEN_WORD.finditer(text):
        for term in _written_terms(match.group()):
            yield match.start(), match.end(), term


@lru_cache(maxsize=100_000)
def _written_terms(written):
    """Return the terms of one word as written (a text repeats its words: fold each once)."""
    if written.isascii():  # most words of an English text: folding is lower-casing
        written = written.lower()
        return () if written in STOP_WORDS else (term(written),)
    return tuple(term(word) for word in _WORD.findall(normalize(written)) if word not in STOP_WORDS)
