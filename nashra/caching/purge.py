"""Purging every page a change shows on, from the page cache and from the front proxy.

A purge is a set of cache tags (see ``tags``) and, for proxies that only understand URLs
(Cloudflare, CloudFront), the same set as absolute URLs. It is sent once the change is
committed, so no reader can fetch the old version back into a cache in between.
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends

from . import registry, store, tags

logger = logging.getLogger(__name__)

FEED_SUFFIXES = ("", "feed/", "feed/atom/", "feed/json/")
SITEMAPS_TAG = "sitemaps"
HOME_DEPTH = 2  # an edition's home, right below the tree's root; sections below it


class Purge:
    def __init__(self):
        self.tags = set()
        self.urls = set()

    def add_listing(self, root_url, path):
        """A listing page and its feeds: every page of it, every query on it."""
        for suffix in FEED_SUFFIXES:
            self.add_path(root_url, path + suffix)

    def add_path(self, root_url, path):
        self.tags.add(tags.path_tag(path))
        if root_url:
            self.urls.add(root_url + path)

    def update(self, other):
        self.tags |= other.tags
        self.urls |= other.urls
        return self

    def __bool__(self):
        return bool(self.tags)


def _url_parts(page):
    parts = page.get_url_parts()
    if parts is None:
        return None, None
    _site_id, root_url, path = parts
    return root_url, path


def for_article(article):
    """Everything an article shows on, in its edition and in every translation of it.

    Its own page; the pages of its sections up to the edition's home; its topics' and
    authors' pages; the edition's search, topic and author indexes; the pages registered as
    listing it (``registry.article_listings``: the corrections page);
    the feeds of all these; the sitemaps; and any other page that shows a link to it
    (a teaser, a related or most-read link), which carries its article tag. Its edition's
    home, its sections, topics and authors are named as listings too, in every view of them,
    with their totals and their pages' ids (``listings``).
    """
    purge = Purge()
    purge.tags.add(SITEMAPS_TAG)
    versions = [article, *article.get_translations().specific()]
    for version in versions:
        purge.tags.add(tags.article_tag(version.pk))
        root_url, path = _url_parts(version)
        if path is None:
            continue
        purge.add_path(root_url, path)
        for ancestor in version.get_ancestors().filter(depth__gt=1):
            if ancestor.depth > HOME_DEPTH:
                purge.tags.add(tags.listing_tag("section", ancestor.pk))
            elif ancestor.depth == HOME_DEPTH:
                purge.tags.add(tags.listing_tag("home", ancestor.pk))
            _root, ancestor_path = _url_parts(ancestor)
            if ancestor_path is not None:
                purge.add_listing(root_url, ancestor_path)
        home_path = _home_path(version)
        if home_path is None:
            continue
        for index in ("search/", "topics/", "authors/"):
            purge.add_path(root_url, home_path + index)
        for topic in version.topics.all():
            purge.tags.add(tags.listing_tag("topic", topic.pk))
            purge.add_listing(root_url, f"{home_path}topics/{topic.slug}/")
        for author in version.authors.all():
            purge.tags.add(tags.listing_tag("author", author.pk))
            purge.add_listing(root_url, f"{home_path}authors/{author.slug}/")
        for pages_listing in registry.article_listings:
            for page in pages_listing(version):
                _root, listing_path = _url_parts(page)
                if listing_path is not None:
                    purge.add_listing(root_url, listing_path)
    return purge


def for_listings(kind, ids):
    """Every page of these listings, in every view of them, and their totals.

    For the listings an article has just left (a topic or an author taken off it), which
    ``for_article``, naming those it is on, cannot know: ``for_listings("topic", [3])``.
    """
    purge = Purge()
    purge.tags.update(tags.listing_tag(kind, listing_id) for listing_id in ids)
    return purge


def _home_path(page):
    home = page.get_ancestors().filter(depth=HOME_DEPTH).first()
    if home is None:
        return None
    return _url_parts(home)[1]


def for_edition(language_code):
    """Every page of an edition: for what shows on all of them (menu, settings, breaking)."""
    purge = Purge()
    purge.tags.update({tags.edition_tag(language_code), SITEMAPS_TAG})
    return purge


def for_every_edition():
    """Every page of every edition: for a change whose links cross editions."""
    purge = Purge()
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        purge.update(for_edition(language_code))
    return purge


def for_path(root_url, path):
    purge = Purge()
    purge.add_path(root_url, path)
    return purge


def send(purge):
    """Purge now: the page cache, then every configured front proxy."""
    if not purge:
        return
    store.invalidate(purge.tags)
    for name, backend in get_backends().items():
        try:
            if hasattr(backend, "purge_tags"):
                backend.purge_tags(sorted(purge.tags))
            elif purge.urls:
                backend.purge_batch(sorted(purge.urls))
        except Exception:  # a proxy that is down must not fail an editor's publish
            logger.exception("Purging the front cache %r failed", name)


def on_commit(purge):
    """Purge the page cache now and again once the transaction commits; proxies then.

    Now, so that this transaction's own later reads (a preview, the next step of an
    import) see no fragment of the old version; again on commit, since other requests
    may have cached the old version meanwhile. Outside a transaction, once, at once.
    """
    if not purge:
        return
    if not transaction.get_autocommit():
        store.invalidate(purge.tags)
    transaction.on_commit(lambda: send(purge))
