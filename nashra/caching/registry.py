"""What the apps above tell the cache about their own models.

The cache is the ground floor: it knows pages, tags and purges, and no model of the
newsroom. Each app registers, in its ``ready()``, what its models mean to the cache:

- ``article_models``: page types that show on listings (an article's purge reaches its
  sections, topics, authors, feeds and every page that links to it);
- ``article_listings``: for an article, the other pages that list it (an edition's
  corrections page), as ``fn(article) -> pages``;
- ``edition_wide``: models every page of their edition shows (settings, a breaking line,
  a topic's name), whose change purges the edition (``signals.purge_edition_on_change``);
- ``lifetime_limits``: ``fn(language_code) -> seconds or None``, for what changes by the
  clock with nothing to purge (a breaking line going off the air).
"""

article_models = set()
article_listings = []
lifetime_limits = []


def register_article_model(model):
    article_models.add(model)


def register_article_listing(pages_listing):
    article_listings.append(pages_listing)


def register_lifetime_limit(seconds_until_change):
    lifetime_limits.append(seconds_until_change)


def is_article(page):
    return isinstance(page, tuple(article_models))
