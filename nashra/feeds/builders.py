"""Build Feed objects from an edition's pages: articles for home, sections, topics and authors."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from nashra.caching import listings, store, tags
from nashra.core.models import EditionSettings
from nashra.core.pagination import in_order

from .content import article_extras
from .model import FEED_ITEMS, FORMATS, Category, Feed, FeedItem, Person


class FeedContext:
    """What every feed of one page needs: its edition, its addresses, its request."""

    def __init__(self, request, page, route_prefix="", route_args=()):
        self.request = request
        self.page = page
        # The request's edition (nashra.home's middleware) when it is the page's: no query.
        edition = getattr(request, "edition", None)
        if edition and edition.home is not None and edition.locale.pk == page.locale_id:
            self.home, self.settings = edition.home, edition.settings
        else:
            self.home = page if page.depth == 2 else self._home_of(page)
            self.settings = EditionSettings.for_locale(page.locale)
        self.language = self.settings.locale.language_code
        _site_id, self.root_url, page_path = page.get_url_parts(request)
        self.base_url = self.root_url + "/"
        self.page_url = self.root_url + page_path
        self.home_url = self.root_url + self.home.get_url_parts(request)[2]
        self.full_content = request.GET.get("content") != "summary"
        suffix = "" if self.full_content else "?content=summary"
        self.self_urls = {
            feed_format.key: self.page_url
            + page.reverse_subpage(f"{route_prefix}feed{feed_format.route_suffix}", route_args)
            + suffix
            for feed_format in FORMATS
        }

    @staticmethod
    def _home_of(page):
        """The edition's home: the page's ancestor just below the tree's root."""
        return page.get_ancestors().filter(depth=2).specific().first()

    def route_url(self, name, *args):
        return self.home_url + self.home.reverse_subpage(name, args=args)

    def titled(self, name):
        return _("%(site_name)s – %(name)s") % {"site_name": self.settings.site_name, "name": name}

    def feed(self, title, link, description):
        return Feed(
            title=title,
            link=link,
            description=description or title,
            language=self.language,
            self_urls=self.self_urls,
            publisher=Person(self.settings.site_name, self.home_url),
            rights=self.settings.copyright_holder,
            fallback_updated=self.page.last_published_at or timezone.now(),
        )


def article_items(context, articles, listing_tag):
    """Return FeedItems for the newest articles of a queryset, in a fixed number of queries.

    Which articles are kept per version of the listing (``listings.ids``), and their items per
    version of those articles and the edition: a feed read again reads no article.
    """
    articles = articles.prefetch_related(None)
    ids = listings.ids(
        [listing_tag],
        context.language,
        f"feed:{listing_tag}",
        lambda: list(articles.values_list("pk", flat=True)[:FEED_ITEMS]),
    )
    version = store.version_of(
        [*(tags.article_tag(pk) for pk in ids), tags.edition_tag(context.language)]
    )
    shown = f"{listing_tag}|{ids}|{version}|{context.root_url}|{context.full_content}"
    key = "nashra-feeds:items:" + hashlib.sha256(shown.encode()).hexdigest()
    items = cache.get(key)
    if items is None:
        items = _items(context, in_order(articles.prefetch_related("authors", "topics"), ids))
        cache.set(key, items, settings.NASHRA_CACHE_STALENESS)
    return items


def _items(context, articles):
    extras = article_extras(articles, context.base_url, context.settings, full=context.full_content)
    # The topic pages' common prefix (HomePage's topics/<slug>/ route) names the taxonomy.
    topics_url = context.home_url + "topics/"
    items = []
    for article in articles:
        url = context.root_url + article.get_url_parts(context.request)[2]
        published = article.published_at or article.first_published_at or timezone.now()
        html, enclosure = extras[article.pk]
        items.append(
            FeedItem(
                id=url,
                url=url,
                title=article.title,
                summary=article.lead,
                published=published,
                updated=max(article.updated_at or published, published),
                content_html=html,
                authors=[
                    Person(author.name, context.route_url("author", author.slug))
                    for author in article.authors.all()
                ],
                categories=[Category(topic.name, topics_url) for topic in article.topics.all()],
                enclosure=enclosure,
            )
        )
    return items


def article_feed(context, articles, title, description, listing_tag):
    with override(context.language):
        feed = context.feed(title, context.page_url, description)
    feed.items = article_items(context, articles, listing_tag)
    return feed


def edition_feed(request, home):
    context = FeedContext(request, home)
    return article_feed(
        context,
        home.edition_articles(),
        context.settings.site_name,
        context.settings.about_blurb,
        tags.listing_tag("home", home.pk),
    )


def section_feed(request, section):
    context = FeedContext(request, section)
    with override(context.language):
        title = context.titled(section.title)
    return article_feed(
        context, section.articles(), title, section.intro, tags.listing_tag("section", section.pk)
    )


def topic_feed(request, home, topic):
    context = FeedContext(request, home, "topic_", (topic.slug,))
    with override(context.language):
        title = context.titled(topic.hashtag)
        description = _("The latest articles on %(topic)s") % {"topic": topic.hashtag}
    articles = home.edition_articles().filter(topics=topic)
    feed = article_feed(context, articles, title, description, tags.listing_tag("topic", topic.pk))
    feed.link = context.route_url("topic", topic.slug)
    return feed


def author_feed(request, home, author):
    context = FeedContext(request, home, "author_", (author.slug,))
    with override(context.language):
        title = context.titled(author.name)
        description = author.bio or _("The latest articles by %(author)s") % {"author": author.name}
    articles = home.edition_articles().filter(authors=author)
    listing_tag = tags.listing_tag("author", author.pk)
    feed = article_feed(context, articles, title, description, listing_tag)
    feed.link = context.route_url("author", author.slug)
    return feed


def corrections_feed(request, page):
    """Return the feed of an edition's newest corrections, each linking to its article."""
    context = FeedContext(request, page)
    with override(context.language):
        feed = context.feed(context.titled(page.title), context.page_url, page.intro)
        for correction in page.corrections()[: page.FEED_ITEMS]:
            article = correction.article
            url = f"{article.get_full_url(request)}#{correction.anchor}"
            title = _("%(kind)s: %(title)s") % {
                "kind": correction.get_kind_display(),
                "title": article.title,
            }
            feed.items.append(
                FeedItem(
                    id=url,
                    url=url,
                    title=title,
                    summary=correction.text,
                    published=correction.date,
                    updated=correction.date,
                )
            )
    return feed
