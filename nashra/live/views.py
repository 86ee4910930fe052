"""What a live page answers besides itself: its newest updates, their feeds, an update's address.

Each is a route of the live page (``LivePage``), so Wagtail's checks of a page (live, view
restrictions) apply to them as to the page; ``page`` is the live page being served.
"""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse

from nashra.caching import tags
from nashra.feeds.views import feed_response
from nashra.news.queries import images_in, prefetch_renditions

from . import feeds
from .queries import UPDATES_PER_PAGE

# The newest updates the polling endpoint returns: a reader who missed more reloads.
POLLED_UPDATES = 10


def latest_updates(request, page):
    """The newest updates as an HTML fragment, for the reader's script to add to the page.

    One address for every reader (no cursor of theirs in it), so Varnish and the page cache
    answer nearly every poll, with a ``304`` when nothing changed; a new, edited or deleted
    update purges it (``purges.for_updates``).
    """
    request._nashra_cache_policy = "live_updates"
    tags.add(request, tags.article_tag(page.pk))
    updates = list(page.published_updates().for_display()[:POLLED_UPDATES])
    prefetch_renditions([image for update in updates for image in images_in(update.body)])
    for update in updates:
        tags.note_relative_date(request, update.published_at)
    context = {
        "page": page,
        "live_state": page.coverage_state(),
        "live_updates": updates,
        "live_count": page.updates.published().count(),
    }
    return TemplateResponse(request, "live/updates_fragment.html", context)


def updates_feed(request, page):
    """The live page's updates as RSS, Atom or JSON Feed, newest first (purged with each)."""
    tags.add(request, tags.article_tag(page.pk))
    return feed_response(request, feeds.updates_feed(request, page))


def update_redirect(request, page, update_id):
    """Send an update's own address to its place on the live page (the page it is on)."""
    update = page.updates.published().filter(pk=update_id).first()
    if update is None:
        raise Http404
    url = page.get_url(request)
    published = page.updates.published()
    newer = published.count() - published.from_update(update).count()
    if newer >= UPDATES_PER_PAGE:
        url += f"?from={update.pk}"
    return HttpResponseRedirect(f"{url}#{update.anchor}")
