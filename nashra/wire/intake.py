"""Put what a feed (or a ninjs file) delivered into the inbox, once per story.

A delivery is recognised, in this order, as:

1. one this feed made before (the same guid from the same feed): the item is refreshed if
   the feed says it was updated and nobody has taken it yet;
2. a story another delivery brought with the same link;
3. a story with the same words (the content hash, ``text.py``): the same agency story from
   two partners.

Otherwise it is a new item. Every delivery is recorded as a ``WireItemSource``.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .models import WireItem, WireItemSource
from .text import content_hash, guid_key, link_key


@dataclass
class Delivery:
    """One entry as the inbox receives it, whoever delivered it."""

    guid: str
    title: str
    link: str = ""
    summary: str = ""
    body: str = ""  # sanitized HTML
    text: str = ""  # the story's words, for the content hash
    language: str = ""
    published_at: object = None
    updated_at: object = None
    authors: tuple = ()
    agencies: tuple = ()  # [{"name", "url"}] a ninjs document names


class Editions:
    """The editions by language, read once for a whole feed."""

    def __init__(self):
        self.by_code = {locale.language_code: locale for locale in Locale.objects.all()}

    def for_language(self, language, fallback):
        """The edition publishing in ``language``, else ``fallback``."""
        if language:
            try:
                code = get_supported_content_language_variant(language)
            except LookupError:
                code = None
            if code in self.by_code:
                return self.by_code[code]
        return fallback


def keep_since(now):
    """Items received before this are expired; entries dated before it are not taken in."""
    return now - datetime.timedelta(days=settings.NASHRA_WIRE_KEEP_DAYS)


def receive(delivery, *, locale, feed=None, name="", now=None):
    """Store one delivery; return (item, what): "new", "added", "updated" or None (seen before)."""
    now = now or timezone.now()
    key = guid_key(delivery.guid)
    seen = (
        WireItemSource.objects.filter(feed=feed, guid_key=key)
        if feed is not None
        else WireItemSource.objects.filter(feed__isnull=True, guid_key=key)
    )
    seen = seen.select_related("item").first()
    if seen is not None:
        item = seen.item
        return item, ("updated" if _refresh(item, delivery) else None)

    link = link_key(delivery.link)
    digest = content_hash(delivery.title, delivery.text, delivery.guid)
    item = None
    if link:
        item = WireItem.objects.filter(sources__link_key=link).order_by("pk").first()
    if item is None:
        item = WireItem.objects.filter(content_hash=digest).order_by("pk").first()
    what = "added"
    if item is None:
        what = "new"
        item = WireItem.objects.create(
            guid=delivery.guid,
            locale=locale,
            received_at=now,
            content_hash=digest,
            **_content(delivery),
        )
    WireItemSource.objects.create(
        item=item,
        feed=feed,
        name=name[:255],
        guid=delivery.guid,
        guid_key=key,
        link=delivery.link,
        link_key=link,
        received_at=now,
    )
    return item, what


def _content(delivery):
    return {
        "title": delivery.title,
        "link": delivery.link,
        "summary": delivery.summary,
        "body": delivery.body,
        "language": delivery.language,
        "published_at": delivery.published_at,
        "updated_at": delivery.updated_at,
        "authors": list(delivery.authors),
        "agencies": list(delivery.agencies),
    }


def _refresh(item, delivery):
    """Take in a newer version of an item nobody has taken yet; return whether it changed."""
    newer = delivery.updated_at and (
        item.updated_at is None or delivery.updated_at > item.updated_at
    )
    if item.is_taken or not newer:
        return False
    for name, value in _content(delivery).items():
        setattr(item, name, value)
    item.content_hash = content_hash(delivery.title, delivery.text, delivery.guid)
    item.save()
    return True
