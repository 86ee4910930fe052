"""What a listing holds, kept until a change to it: its total ("Page 2 of 3") and which
articles each of its pages shows.

Counting a section's tens of thousands of articles costs more than fetching a page of them,
and finding a page's articles (the live, public ones below a section or on a topic, newest
first, none repeated on the front page) costs more than reading them by their ids. So both
are kept, and both must be exact right after a change: a total one short pushes the oldest
article onto a page no link reaches; a page of ids one publish old hides the new story.

So what a listing holds is kept under the version (``store.version_of``) of its listing tags
and its edition's, and every change that moves what a listing holds purges one of them:
``purge.for_article`` names the listings an article is on (its edition's home, its sections
and those above them, its topics and authors, in every translation), the article's app names
those it has just left (a topic or an author taken off), and a move, a deletion, a view
restriction on a section, the home's curation or the menu purges the edition. A purge is
stamped at once and again at the commit, in every process (Redis and each process's near
memory alike); a value computed before it is stored under the old version, which no reader
asks for again. ``SECONDS`` only bounds a change that no purge announced.
"""

from django.core.cache import cache

from . import store, tags

SECONDS = 60


def kept(listing_tags, language_code, name, compute, seconds=SECONDS):
    """Return ``compute()``, kept until one of ``listing_tags`` or the edition is purged: for
    what a listing-like page finds (a search's counts and pages of ids)."""
    version = store.version_of([*listing_tags, tags.edition_tag(language_code)])
    key = f"nashra:listing:{name}:{version}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def total(listing_tag, language_code, count):
    """Return the total of the listing tagged ``listing_tag``, calling ``count()`` if not kept."""
    return kept([listing_tag], language_code, f"count:{listing_tag}", count)


def ids(listing_tags, language_code, name, find, seconds=SECONDS):
    """Return the article ids ``find()`` returns for the part of a listing called ``name``.

    ``ids(["l:section:12"], "en", "l:section:12:0:20", lambda: [...])``: kept until one of
    ``listing_tags`` or the edition is purged. ``find`` returns a list (or a structure of
    lists and tuples) of ids, never the articles themselves: those are read by id, and each
    teaser is kept per version of its article. ``seconds`` bounds a change no purge announced,
    for a use that can show one late (related articles).
    """
    return kept(listing_tags, language_code, f"ids:{name}", find, seconds)


class Refs:
    """The articles of a listing's page, known by their ids and dates until one is needed.

    A teaser kept in the fragment cache needs only its article's id and date (its key, its
    cache tag, its "… ago"): a page whose teasers are all kept reads no article. The first
    teaser rendered afresh reads every article of the page in one query (``load_many``: ids
    to a ``{pk: article}`` mapping).
    """

    def __init__(self, pairs, load_many):
        self._load_many = load_many
        self._found = None
        self.items = [Ref(pk, published_at, self) for pk, published_at in pairs]

    def load(self, pk):
        if self._found is None:
            self._found = self._load_many([ref.pk for ref in self.items])
        return self._found.get(pk)


class Ref:
    """One article of ``Refs``: ``pk`` and ``published_at`` at hand, the rest read on demand
    (``resolve()``, or any other attribute, which reads the whole page's articles)."""

    __slots__ = ("_refs", "pk", "published_at")

    def __init__(self, pk, published_at, refs):
        self.pk = pk
        self.published_at = published_at
        self._refs = refs

    def resolve(self):
        """Return the article itself, or None if it is no longer in the listing."""
        return self._refs.load(self.pk)

    def __getattr__(self, name):
        if name.startswith("_"):
            # Python's own lookups (copy, pickle) and a slot not yet set: never the article's,
            # and asking the article would look up ``_refs`` again, for ever.
            raise AttributeError(name)
        return getattr(self.resolve(), name)

    def __repr__(self):
        return f"<Ref {self.pk}>"
