"""Place names that search must never stem into common words (`data/places.tsv`).

Light stemming strips a final ة and the definite article, so the city الحديدة (Hodeidah) and the
word الحديد (iron) both became حديد, صعدة (Saada) became صعد (he rose), قطر (Qatar) met قطرة (a
drop). A place name written as one word is therefore indexed as a name token of its own, in
every form a sentence joins it to (والحديدة, بالحديدة, للحديدة, وبعدن), and never as a stem: a
search for the city finds the city, one for iron finds iron. Names of several words (البحر
الأحمر, Gulf of Aden) cannot collide with one word; `nashra.search.names` matches them as
phrases.

The list is read once per process. Changing it changes the terms of articles already indexed:
``manage.py migrate`` then indexes them again (`indexing.ensure_current`).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).parent / "data" / "places.tsv"
# Name tokens carry a prefix no stem can have (a reader's word never starts with letters and a
# digit like this; query.parse drops any that does).
NAME_PREFIX = "nm0"
# Letters written joined to a name: the conjunctions و ف, the prepositions ب ل, and their pairs.
# Not ك ("like"), rare before a place and a maker of words: ك + ريمة is كريمة, ك + مران كمران.
_JOINED = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_WITH_ARTICLE = ("ال", "وال", "فال", "بال", "وبال", "فبال", "لل", "ولل", "فلل")
# A name shorter than this takes no joined letter: ب + اب (إب, Ibb) is باب, a door.
_SHORTEST_JOINED = 3


@dataclass(frozen=True)
class Place:
    """One line of the list: its spellings in each script, what kind of place, where."""

    arabic: tuple
    english: tuple
    kind: str
    country: str

    @property
    def spellings(self):
        return self.arabic + self.english


def name_token(words):
    """Return the token standing for a name written as these normalized words."""
    return NAME_PREFIX + "0".join(words)


def joined_forms(word):
    """Return the forms of one normalized Arabic name word as sentences write it."""
    if word.startswith("ال") and len(word) - 2 >= 2:
        base = word[2:]
        return {article + base for article in _WITH_ARTICLE}
    if len(word) < _SHORTEST_JOINED:
        return {word}
    return {letters + word for letters in _JOINED}


def read_places(path=PLACES_FILE):
    """Return the places of a list file; a malformed line raises ValueError naming it."""
    places = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 4:
            raise ValueError(f"{path.name}, line {number}: 4 tab-separated columns expected")
        arabic, english, kind, country = (column.strip() for column in columns)
        places.append(
            Place(
                arabic=_spellings(arabic),
                english=_spellings(english),
                kind=kind,
                country=country,
            )
        )
    return places


def _spellings(column):
    return tuple(s.strip() for s in column.split("|") if s.strip() and s.strip() != "-")


@cache
def places():
    return tuple(read_places())
