"""Which network addresses a feed may be fetched from: the public internet only.

A chief editor is trusted, but a feed's address, or wherever it redirects, may point at the
machine itself (127.0.0.1, ::1), the private network, or the cloud's metadata service
(169.254.169.254). Every address a name resolves to is checked when the connection is made
(``fetch.py``), so a redirect or a name that changes its answer gets no further.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings


def is_public(ip):
    """Return whether an ``ipaddress`` address is a global unicast address."""
    if ip.version == 6:
        # An IPv4 address written in IPv6 is judged as the IPv4 address it carries.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo and ip.teredo[1])
        if embedded:
            return is_public(embedded)
    return ip.is_global and not ip.is_multicast


def address_allowed(address):
    """Return whether a feed may be fetched from ``address`` (an IP address as text)."""
    if settings.NASHRA_WIRE_ALLOW_PRIVATE_HOSTS:
        return True
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone
    except ValueError:
        return False
    return is_public(ip)


def url_host_allowed(url):
    """Return False for an address written as a private IP; names are checked when fetched."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return address_allowed(host)
