"""A reader's query as groups of terms: names whole, phrases in order, the rest stemmed.

A query matches an article that has every group; a group matches when any one of its
alternatives does. An alternative is a run of terms that must all be there, or a `Phrase`,
whose terms must be there in order. A word that is not part of a name is a group of one
alternative, its term. A name (`nashra.search.names`) is a group of the ways its spellings are
found: "Hudaydah port", with Hodeidah a place known as Hudaydah, Hodeida, Al Hudaydah and
الحديدة, becomes (nm0hodeidah) AND (port) in the English edition: the index holds one token for
the one-word spellings of a place in each script, and the phrase (al nm0hodeidah) asks nothing
more. Words in double quotes are a phrase.

When the names of a query find nothing, the query is asked again with their words stemmed
(`Query.fallback`): a reader typing الحديدة about iron rods still gets the iron.
"""

import re
from dataclasses import dataclass

from .names import Phrase, known_names
from .places import NAME_PREFIX
from .text import STOP_WORDS, stem, term, words

# Terms shaped like the index's own tokens (filters, see backends.FILTER_PREFIX; names) would
# match them: a reader's query never holds one.
FILTER_TOKEN = re.compile(rf"^(zz[ltp]|{NAME_PREFIX})")
RTL_SCRIPTS = {"ar", "fa", "ur"}  # editions written in Arabic script
# A phrase runs from a double quote to the next, or to the end of the query.
_QUOTED = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]([^"\u201c\u201d\u201e\u00ab\u00bb]*)')


@dataclass(frozen=True)
class Query:
    groups: tuple  # of tuples of alternatives; an alternative is a tuple of terms or a Phrase
    fallback: "Query | None" = None  # the same words stemmed, when a name is among them

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Every term the query can match, for highlighting."""
        return {term for group in self.groups for alternative in group for term in alternative}

    def as_fts5(self):
        return " AND ".join(
            self._group(group, " AND ", " OR ", _fts5_phrase) for group in self.groups
        )

    def as_tsquery(self):
        return " & ".join(self._group(group, " & ", " | ", " <-> ".join) for group in self.groups)

    @staticmethod
    def _group(group, conjunction, disjunction, phrase):
        # Terms are letters and digits only (see text._WORD), so quoting cannot be escaped.
        alternatives = [
            "(" + phrase(alternative) + ")"
            if isinstance(alternative, Phrase)
            else "(" + conjunction.join(_quoted(term, phrase) for term in alternative) + ")"
            for alternative in group
        ]
        return "(" + disjunction.join(alternatives) + ")"


def _fts5_phrase(found):
    return '"' + " ".join(found) + '"'


def _quoted(found_term, phrase):
    return f'"{found_term}"' if phrase is _fts5_phrase else found_term


def parse(text, language=None):
    """Return the Query for what a reader typed (an empty Query if nothing is searchable).

    With the edition's language, a name's spellings are kept only in that edition's script:
    #العراق typed in the English edition finds Iraq, but searching the English edition for
    Arabic spellings its articles never contain would only slow every query down.
    """
    script = None if language is None else ("arabic" if language in RTL_SCRIPTS else "latin")
    names = known_names()
    groups, plain = [], []
    cursor = 0
    for quoted in _QUOTED.finditer(text):
        _unquoted(text[cursor : quoted.start()], names, script, groups, plain)
        found = _terms(words(quoted.group(1)))
        if len(found) > 1:
            groups.append((Phrase(found),))
            plain.append((Phrase(found),))
        elif found:
            groups.append((found,))
            plain.append((found,))
        cursor = quoted.end()
    _unquoted(text[cursor:], names, script, groups, plain)
    groups, plain = tuple(dict.fromkeys(groups)), tuple(dict.fromkeys(plain))
    fallback = Query(plain) if groups != plain else None
    return Query(groups, fallback)


def _unquoted(text, names, script, groups, plain):
    """Add the groups of unquoted words: each name whole, each other word by its term."""
    query_words = words(text)
    position = 0
    while position < len(query_words):
        found = names.match(query_words, position)
        if found is None:
            for word_term in _terms(query_words[position : position + 1]):
                groups.append(((word_term,),))
                plain.append(((word_term,),))
            position += 1
            continue
        length, spellings = found
        written = query_words[position : position + length]
        typed = _terms(written)
        alternatives = list(
            dict.fromkeys(
                spelling.alternative
                for spelling in spellings
                if script is None or spelling.script == script or spelling.alternative == typed
            )
        )
        # A phrase holding a term the group asks for alone adds nothing (Al Hudaydah, Hudaydah).
        alone = {alternative[0] for alternative in alternatives if len(alternative) == 1}
        alternatives = [
            alternative
            for alternative in alternatives
            if len(alternative) == 1 or not alone.intersection(alternative)
        ]
        groups.append(tuple(alternatives) or (typed,))
        plain.extend(((word_stem,),) for word_stem in _terms(written, stem))
        position += length


def _terms(query_words, make=term):
    return tuple(
        make(word)
        for word in query_words
        if word not in STOP_WORDS and not FILTER_TOKEN.match(word)
    )
