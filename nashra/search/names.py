"""The names a reader may type, matched whole and in any of their spellings.

A name is a place of the list (`places`), a topic (its name, its other spellings, and those of
its translations in the other edition) or an author. Typed in a query, a name is looked for as
itself in any of its spellings: a place written as one word by its name token (the index holds
one for every place, not the stem), a name of several words as a phrase, in the text or among
the article's topics and authors. So الحديدة does not find الحديد (iron), "Gulf of Aden" does not
find every gulf, and "Tariq Mansour" finds his name, not every Tariq.

The topics and authors are read once and kept in the shared cache until one of them changes.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

from .places import joined_forms, places
from .text import STOP_WORDS, terms, words

NAMES_CACHE_KEY = "nashra:search:names"


class Phrase(tuple):
    """Terms that must be found in this order, next to each other."""


@dataclass(frozen=True)
class Spelling:
    """One way of writing a name, as the index holds it."""

    alternative: tuple  # what finds it in the index: its one term, or its terms as a Phrase
    script: str  # "arabic" or "latin"


@dataclass(frozen=True)
class Names:
    starts: dict  # {first word as written in a sentence: [(words, group index)], longest first}
    groups: tuple  # of tuples of Spelling: the spellings of one name

    def match(self, query_words, position):
        """Return (number of words, group) of the longest name at a position, or None."""
        for form, group in self.starts.get(query_words[position], ()):
            end = position + len(form)
            if tuple(query_words[position:end]) == form:
                return len(form), self.groups[group]
        return None


def script_of(text):
    return "arabic" if any("\u0600" <= char <= "\u06ff" for char in text) else "latin"


def known_names():
    """Return the Names of the places, topics and authors, as they are now."""
    rows = cache.get(NAMES_CACHE_KEY)
    if rows is None:
        rows = _topic_and_author_spellings()
        cache.set(NAMES_CACHE_KEY, rows, settings.NASHRA_CACHE_STALENESS)
    return _build(rows)


def forget_names(**kwargs):
    """A topic's or an author's names changed (connected in nashra.search's ready())."""
    cache.delete(NAMES_CACHE_KEY)


def _topic_and_author_spellings():
    from nashra.people.models import Author
    from nashra.topics.models import Topic

    rows = []
    for key, name, aliases in Topic.objects.values_list("translation_key", "name", "aliases"):
        rows += [(f"topic:{key}", spelling) for spelling in [name, *aliases.splitlines()]]
    for key, name in Author.objects.values_list("translation_key", "name"):
        rows.append((f"author:{key}", name))
    return tuple((key, spelling.strip()) for key, spelling in rows if spelling.strip())


@lru_cache(maxsize=4)
def _build(rows):
    """Group every spelling with the others of its name; a spelling two names share joins them."""
    spellings_of = {}  # group key -> spellings
    for number, place in enumerate(places()):
        spellings_of[f"place:{number}"] = list(place.spellings)
    for key, spelling in rows:
        spellings_of.setdefault(key, []).append(spelling)

    parent = {}

    def root(key):
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    owner = {}  # normalized words -> the first group key that spells them
    for key, spellings in spellings_of.items():
        for spelling in spellings:
            spelled = tuple(words(spelling))
            if not spelled or all(word in STOP_WORDS for word in spelled):
                continue
            if spelled in owner:
                parent[root(key)] = root(owner[spelled])
            else:
                owner[spelled] = key

    members = {}
    for spelled, key in owner.items():
        members.setdefault(root(key), []).append(spelled)
    groups, starts = [], {}
    for spelled_names in members.values():
        group = tuple(_spelling(spelled) for spelled in sorted(spelled_names))
        for spelled in spelled_names:
            first = spelled[0]
            forms = _typed_forms(first) if script_of(first) == "arabic" else {first}
            for form in forms:
                starts.setdefault(form, []).append(((form, *spelled[1:]), len(groups)))
        groups.append(group)
    for candidates in starts.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return Names(starts=starts, groups=tuple(groups))


def _typed_forms(word):
    """Return the forms a reader may type a name's first word in: as sentences join it, or bare.

    A search box is where the article is left off (يمن, حديدة): a reader typing the bare word of
    a name means the name. Only queries read it so; in an article حديدة stays a piece of iron.
    """
    forms = joined_forms(word)
    if word.startswith("ال") and len(word) - 2 >= 3:
        forms.add(word[2:])
    return forms


def _spelling(spelled):
    text = " ".join(spelled)
    found = tuple(terms(text))
    # One word: its term (the place's name token, or the word's stem); several: a phrase.
    return Spelling(alternative=Phrase(found) if len(found) > 1 else found, script=script_of(text))
