"""Fetch a feed as a careful client: conditional, bounded in time and size, public hosts only.

- ``If-None-Match`` / ``If-Modified-Since`` from the last answer, so an unchanged feed costs
  the partner a 304;
- connect and read timeouts (``NASHRA_WIRE_TIMEOUT``) and a deadline for the whole answer, so
  a feed that drips a byte at a time is cut off too;
- at most ``NASHRA_WIRE_MAX_BYTES`` read (after decompression), streamed, never more;
- at most three redirects, each to http or https only;
- every address a host name resolves to is checked when the connection is made, and one
  that is not public refuses the fetch (``addresses.py``): a redirect to 169.254.169.254 or a
  name that resolves to 127.0.0.1 reaches nothing. No proxy or ``.netrc`` from the
  environment is used.
"""

import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util.connection import allowed_gai_family, create_connection

from .addresses import address_allowed

MAX_REDIRECTS = 3
# A whole answer, redirects included, may take this many read timeouts at most.
DEADLINE_TIMEOUTS = 3
CHUNK = 64 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


class FetchError(Exception):
    """The feed could not be fetched; the message is for the editor reading the feed's status."""


class BlockedAddress(Exception):
    """A connection refused before it was made. Not an OSError: no library wraps or retries it."""

    def __init__(self, host, address):
        super().__init__(host, address)
        self.host = host
        self.address = address


@dataclass
class Fetched:
    status: int  # 200, or 304 when nothing changed
    url: str  # after redirects
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""


def user_agent():
    site = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "https://github.com/nashra"
    return f"Nashra-Wire/1.0 (Nashra news platform wire desk; +{site})"


class _PublicOnlyMixin:
    """Connect only to public addresses, checked after resolving the name, right before use."""

    def _new_conn(self):
        host = self._dns_host.strip("[]")
        try:
            infos = socket.getaddrinfo(host, self.port, allowed_gai_family(), socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:
            if not address_allowed(address):
                raise BlockedAddress(self.host, address)
        error = None
        for address in addresses:
            try:
                return create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as timeout:
                raise ConnectTimeoutError(
                    self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
                ) from timeout
            except OSError as failure:
                error = failure
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")


class _PublicHTTPConnection(_PublicOnlyMixin, HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicOnlyMixin, HTTPSConnection):
    pass


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicHTTPPool,
            "https": _PublicHTTPSPool,
        }


def _session():
    session = requests.Session()
    session.trust_env = False  # no proxy, certificate bundle or .netrc from the environment
    adapter = _PublicAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _check_scheme(url):
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(_("only http and https addresses are fetched, not %(url)s") % {"url": url})


def fetch(url, *, etag="", last_modified=""):
    """Return the feed at url (a 200 with its body, or a 304); raise FetchError on any failure."""
    timeout = settings.NASHRA_WIRE_TIMEOUT
    deadline = time.monotonic() + timeout * DEADLINE_TIMEOUTS
    headers = {"User-Agent": user_agent(), "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with _session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_scheme(url)
            response = _get(session, url, headers, timeout)
            with response:
                if response.is_redirect:
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status_code == 304:
                    return Fetched(304, url)
                if response.status_code != 200:
                    raise FetchError(
                        _("the server answered %(status)d %(reason)s")
                        % {"status": response.status_code, "reason": response.reason or ""}
                    )
                body = _read(response, deadline)
                return Fetched(
                    200,
                    url,
                    body,
                    response.headers.get("Content-Type", ""),
                    response.headers.get("ETag", "")[:500],
                    response.headers.get("Last-Modified", "")[:100],
                )
    raise FetchError(_("more than %(count)d redirects") % {"count": MAX_REDIRECTS})


def _get(session, url, headers, timeout):
    try:
        return session.get(
            url, headers=headers, timeout=(timeout, timeout), stream=True, allow_redirects=False
        )
    except BlockedAddress as blocked:
        raise FetchError(
            _("refused: %(host)s is at %(address)s, a private or local address")
            % {"host": blocked.host, "address": blocked.address}
        ) from blocked
    except requests.Timeout as error:
        raise FetchError(_("no answer within %(seconds)s s") % {"seconds": timeout}) from error
    except requests.RequestException as error:
        raise FetchError(_("could not connect: %(error)s") % {"error": _reason(error)}) from error


def _read(response, deadline):
    limit = settings.NASHRA_WIRE_MAX_BYTES
    too_large = _("the feed is larger than %(limit)d bytes") % {"limit": limit}
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(too_large)
    chunks, size = [], 0
    while True:
        try:
            # read1: whatever has arrived (decompressed), so the deadline is checked between
            # bytes that drip in; a plain read would wait for a whole chunk.
            chunk = response.raw.read1(CHUNK, decode_content=True)
        except ReadTimeoutError as error:
            raise FetchError(_("the feed stopped arriving (timed out)")) from error
        except (HTTPError, OSError) as error:
            raise FetchError(
                _("reading the feed failed: %(error)s") % {"error": _reason(error)}
            ) from error
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(too_large)
        if time.monotonic() > deadline:
            raise FetchError(_("the feed took too long to arrive"))
        chunks.append(chunk)


def _reason(error):
    """The innermost reason of a requests error, without the library's long preamble."""
    reason = error
    while reason.args and isinstance(reason.args[0], Exception):
        reason = reason.args[0]
    reason = getattr(reason, "reason", reason)
    return str(reason)[:300]
