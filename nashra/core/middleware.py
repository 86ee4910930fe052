"""Show each edition's pages in its own time zone; moments stay stored in UTC."""

from django.utils import timezone, translation

from nashra.core.dates import zone
from nashra.core.models import EditionSettings


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
