"""Error views: Django's own, made safe from a request body that cannot be read."""

from contextlib import suppress
from functools import wraps

from django.http.multipartparser import MultiPartParserError
from django.views import defaults


def _body_read_first(view):
    """Read the form body before Django's error view checks its CSRF token.

    A request can reach an error view before any CSRF check has read its body: a path that
    matches no URL (404), a forged Host header (400). The view's own check
    (``requires_csrf_token``) then reads the body, and a broken multipart body raised a second
    error there: a 500 for any client who posts one. Read here first, the body is marked as
    read and Django keeps an empty form.
    """

    @wraps(view)
    def error_view(request, exception):
        with suppress(MultiPartParserError):
            request.POST  # noqa: B018
        return view(request, exception)

    return error_view


bad_request = _body_read_first(defaults.bad_request)
permission_denied = _body_read_first(defaults.permission_denied)
page_not_found = _body_read_first(defaults.page_not_found)
