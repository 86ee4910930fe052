"""Show each edition's pages in its own time zone; find the Wagtail site without a query."""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import timezone, translation

from nashra.core.dates import zone
from nashra.core.models import EditionSettings

SITES_CACHE_KEY = "nashra:sites"
SITE_CACHE_SECONDS = 600  # bounds staleness where the cache is per process (no Redis)


class EditionTimeZoneMiddleware:
    """Activate the time zone of the edition a public page belongs to (/ar/…, /en/…).

    Goes after LocaleMiddleware, which has activated the edition's language by then. The
    Wagtail admin and other unprefixed paths keep their own time zone (the editor's).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if translation.get_language_from_path(request.path_info) is None:
            return self.get_response(request)
        edition_settings = EditionSettings.for_request(request)
        if edition_settings is None:
            return self.get_response(request)
        with timezone.override(zone(edition_settings.time_zone)):
            return self.get_response(request)


class CachedSiteMiddleware:
    """Find the request's Wagtail site in the cache: Wagtail asks the database every time.

    Wagtail keeps the site it found on the request (``request._wagtail_site``): this keeps
    it, once per host and port, and hands it to later requests. Forgotten when a site
    changes (every edition is purged, which moves the shared epoch without Redis).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()  # only hosts we serve: no cache entry per forged Host
        except DisallowedHost:
            return self.get_response(request)
        from nashra.caching.store import current_epoch

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
            cache.set(SITES_CACHE_KEY, (epoch, sites), SITE_CACHE_SECONDS)
        return response


def forget_sites(**kwargs):
    """Drop the cached sites when one changes, now and once the change is committed."""
    cache.delete(SITES_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SITES_CACHE_KEY))
