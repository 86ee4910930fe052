"""Whose request is this: the one notion of the client's address, for every part of Nashra.

Behind nginx → Varnish → gunicorn every request arrives from 127.0.0.1, and the real address
is in X-Forwarded-For, which the client can also write. Only the proxies named in
``NASHRA_TRUSTED_PROXIES`` are believed: the chain (X-Forwarded-For, then the connecting
address) is read from the right, skipping trusted proxies, and the first address that is not
one of them is the client. Whatever a client puts at the left of the header is ignored.

``NASHRA_TRUSTED_PROXIES`` is either a count (``2``: the last two hops are ours, whatever
their addresses) or a comma-separated list of addresses and networks (``127.0.0.1,
10.0.0.0/8``). Empty (the default): no proxy is trusted, the connecting address is the
client. Login lockout (django-axes), the contact form's rate limit, the view beacon and the
logs all ask here.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _parse(setting):
    setting = (setting or "").strip()
    if not setting:
        return 0, ()
    if setting.isdigit():
        return int(setting), ()
    networks = tuple(
        ipaddress.ip_network(item.strip(), strict=False)
        for item in setting.split(",")
        if item.strip()
    )
    return 0, networks


def trusted_proxies():
    """Return (count, networks) of the trusted proxies; raise ValueError on a bad setting."""
    return _parse(str(getattr(settings, "NASHRA_TRUSTED_PROXIES", "") or ""))


def _address(value):
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:443"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(request):
    """Return the client's address as a string ("" when none can be told)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count, networks = trusted_proxies()
    if not count and not networks:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [hop for hop in (h.strip() for h in forwarded.split(",")) if hop] + [remote]
    if count:
        # The last `count` hops are our proxies; the one before them is the client. A chain
        # shorter than that did not come through them all: the leftmost is the best we know.
        return str(_address(chain[-count - 1]) or "") if len(chain) > count else chain[0]
    for hop in reversed(chain):
        address = _address(hop)
        if address is None:
            return ""  # a forged or garbled hop: no address rather than a chosen one
        if not any(address in network for network in networks):
            return str(address)
    return str(_address(chain[0]) or "")


def axes_client_ip(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address as everywhere else."""
    return client_address(request) or None
