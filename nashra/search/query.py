"""A reader's query as groups of terms, with topic aliases expanded.

A query matches an article that has every group; a group matches when any one of its
alternatives does, and an alternative is a run of terms that must all be there. Without
aliases each group is a single one-term alternative. The query "Hudaydah port", with a topic
whose other spellings are Hodeidah and الحديدة, becomes
((hudaydah) OR (hodeidah) OR (حديد)) AND (port).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from nashra.topics.models import Topic

from .text import terms

ALIASES_CACHE_KEY = "nashra:search:aliases"
FILTER_TOKEN = re.compile(r"^zz[ltp]")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
RTL_SCRIPTS = {"ar", "fa", "ur"}  # editions written in Arabic script


@dataclass(frozen=True)
class Query:
    groups: tuple  # of tuples of alternatives; an alternative is a tuple of terms

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Every term the query can match, for highlighting."""
        return {term for group in self.groups for alternative in group for term in alternative}

    def as_fts5(self):
        return " AND ".join(self._group(group, " AND ", " OR ", '"{}"') for group in self.groups)

    def as_tsquery(self):
        return " & ".join(self._group(group, " & ", " | ", "{}") for group in self.groups)

    @staticmethod
    def _group(group, conjunction, disjunction, quote):
        # Terms are letters and digits only (see text._WORD), so quoting cannot be escaped.
        alternatives = [
            "(" + conjunction.join(quote.format(term) for term in alternative) + ")"
            for alternative in group
        ]
        return "(" + disjunction.join(alternatives) + ")"


def alias_groups():
    """Return {first term: [(alternative, group)]} for every topic known by several names.

    A topic's names are its own name and other spellings together with those of its
    translations in the other editions, so #Iraq and #العراق are one topic to search.
    """
    groups = cache.get(ALIASES_CACHE_KEY)
    if groups is None:
        groups = _build_alias_groups()
        cache.set(ALIASES_CACHE_KEY, groups, settings.NASHRA_CACHE_STALENESS)
    return groups


def _build_alias_groups():
    names_by_key = {}
    for key, name, aliases in Topic.objects.values_list("translation_key", "name", "aliases"):
        names = names_by_key.setdefault(key, set())
        for spelling in [name, *aliases.splitlines()]:
            spelling_terms = tuple(terms(spelling))
            if spelling_terms:
                names.add(spelling_terms)
    index = {}
    for names in names_by_key.values():
        if len(names) < 2:
            continue
        group = tuple(sorted(names))
        for alternative in group:
            index.setdefault(alternative[0], []).append((alternative, group))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))  # longest spelling first
    return index


def forget_aliases(**kwargs):
    """A topic's names changed (connected by sender in nashra.search's ready())."""
    cache.delete(ALIASES_CACHE_KEY)


def _script(term):
    return "arabic" if ARABIC_LETTER.search(term) else "latin"


def parse(text, language=None):
    """Return the Query for what a reader typed (an empty Query if nothing is searchable).

    With the edition's language, a topic's other names are kept only in that edition's
    script: #العراق typed in the English edition finds Iraq, but searching the English edition
    for Arabic spellings its articles never contain would only slow every query down.
    """
    script = None if language is None else ("arabic" if language in RTL_SCRIPTS else "latin")
    # A term shaped like an index filter token (see backends.FILTER_PREFIX) would match them.
    query_terms = [term for term in terms(text) if not FILTER_TOKEN.match(term)]
    index = alias_groups() if query_terms else {}
    groups, position = [], 0
    while position < len(query_terms):
        for alternative, group in index.get(query_terms[position], ()):
            end = position + len(alternative)
            if tuple(query_terms[position:end]) == alternative:
                if script is not None:
                    group = tuple(
                        other
                        for other in group
                        if other == alternative or all(_script(t) == script for t in other)
                    )
                groups.append(group)
                position = end
                break
        else:
            groups.append(((query_terms[position],),))
            position += 1
    return Query(tuple(dict.fromkeys(groups)))
