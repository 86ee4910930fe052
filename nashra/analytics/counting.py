"""Counting article views without cookies, without addresses and without a write per view.

How a view travels:

1. The article page carries a beacon URL with the page id and the time it was issued signed
   into it (``/stats/view/<id>/<issued>/<signature>/``): the endpoint trusts the id without a
   query, and the page itself stays cacheable by Varnish or a page cache, since counting
   never depends on the article request reaching Django. A URL counts for
   ``beacon_lifetime()`` (longer than any cache keeps the page), then it is refused, so one
   copied URL cannot be replayed for ever. The time is rounded down to ten minutes, so the
   page is the same bytes (and ETag) for every render in them.
2. ``view-beacon.js`` POSTs to it once per page load. The endpoint drops bots (by
   User-Agent), readers who send Do-Not-Track or Global Privacy Control, and repeats. A reader
   is their address (``nashra.core.clients``; an IPv6 address by its /64, which one
   subscriber holds), whatever User-Agent they send: one address counts once per page per
   UTC day, and for at most ``NASHRA_VIEWS_PER_ADDRESS`` pages an hour. What is kept is a
   keyed hash under a salt derived from SECRET_KEY and the UTC date, only in the cache and
   until the end of that day: the address is never stored, not even hashed in the database,
   and one day's hashes cannot be linked to the next day's. Readers behind one address
   (an office, a carrier's NAT) count as one: the figures are a floor, not a ceiling.
3. A view increments a per-page, per-hour counter in the cache. The first view of a page in
   an hour also takes the hour's next "slot" (an incr counter) and writes the page id into it;
   the slots are the hour's registry of pending counters. Only add/incr/get/set are used, so
   the registry is shared by every process on Redis and works the same on the local-memory
   cache.
4. ``flush_view_counts()`` adds the pending counts to ``ArticleViews`` in one transaction,
   then takes what it wrote off the cache counters (decr: views that arrived meanwhile stay
   pending). Hours that ended a while ago and were flushed are marked done and not read again.

All of this lives in the ``counters`` cache when it is configured (else the default cache):
in Redis with REDIS_URL, else a local memory of its own, large enough that readers coming
and going cannot push the pending counts out before a flush (each flush reads them, which
keeps them at the fresh end of its LRU order).

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
import ipaddress
import logging
import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from nashra.core.clients import client_address
from nashra.news.models import ArticlePage

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
COUNTERS_ALIAS = "counters"
# Beacon URLs carry the time they were issued rounded down to this many seconds.
ISSUE_STEP = 600

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|preview|headless|phantom|selenium|"
    r"puppeteer|playwright|lighthouse|pingdom|uptime|monitor|archiver|feedfetcher|"
    r"mediapartners|validator|scrapy|curl|wget|python-|requests|httpclient|http-client|"
    r"okhttp|go-http|java/|libwww|node-fetch|axios|aiohttp|httpx|dart:io",
    re.IGNORECASE,
)


def counters():
    """The cache the counts live in: the ``counters`` alias if configured, else the default."""
    return caches[COUNTERS_ALIAS if COUNTERS_ALIAS in settings.CACHES else DEFAULT_CACHE_ALIAS]


class _BeaconSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) // ISSUE_STEP * ISSUE_STEP)


def _signer():
    return _BeaconSigner(salt="nashra.analytics.view-beacon")


def beacon_lifetime():
    """Seconds a beacon URL counts: longer than caches keep the article page that carries it.

    ``NASHRA_VIEW_BEACON_SECONDS``, by default the article's shared cache lifetime plus an
    hour (for the browser's copy, a tab opened in the background, a slow reader).
    """
    configured = getattr(settings, "NASHRA_VIEW_BEACON_SECONDS", None)
    if configured:
        return int(configured)
    return int(settings.NASHRA_CACHE_SECONDS["article"]) + 3600


def beacon_url(page_id):
    """Return the URL a reader's browser POSTs to once it shows the article page_id."""
    _value, issued, signature = _signer().sign(str(page_id)).rsplit(_signer().sep, 2)
    return reverse("analytics:view", args=[page_id, issued, signature])


class BeaconRefused(Exception):
    pass


class ForgedBeacon(BeaconRefused):
    pass


class ExpiredBeacon(BeaconRefused):
    pass


def check_beacon(page_id, issued, signature):
    """Raise ForgedBeacon or ExpiredBeacon unless this beacon URL was issued here, lately."""
    sep = _signer().sep
    try:
        _signer().unsign(f"{page_id}{sep}{issued}{sep}{signature}", max_age=beacon_lifetime())
    except signing.SignatureExpired as error:
        raise ExpiredBeacon from error
    except (signing.BadSignature, ValueError) as error:
        raise ForgedBeacon from error


def is_bot(request):
    user_agent = request.headers.get("User-Agent", "")
    return not user_agent.strip() or BOT_USER_AGENT.search(user_agent) is not None


def opted_out(request):
    """Return True for a reader who asked not to be tracked (Do-Not-Track, GPC)."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def hour_of(moment):
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


def reader_of(request):
    """Return who is reading, for counting: the address, an IPv6 one by its /64 ("" if none)."""
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return ""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _hashed(now, *parts):
    """A keyed hash of parts under today's salt: the same all day, unrelated tomorrow."""
    day = now.astimezone(datetime.UTC).date().isoformat()
    salt = salted_hmac("nashra.analytics.reader", day).digest()
    digest = hashlib.blake2b(key=salt, digest_size=16)
    for part in parts:
        digest.update(str(part).encode() + b"\0")
    return digest.hexdigest()


def _seen_key(reader, page_id, now):
    """A key naming this reader of this page today, and nobody on other days."""
    return f"analytics:seen:{_hashed(now, reader, page_id)}"


def _address_hour_key(reader, now):
    return f"analytics:by-address:{_hashed(now, reader, _stamp(hour_of(now)))}"


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


def views_per_address():
    """How many views one address may add in an hour, across all pages."""
    return int(getattr(settings, "NASHRA_VIEWS_PER_ADDRESS", 60))


def record_view(request, page_id, now=None):
    """Count one view of page_id by this request's reader; return False if it doesn't count."""
    if is_bot(request) or opted_out(request):
        return False
    reader = reader_of(request)
    if not reader:
        return False  # nobody can tell who this is: not counted
    now = now or timezone.now()
    cache = counters()
    seen = _seen_key(reader, page_id, now)
    if not cache.add(seen, 1, timeout=_seconds_left_today(now)):
        return False  # this reader was counted today
    if _over_address_limit(cache, reader, now):
        cache.delete(seen)  # may count in a later hour
        return False
    hour = hour_of(now)
    key = _count_key(hour, page_id)
    if cache.add(key, 0, timeout=PENDING_TTL):
        # First view of the page this hour: put its counter on the hour's registry.
        cache.add(_slots_key(hour), 0, timeout=PENDING_TTL)
        slot = cache.incr(_slots_key(hour))
        cache.set(_slot_key(hour, slot), page_id, timeout=PENDING_TTL)
    cache.incr(key)
    return True


def _over_address_limit(cache, reader, now):
    key = _address_hour_key(reader, now)
    cache.add(key, 0, timeout=int(HOUR.total_seconds() + CLOSE_GRACE.total_seconds()))
    try:
        return cache.incr(key) > views_per_address()
    except ValueError:  # expired in between: a new hour
        return False


def flush_if_due():
    """Flush if nobody did for NASHRA_VIEWS_FLUSH_INTERVAL seconds; never raise to a caller."""
    interval = getattr(settings, "NASHRA_VIEWS_FLUSH_INTERVAL", 60)
    if interval <= 0 or not counters().add("analytics:flush-due", 1, timeout=interval):
        return
    try:
        flush_view_counts()
    except Exception:
        logger.exception("Flushing view counts failed; the counts stay in the cache")


def flush_view_counts(now=None):
    """Add the views counted in the cache to ArticleViews; return how many were written."""
    cache = counters()
    if not cache.add("analytics:flush-lock", 1, timeout=FLUSH_LOCK_TTL):
        return 0  # another process is flushing
    try:
        return _flush(cache, now or timezone.now())
    finally:
        cache.delete("analytics:flush-lock")


def _pending_counts(cache, now):
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
    counter_keys = {
        _count_key(hour, page_id): (int(page_id), hour)
        for key, page_id in cache.get_many(list(slot_keys)).items()
        for hour in [slot_keys[key]]
    }
    pending = {
        counter_keys[key]: int(views)
        for key, views in cache.get_many(list(counter_keys)).items()
        if int(views) > 0
    }
    over = [hour for hour in hours if hour + HOUR + CLOSE_GRACE <= now]
    return pending, over


def _flush(cache, now):
    pending, over = _pending_counts(cache, now)
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
