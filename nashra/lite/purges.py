"""What the lite edition means to the page cache: every purge of an article reaches its lite pages.

A lite page carries the cache tags a full page does: its path and edition (added to every
response) and the tag of each article it shows. Its addresses are also registered as pages
that list the article (``registry.article_listings``), so the purge of an article, whatever
caused it (a publish, an unpublish, a correction, a linked translation, a restriction),
names its lite page, the lite pages of its sections and home, and its topics' lite pages:
as tags, which also reach a listing the article is new to, and as URLs, for front proxies
that purge by URL only.
"""

from dataclasses import dataclass

from nashra.caching import registry
from nashra.live.purges import register_update_pages

from . import addresses


@dataclass(frozen=True)
class LitePage:
    """A lite address as a purge reads a page's: ``get_url_parts()``."""

    path: str

    def get_url_parts(self, request=None):
        return None, None, self.path


def lite_pages(article):
    """Return the lite pages that show ``article``: its own, its sections', home's, topics'."""
    edition = addresses.edition_of(article.locale_id)
    if edition is None or not article.path.startswith(edition.home.path):
        return []
    home = addresses.home_url(edition.language_code)
    # The pages above an article are the prefixes of its path: no query for them.
    paths, path = {home}, home
    for slug in addresses.path_below_home(article).strip("/").split("/"):
        path += f"{slug}/"
        paths.add(path)
    for topic in article.topics.all():
        paths.add(addresses.topic_url(topic, edition.language_code))
    return [LitePage(path) for path in sorted(paths)]


def lite_page(live_page):
    """Return the lite copy of a live page, which shows its updates too."""
    url = addresses.lite_url(live_page)
    return [LitePage(url)] if url else []


def connect():
    registry.register_article_listing(lite_pages)
    register_update_pages(lite_page)
