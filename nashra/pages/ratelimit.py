import hashlib

from django.conf import settings

from nashra.core.clients import client_address


def client_fingerprint(request):
    """Return a keyed hash of the client address: enough to count, never the address itself."""
    address = client_address(request)
    return hashlib.blake2s(
        address.encode(), key=settings.SECRET_KEY.encode()[:32], digest_size=16
    ).hexdigest()


def rate_limit_exceeded(cache, key, limit, window):
    """Count one attempt under key; return True once more than limit happened in the window."""
    if cache.add(key, 1, timeout=window):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        count = 1
    return count > limit
