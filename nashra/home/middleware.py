"""Every public request knows its edition, and shows its pages in the edition's time zone."""

from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from nashra.core.dates import zone

from .editions import Edition


class EditionMiddleware:
    """Put the request's edition on ``request.edition``; activate its time zone.

    Goes after LocaleMiddleware, which has activated the edition's language by then. The
    Wagtail admin and other unprefixed paths keep their own time zone (the editor's), and
    get their edition only when something asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.edition = SimpleLazyObject(lambda: Edition.for_request(request))
        if translation.get_language_from_path(request.path_info) is None:
            return self.get_response(request)
        edition = Edition.for_request(request)
        if edition is None:
            return self.get_response(request)
        with timezone.override(zone(edition.settings.time_zone)):
            return self.get_response(request)
