"""What the API means to the page cache: every purge of an article reaches its ninjs answers.

An answer carries the cache tags a page does: its path and edition (added to every response)
and the tag of each article it shows. The API's addresses that list an article are also
registered as pages listing it (``registry.article_listings``), so the purge of an article,
whatever caused it (a publish, an unpublish, an edit, a correction, a linked translation, a
restriction), names its item, the edition's list, its sections', topics' and authors' lists:
as tags, which also reach a list the article is new to, and as URLs, for front proxies that
purge by URL only. Each translation's purge names them too (its item shows the other's
headline and address).
"""

from dataclasses import dataclass

from nashra.caching import registry

from . import addresses


@dataclass(frozen=True)
class NinjsPage:
    """An API address as a purge reads a page's: ``get_url_parts()``."""

    path: str

    def get_url_parts(self, request=None):
        return None, None, self.path


def ninjs_pages(article):
    """Return the API's answers that show ``article``: its item and the lists it is on."""
    edition = addresses.edition_of(article.locale_id)
    if edition is None or not article.path.startswith(edition.home.path):
        return []
    language = edition.language_code
    paths = {addresses.edition_path(language), addresses.item_path(language, article.pk)}
    # The sections above an article are the prefixes of its path: no query for them.
    slugs = addresses.path_below_home(article).strip("/").split("/")[:-1]
    for depth in range(1, len(slugs) + 1):
        paths.add(addresses.section_path(language, "/".join(slugs[:depth])))
    for topic in article.topics.all():
        paths.add(addresses.topic_path(language, topic.slug))
    for author in article.authors.all():
        paths.add(addresses.author_path(language, author.slug))
    return [NinjsPage(path) for path in sorted(paths)]


def connect():
    registry.register_article_listing(ninjs_pages)
