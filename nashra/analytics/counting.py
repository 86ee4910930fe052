"""Counting article views without cookies, without addresses and without a write per view.

How a view travels:

1. The article page carries a beacon URL with the page id signed into it
   (``/stats/view/<id>/<signature>/``): the endpoint trusts the id without a query, and the
   page itself stays cacheable by Varnish or a page cache, since counting never depends on
   the article request reaching Django.
2. ``view-beacon.js`` POSTs to it once per page load. The endpoint drops bots (by
   User-Agent), readers who send Do-Not-Track or Global Privacy Control, and repeats. A reader
   is a keyed hash of (address, User-Agent, page) under a salt derived from SECRET_KEY and the
   UTC date, kept only in the cache until the end of that day: the address is never stored,
   not even hashed in the database, and one day's hashes cannot be linked to the next day's.
3. A view increments a per-page, per-hour counter in the cache. The first view of a page in
   an hour also takes the hour's next "slot" (an incr counter) and writes the page id into it;
   the slots are the hour's registry of pending counters. Only add/incr/get/set are used, so
   the registry is shared by every process on Redis and works the same on the local-memory
   cache.
4. ``flush_view_counts()`` adds the pending counts to ``ArticleViews`` in one transaction,
   then takes what it wrote off the cache counters (decr: views that arrived meanwhile stay
   pending). Hours that ended a while ago and were flushed are marked done and not read again.

Who flushes: the scheduling worker on every pass, and the beacon endpoint itself at most once
every ``NASHRA_VIEWS_FLUSH_INTERVAL`` seconds (the first beacon to win a ``cache.add``). The
second matters because a local-memory cache lives inside one process: without Redis only the
web process that counted can flush, and the worker sees nothing. Its price is one beacon
request a minute paying for a small transaction; the reader's article request never does.
With Redis, an interval of 0 leaves flushing to the worker alone.

Accepted trade-offs: the counts since the last flush live only in the cache, so losing the
cache loses them; a flush that commits but dies before its decr counts those views twice.
Neither matters much to a most-read list.
"""

import contextlib
import datetime
import hashlib
import logging
import re

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from nashra.core.clients import client_address

from .models import ArticleViews

logger = logging.getLogger("nashra.analytics")

HOUR = datetime.timedelta(hours=1)
# Pending counters outlive their hour long enough to survive a worker outage of a day or two.
PENDING_TTL = int(datetime.timedelta(days=3).total_seconds())
LOOKBACK_HOURS = 48
# A beacon that read the clock just before the hour turned may still land after it.
CLOSE_GRACE = datetime.timedelta(minutes=5)
KEEP_FOR = datetime.timedelta(days=8)
FLUSH_LOCK_TTL = 300

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|preview|headless|phantom|selenium|"
    r"puppeteer|playwright|lighthouse|pingdom|uptime|monitor|archiver|feedfetcher|"
    r"mediapartners|validator|scrapy|curl|wget|python-|requests|httpclient|http-client|"
    r"okhttp|go-http|java/|libwww|node-fetch|axios|aiohttp|httpx|dart:io",
    re.IGNORECASE,
)


def _signer():
    return signing.Signer(salt="nashra.analytics.view-beacon")


def beacon_url(page_id):
    """Return the URL a reader's browser POSTs to once it shows the article page_id."""
    signature = _signer().signature(str(page_id))
    return reverse("analytics:view", args=[page_id, signature])


def is_valid_beacon(page_id, signature):
    try:
        _signer().unsign(f"{page_id}{_signer().sep}{signature}")
    except signing.BadSignature:
        return False
    return True


def is_bot(request):
    user_agent = request.headers.get("User-Agent", "")
    return not user_agent.strip() or BOT_USER_AGENT.search(user_agent) is not None


