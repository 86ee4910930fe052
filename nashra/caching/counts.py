"""A listing's total ("Page 2 of 3"): counted once, kept until a change to the listing.

Counting a section's tens of thousands of articles costs more than fetching a page of them,
so the total is kept. It must be exact right after a change: one short, and the oldest
article is pushed onto a page no link reaches (or that is not found); one too many, and the
last link leads to an empty page.

So a total is kept under the version (``store.version_of``) of its listing's tag and its
edition's, and every change that moves what a listing holds purges one of them:
``purge.for_article`` names the listings an article is on (its sections and those above
them, its topics and authors, in every translation), the article's app names those it has
just left (a topic or an author taken off), and a move or a deletion purges the edition. A
purge is stamped at once and again at the commit, in every process (Redis and each process's
near memory alike); a count begun before it is stored under the old version, which no reader
asks for again. ``SECONDS`` only bounds a change that no purge announced.
"""

from django.core.cache import cache

from . import store, tags

SECONDS = 60


def total(listing_tag, language_code, count):
    """Return the total of the listing tagged ``listing_tag``, calling ``count()`` if not kept."""
    version = store.version_of([listing_tag, tags.edition_tag(language_code)])
    key = f"nashra:listing-count:{listing_tag}:{version}"
    found = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, SECONDS)
    return found
