"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for every edition, section, topic and author.

Each of those pages answers at ``feed/`` (RSS 2.0), ``feed/atom/`` (Atom) and ``feed/json/``
(JSON Feed): ``/en/feed/``, ``/en/news/middle-east/feed/atom/``, ``/en/topics/iraq/feed/json/``,
``/en/authors/huda-mansour/feed/``; an edition's corrections page has the same three. A feed
carries the latest ``FEED_ITEMS`` live articles, newest first, every URL absolute.

Content: by default each item carries the full article (its lead, hero image and body rendered with
the page's own block templates, links and images made absolute) besides the lead as summary.
``?content=summary`` gives the lead only, for readers or aggregators that want teasers; any
other value is the full feed. The rendered HTML of an article is cached per published revision,
so a feed's SQL queries do not grow with its items.

Modules: ``model`` (what a feed holds), ``writers`` (one writer per format), ``content``
(article HTML and hero enclosure), ``builders`` (pages to feeds), ``views`` (responses) and
``routes`` (the routable-page mixins).
"""
