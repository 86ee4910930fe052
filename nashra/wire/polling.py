"""Poll the partners' feeds that are due, and forget old items: the worker's wire job.

Each feed is claimed before it is fetched (its next poll time moved on in one conditional
update), so two workers never poll one feed at once, and a worker killed mid-poll leaves the
feed to be tried again an interval later. One feed's failure is recorded on it and logged;
the others are polled all the same. A failing feed waits interval × 2^failures (at most a
day) before its next try.
"""

import datetime
import logging
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nashra.scheduling.services import database_now

from .fetch import FetchError, fetch
from .intake import Delivery, Editions, keep_since, receive
from .models import PartnerFeed, WireItem
from .parsing import FeedError, parse_feed

logger = logging.getLogger("nashra.wire")

MAX_BACKOFF = datetime.timedelta(hours=24)
ERROR_LIMIT = 2000
# A pass starts no new feed after this long (each feed takes at most a few timeouts).
PASS_BUDGET_SECONDS = 60


@dataclass
class PollResult:
    feed: PartnerFeed
    new: int = 0  # items new to the inbox
    delivered: int = 0  # new deliveries: new items, and new feeds of items already there
    not_modified: bool = False
    error: str = ""


def backoff(interval_minutes, failures):
    """Return how long a feed that failed ``failures`` times in a row waits for its next try."""
    delay = datetime.timedelta(minutes=interval_minutes) * (2 ** min(failures, 16))
    return min(delay, MAX_BACKOFF)


def poll_due_feeds(now=None, budget=PASS_BUDGET_SECONDS):
    """Poll the enabled feeds whose time has come; return a PollResult per feed polled.

    Once ``budget`` seconds have gone no other feed is started (one always is): the rest
    wait for the next pass, so slow partners never hold up scheduled publishing for long.
    """
    now = now or database_now()
    started = time.monotonic()
    results = []
    due = PartnerFeed.objects.due(now).select_related("locale")
    for feed in due.order_by(F("next_poll_at").asc(nulls_first=True), "pk"):
        if results and time.monotonic() - started > budget:
            break  # the longest waiting went first; the others are first next time
        lease = now + datetime.timedelta(minutes=feed.poll_interval)
        claimed = PartnerFeed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(
            next_poll_at=lease
        )
        if not claimed:
            continue  # another worker has it
        try:
            results.append(poll_feed(feed, now))
        except Exception:
            logger.exception("Polling the partner feed %s (%s) failed", feed.pk, feed.url)
            results.append(_failed(feed, now, _("unexpected error; see the worker's log")))
    return results


def poll_feed(feed, now=None):
    """Fetch one feed and put what is new in the inbox; record the outcome on the feed."""
    now = now or database_now()
    try:
        fetched = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.status == 304:
            _succeeded(feed, now)
            return PollResult(feed, not_modified=True)
        parsed = parse_feed(fetched.body, fetched.content_type, fetched.url)
    except (FetchError, FeedError) as error:
        logger.warning("Partner feed %s (%s): %s", feed.pk, feed.url, error)
        return _failed(feed, now, str(error))
    result = PollResult(feed)
    editions = Editions()
    oldest = keep_since(now)
    with transaction.atomic():
        for entry in parsed.entries:
            if entry.dated and entry.dated < oldest:
                continue  # it would expire at once, and come back on every poll
            language = entry.language or parsed.language or feed.locale.language_code
            _item, what = receive(
                _delivery(entry, language),
                locale=editions.for_language(language, feed.locale),
                feed=feed,
                now=now,
            )
            result.new += what == "new"
            result.delivered += what in ("new", "added")
        _succeeded(feed, now, fetched.etag, fetched.last_modified, result.delivered)
    return result


def _delivery(entry, language):
    return Delivery(
        guid=entry.guid,
        title=entry.title,
        link=entry.link,
        summary=entry.summary,
        body=entry.body,
        text=entry.text,
        language=language,
        published_at=entry.published_at,
        updated_at=entry.updated_at,
        authors=tuple(entry.authors),
    )


def _succeeded(feed, now, etag=None, last_modified=None, delivered=0):
    values = {
        "last_polled_at": now,
        "last_success_at": now,
        "next_poll_at": now + datetime.timedelta(minutes=feed.poll_interval),
        "consecutive_failures": 0,
        "failing_since": None,
        "last_error": "",
    }
    if etag is not None:  # a 200: keep what it said, even nothing (a 304 keeps the old ones)
        values.update(etag=etag, last_modified=last_modified)
    _record(feed, values, delivered)


def _failed(feed, now, message):
    failures = feed.consecutive_failures + 1
    _record(
        feed,
        {
            "last_polled_at": now,
            "next_poll_at": now + backoff(feed.poll_interval, failures),
            "consecutive_failures": failures,
            "failing_since": feed.failing_since or now,
            "last_error": message[:ERROR_LIMIT],
        },
    )
    return PollResult(feed, error=message)


def _record(feed, values, delivered=0):
    # Only the worker's own fields: an editor may be saving the feed's settings meanwhile.
    PartnerFeed.objects.filter(pk=feed.pk).update(**values, items_seen=F("items_seen") + delivered)
    for name, value in values.items():
        setattr(feed, name, value)
    feed.items_seen += delivered


def expire_items(now=None):
    """Delete the items received more than NASHRA_WIRE_KEEP_DAYS ago that nobody took."""
    now = now or database_now()
    _deleted, by_model = WireItem.objects.expired(keep_since(now)).delete()
    return by_model.get(WireItem._meta.label, 0)


def worker_job():
    """The worker's pass over the wire: poll what is due, expire what is old; a line or None."""
    now = database_now()
    results = poll_due_feeds(now)
    expired = expire_items(now)
    if not results and not expired:
        return None
    return _(
        "Wire: polled %(feeds)d feeds (%(failed)d failed), %(new)d new items; %(expired)d expired."
    ) % {
        "feeds": len(results),
        "failed": sum(1 for result in results if result.error),
        "new": sum(result.new for result in results),
        "expired": expired,
    }
