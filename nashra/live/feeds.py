"""A live page's updates as a feed: each update an item, linking to its own address."""

from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override

from nashra.feeds.builders import FeedContext
from nashra.feeds.content import absolutize
from nashra.feeds.model import FEED_ITEMS, FeedItem, Person
from nashra.news.queries import images_in, prefetch_renditions


def update_headline(update):
    """An update's title, or the start of its text for one posted without a title."""
    return update.title or Truncator(update.plain_text()).words(12)


def updates_feed(request, page):
    context = FeedContext(request, page)
    with override(context.language):
        feed = context.feed(
            context.titled(page.title), context.page_url, page.lead or _("Live updates")
        )
        updates = list(page.published_updates().for_display()[:FEED_ITEMS])
        prefetch_renditions([image for update in updates for image in images_in(update.body)])
        for update in updates:
            url = context.page_url + page.reverse_subpage("update", args=(update.pk,))
            html = render_to_string(
                "live/feed_update.html",
                {"update": update, "edition": {"settings": context.settings}},
            )
            feed.items.append(
                FeedItem(
                    id=url,
                    url=url,
                    title=update_headline(update),
                    summary=update.plain_text(),
                    published=update.published_at,
                    updated=max(filter(None, [update.published_at, update.edited_at])),
                    content_html=absolutize(html, context.base_url) if context.full_content else "",
                    authors=[Person(update.author.name)] if update.author else [],
                )
            )
    return feed
