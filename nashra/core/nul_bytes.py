"""Refuse a request that carries a NUL byte in its path, query string or headers.

No browser sends one, and PostgreSQL refuses to store or compare text holding one: a NUL in
a header that is written down (django-axes keeps the User-Agent and Accept of every failed
sign-in) turned a wrong password into a 500. Refused here once, with a 400, no later code
has to think of it. Form bodies are left to the forms: every Django text field refuses NUL.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(
                _("This request holds a NUL byte."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def _has_nul(request):
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path_info or "%00" in query or "\x00" in query:
        return True
    return any(
        "\x00" in value
        for name, value in request.META.items()
        if isinstance(value, str) and (name.startswith("HTTP_") or name == "CONTENT_TYPE")
    )
