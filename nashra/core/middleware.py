"""Find the request's Wagtail site without a query."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost

from nashra.caching.memo import forget
from nashra.caching.store import current_epoch

SITES_CACHE_KEY = "nashra:sites"


class CachedSiteMiddleware:
    """Find the request's Wagtail site in the cache: Wagtail asks the database every time.

    Wagtail keeps the site it found on the request (``request._wagtail_site``, a private
    attribute: the one thing here an upgrade could break): this keeps it, once per host
    and port, and hands it to later requests. Forgotten when a site changes (every edition
    is purged, which moves the shared epoch without Redis). ``NASHRA_FAST_ROUTING = False``
    leaves the finding to Wagtail, as it leaves routing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.NASHRA_FAST_ROUTING:
            return self.get_response(request)
        try:
            host = request.get_host()  # only hosts we serve: no cache entry per forged Host
        except DisallowedHost:
            return self.get_response(request)
        epoch = current_epoch()
        cached = cache.get(SITES_CACHE_KEY)
        sites = cached[1] if cached is not None and cached[0] == epoch else {}
        key = (host, request.get_port())
        if key in sites:
            request._wagtail_site = sites[key]
            return self.get_response(request)
        response = self.get_response(request)
        if hasattr(request, "_wagtail_site"):  # Wagtail needed it, and found it: keep it
            sites = {**sites, key: request._wagtail_site}
            cache.set(SITES_CACHE_KEY, (epoch, sites), settings.NASHRA_CACHE_STALENESS)
        return response


def forget_sites(**kwargs):
    """Drop the cached sites when one changes, now and once the change is committed."""
    forget(SITES_CACHE_KEY)
