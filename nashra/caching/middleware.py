"""Public pages that any cache may keep, and the application's own cache of them.

``PageCacheMiddleware`` goes near the top of the stack, above sessions and
authentication, so a hit is answered before anything reads the database.

For an anonymous reader's GET of a public page it makes the response cacheable by design:
``Cache-Control`` for the kind of page, an ``ETag`` and ``Last-Modified`` (and ``304`` on a
conditional GET), ``Vary`` without ``Cookie``, and the cache tags Varnish indexes (``xkey``).
It stores the response unless it is not fit to share: a cookie set (a message, a form's
CSRF token), ``private``/``no-store`` asked for, an error, a stream.

Never cached: anything but GET and HEAD, the admin and its previews, the view beacon, a
request that carries a session (a logged-in editor) or a message to show.

The view of a public request sees only the query parameters its kind of page reads
(``queries``), so a stray parameter can neither split the cache nor show on the page.
"""

import hashlib
import time

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import registry, store, tags
from .policy import policy_for
from .queries import ReadQuery

CACHEABLE_STATUSES = (200, 301, 404)
CACHE_STATUS_HEADER = "X-Nashra-Cache"


def is_public_request(environ):
    """Could any reader have made this request, and may any reader see its answer?

    Reads only the WSGI environ (a request's ``META``): the WSGI front door asks before
    Django has made a request of it.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = environ.get("PATH_INFO", "")
    if any(path.startswith(prefix) for prefix in settings.NASHRA_UNCACHED_PATHS):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    cookie_header = environ.get("HTTP_COOKIE")
    if cookie_header:
        cookies = parse_cookie(cookie_header)
        message_cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")
        if settings.SESSION_COOKIE_NAME in cookies or message_cookie in cookies:
            return False
    return True


def is_shareable(request, response):
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _without_cookie_in_vary(response):
    if not response.has_header("Vary"):
        return
    kept = [
        value.strip()
        for value in response["Vary"].split(",")
        if value.strip() and value.strip().lower() != "cookie"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _seconds_until_the_edition_changes(request):
    """What changes by the clock with nothing to purge (``registry.lifetime_limits``)."""
    language_code = tags.edition_of_path(request.path_info)
    if not language_code:
        return []
    return [seconds_until(language_code) for seconds_until in registry.lifetime_limits]


def make_public(request, response):
    """Give a shareable response its caching headers; return how long caches may keep it."""
    policy = policy_for(request, response)
    shared_max_age = policy.shared_max_age
    for limit in (*_seconds_until_the_edition_changes(request), tags.fresh_for(request)):
        if limit is not None:
            shared_max_age = max(1, min(shared_max_age, limit))
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = policy.header(shared_max_age)
    _without_cookie_in_vary(response)
    if not response.streaming:
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
    response["xkey"] = " ".join(tags.for_request(request))
    return shared_max_age


def conditional(request, response):
    """Answer 304 when the reader's copy is current (If-None-Match, If-Modified-Since)."""
    if response.status_code != 200 or response.streaming:
        return response
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=_last_modified(response),
        response=response,
    )
    if answer is not response:
        # A page other sites' scripts may read (CORS) stays readable when it is unchanged.
        for name, value in response.items():
            if name.lower().startswith("access-control-"):
                answer[name] = value
    return answer


def _last_modified(response):
    return parse_http_date_safe(response.get("Last-Modified", ""))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request.META):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not any(
                request.path_info.startswith(prefix) for prefix in settings.NASHRA_UNCACHED_PATHS
            ):
                # A logged-in editor's page may show the userbar or drafts: theirs alone.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        query = ReadQuery.for_request(request.META)
        if query is not None:
            request.GET = query
        use_cache = settings.NASHRA_PAGE_CACHE
        started = time.time()  # a purge from now on retires what this request renders
        if use_cache:
            entry = store.get(request.META)
            if entry is not None:
                response = entry.response()
                response[CACHE_STATUS_HEADER] = "hit"
                return conditional(request, response)

        response = self.get_response(request)
        if not is_shareable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        timeout = make_public(request, response)
        if use_cache and not response.streaming:
            names_read = query.names_read if query is not None else None
            store.put(
                request.META, response, tags.for_request(request), timeout, started, names_read
            )
            response[CACHE_STATUS_HEADER] = "miss"
        return conditional(request, response)
