"""The contact form's rate limit, counted by django-ratelimit.

Each reader (the address nashra.core.clients resolves behind the trusted proxies) may send
NASHRA_CONTACT_RATE_LIMIT messages per NASHRA_CONTACT_RATE_WINDOW seconds, counted in the
cache django-ratelimit uses (RATELIMIT_USE_CACHE, "default" unless set: the cache this
count always used). One limit for every contact page of every edition.

The key handed to django-ratelimit is a keyed hash of the address, never the address:
django-ratelimit only runs its key through an unkeyed sha256, which anyone can reverse for
an IPv4 address by trying all of them.

Windows: django-ratelimit counts in fixed windows of the configured length, aligned to the
epoch and shifted per key by crc32(key) % window (its core._get_window); the window's end
time is part of the cache key, so the count starts again at the next boundary, whenever the
reader's first message came. The hand-written counter this replaces started a reader's
window at their first message. So a reader's first window may be shorter than
NASHRA_CONTACT_RATE_WINDOW, and up to twice the limit can pass in a short time, the limit
at the end of one window and the limit again at the start of the next. As before, every
attempt counts, refused ones too, and only messages that would be saved (valid and not
caught by the honeypot) are counted.
"""

import hashlib

from django.conf import settings
from django_ratelimit.core import get_usage

from nashra.core.clients import client_address

CONTACT_GROUP = "nashra.pages.contact"


def client_fingerprint(request):
    """Return a keyed hash of the client address: enough to count, never the address itself."""
    address = client_address(request)
    return hashlib.blake2s(
        address.encode(), key=settings.SECRET_KEY.encode()[:32], digest_size=16
    ).hexdigest()


def fingerprint_key(group, request):
    """django-ratelimit's callable key: the reader, by their fingerprint."""
    return client_fingerprint(request)


def contact_rate(group, request):
    """django-ratelimit's callable rate, read per request: (limit, window in seconds).

    A window of 0 or less turns the limit off, as it did with the hand-written counter
    (django-ratelimit would refuse such a period with ImproperlyConfigured on every post).
    """
    window = settings.NASHRA_CONTACT_RATE_WINDOW
    if window <= 0:
        return None
    return settings.NASHRA_CONTACT_RATE_LIMIT, window


def contact_usage(request, *, increment):
    """django-ratelimit's usage dict for this reader (None when no limit applies)."""
    return get_usage(
        request,
        group=CONTACT_GROUP,
        key=fingerprint_key,
        rate=contact_rate,
        increment=increment,
    )


def contact_rate_limited(request):
    """Count one message from this reader; return True once they are over the limit."""
    usage = contact_usage(request, increment=True)
    return usage is not None and usage["should_limit"]