def opted_out(request):
    """Return True for a reader who asked not to be tracked (Do-Not-Track, GPC)."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def hour_of(moment):
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


def reader_key(request, page_id, now):
    """Return a cache key naming this reader of this page today, and nobody on other days."""
    day = now.astimezone(datetime.UTC).date().isoformat()
    salt = salted_hmac("nashra.analytics.reader", day).digest()
    digest = hashlib.blake2b(key=salt, digest_size=16)
    for part in (client_address(request), request.headers.get("User-Agent", "")[:512]):
        digest.update(part.encode() + b"\0")
    digest.update(str(page_id).encode())
    return f"analytics:seen:{digest.hexdigest()}"


def _seconds_left_today(now):
    utc = now.astimezone(datetime.UTC)
    midnight = datetime.datetime.combine(
        utc.date() + datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    return max(60, int((midnight - utc).total_seconds()))


def _stamp(hour):
    return hour.strftime("%Y%m%d%H")


def _count_key(hour, page_id):
    return f"analytics:count:{_stamp(hour)}:{page_id}"


def _slots_key(hour):
    return f"analytics:slots:{_stamp(hour)}"


def _slot_key(hour, slot):
    return f"analytics:slot:{_stamp(hour)}:{slot}"


def _done_key(hour):
    return f"analytics:done:{_stamp(hour)}"


def record_view(request, page_id, now=None):
    """Count one view of page_id by this request's reader; return False if it doesn't count."""
    if is_bot(request) or opted_out(request):
        return False
    now = now or timezone.now()
    if not cache.add(reader_key(request, page_id, now), 1, timeout=_seconds_left_today(now)):
        return False  # this reader was counted today
    hour = hour_of(now)
    key = _count_key(hour, page_id)
    if cache.add(key, 0, timeout=PENDING_TTL):
        # First view of the page this hour: put its counter on the hour's registry.
        cache.add(_slots_key(hour), 0, timeout=PENDING_TTL)
        slot = cache.incr(_slots_key(hour))
        cache.set(_slot_key(hour, slot), page_id, timeout=PENDING_TTL)
    cache.incr(key)
    return True


def flush_if_due():
    """Flush if nobody did for NASHRA_VIEWS_FLUSH_INTERVAL seconds; never raise to a caller."""
    interval = getattr(settings, "NASHRA_VIEWS_FLUSH_INTERVAL", 60)
    if interval <= 0 or not cache.add("analytics:flush-due", 1, timeout=interval):
        return
    try:
        flush_view_counts()
    except Exception:
        logger.exception("Flushing view counts failed; the counts stay in the cache")


def flush_view_counts(now=None):
    """Add the views counted in the cache to ArticleViews; return how many were written."""
    if not cache.add("analytics:flush-lock", 1, timeout=FLUSH_LOCK_TTL):
        return 0  # another process is flushing
    try:
        return _flush(now or timezone.now())
    finally:
        cache.delete("analytics:flush-lock")


def _pending_counts(now):
    """Return ({(page_id, hour): views}, hours that are over) read from the cache."""
    current = hour_of(now)
    hours = [current - n * HOUR for n in range(LOOKBACK_HOURS)]
    done = cache.get_many([_done_key(hour) for hour in hours])
    hours = [hour for hour in hours if _done_key(hour) not in done]
    slot_counts = cache.get_many([_slots_key(hour) for hour in hours])
    slot_keys = {
        _slot_key(hour, slot): hour
        for hour in hours
        for slot in range(1, int(slot_counts.get(_slots_key(hour), 0)) + 1)
    }
    counters = {
        _count_key(hour, page_id): (int(page_id), hour)
        for key, page_id in cache.get_many(list(slot_keys)).items()
        for hour in [slot_keys[key]]
    }
    pending = {
        counters[key]: int(views)
        for key, views in cache.get_many(list(counters)).items()
        if int(views) > 0
    }
    over = [hour for hour in hours if hour + HOUR + CLOSE_GRACE <= now]
    return pending, over


def _flush(now):
    from nashra.news.models import ArticlePage

    pending, over = _pending_counts(now)
    written = 0
    if pending:
        with transaction.atomic():
            page_ids = {page_id for page_id, _ in pending}
            locales = dict(
                ArticlePage.objects.filter(pk__in=page_ids).values_list("pk", "locale_id")
            )
            existing = {
                (row.page_id, row.hour): row
                for row in ArticleViews.objects.select_for_update().filter(
                    page_id__in=locales, hour__in={hour for _, hour in pending}
                )
            }
            new_rows = []
            for (page_id, hour), views in pending.items():
                if page_id not in locales:
                    continue  # deleted since it was read
                written += views
                row = existing.get((page_id, hour))
                if row is None:
                    new_rows.append(
                        ArticleViews(
                            page_id=page_id, locale_id=locales[page_id], hour=hour, views=views
                        )
                    )
                else:
                    row.views += views
            ArticleViews.objects.bulk_update(existing.values(), ["views"])
            ArticleViews.objects.bulk_create(new_rows)
        for (page_id, hour), views in pending.items():
            with contextlib.suppress(ValueError):  # expired meanwhile
                cache.decr(_count_key(hour, page_id), views)
    cache.set_many({_done_key(hour): 1 for hour in over}, timeout=PENDING_TTL)
    if cache.add("analytics:prune-due", 1, timeout=3600):
        ArticleViews.objects.filter(hour__lt=hour_of(now) - KEEP_FOR).delete()
    return written
