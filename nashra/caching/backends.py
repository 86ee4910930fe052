"""Varnish, purged by cache tag through its ``xkey`` module (see deploy/varnish/nashra.vcl)."""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends import HTTPBackend

from . import tags

logger = logging.getLogger(__name__)

HEADER = "xkey-purge"
HEADER_LIMIT = 4000  # well under Varnish's 8 KB request header limit
TIMEOUT = 2


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend, sending cache tags rather than one URL at a time.

    One ``PURGE`` request carries many tags; Varnish soft-purges every object that carries
    any of them (all query strings of a path, every page showing an article), so it keeps
    serving them, stale, while the origin is down. Settings: ``LOCATION``, Varnish's purge
    listener, e.g. ``http://127.0.0.1:6083`` (never the public one; deploy/varnish/nashra.vcl).
    """

    def __init__(self, params):
        super().__init__(params)
        if self.cache_scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"Varnish's LOCATION must be an http(s) URL, not {params}")

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        self.purge_tags(sorted({tags.path_tag(urlsplit(url).path) for url in urls}))

    def purge_tags(self, tag_list):
        for chunk in _chunks(tag_list):
            request = Request(  # noqa: S310 (an http(s) URL, checked above)
                urlunsplit((self.cache_scheme, self.cache_netloc, "/", "", "")),
                method="PURGE",
                headers={HEADER: " ".join(chunk)},
            )
            try:
                with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                    response.read()
            except (URLError, OSError) as error:
                logger.error("Couldn't purge %d tags from Varnish: %s", len(chunk), error)


def _chunks(tag_list):
    chunk, size = [], 0
    for tag in tag_list:
        if chunk and size + len(tag) + 1 > HEADER_LIMIT:
            yield chunk
            chunk, size = [], 0
        chunk.append(tag)
        size += len(tag) + 1
    if chunk:
        yield chunk
