"""Tell the floors below what a live page is: an article, whose updates are searched too.

Page signals name the page's own class as sender, so the receivers the floors below connect
for ``ArticlePage`` are connected here for ``LivePage`` as well.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from nashra.analytics.most_read import forget_most_read
from nashra.caching import registry
from nashra.news import labels
from nashra.news.purges import on_translation_linked
from nashra.people.models import Author
from nashra.search import indexing
from nashra.search import signals as search
from nashra.sources.models import Source
from nashra.topics.models import Topic

from . import states
from .models import LivePage, LiveUpdate


def updates_terms(pages):
    """Return {live page id: the search terms of its published updates}, kept with each."""
    rows = (
        LiveUpdate.objects.published()
        .filter(page_id__in=[page.pk for page in pages])
        .exclude(search_terms="")
        .order_by("page_id", "published_at", "pk")
        .values_list("page_id", "search_terms")
    )
    found = {}
    for page_id, terms in rows:
        found.setdefault(page_id, []).append(terms)
    return {page_id: " ".join(terms) for page_id, terms in found.items()}


def refresh_updates_terms(batch_size=500):
    """Make every update's search terms again (a change in how text becomes terms)."""
    for start in range(0, LiveUpdate.objects.count(), batch_size):
        updates = list(LiveUpdate.objects.order_by("pk")[start : start + batch_size])
        for update in updates:
            update.make_search_terms()
        LiveUpdate.objects.bulk_update(updates, ["search_terms"])


def connect():
    registry.register_lifetime_limit(states.seconds_until_change)
    indexing.register_text_source(updates_terms, refresh_updates_terms)
    labels.connect(LivePage, (Topic, Source, Author))
    post_save.connect(on_translation_linked, sender=LivePage, dispatch_uid="purge-linked-live")
    page_published.connect(search.article_published, sender=LivePage, dispatch_uid="live-s-pub")
    page_unpublished.connect(
        search.article_unpublished, sender=LivePage, dispatch_uid="live-s-unpub"
    )
    post_delete.connect(search.article_deleted, sender=LivePage, dispatch_uid="live-s-del")
    for name, signal in {"pub": page_published, "unpub": page_unpublished}.items():
        signal.connect(forget_most_read, sender=LivePage, dispatch_uid=f"live-mr-{name}")
        signal.connect(states.forget, sender=LivePage, dispatch_uid=f"live-states-{name}")
    for signal in (post_save, post_delete):
        signal.connect(states.forget, sender=LivePage, dispatch_uid="live-states-row")
    post_delete.connect(forget_most_read, sender=LivePage, dispatch_uid="live-mr-del")
