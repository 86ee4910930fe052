"""The page cache's front door: a hit answered before Django builds a request.

Wraps the WSGI application (``nashra/wsgi.py``). For a request any reader could have
made, it looks up the entry the middleware stored and answers it, with ``304`` when the
reader's copy is current. Everything else, and every miss, goes to Django, whose
``PageCacheMiddleware`` decides what may be stored. A hit here skips Django's request,
its signals and its middleware: about half of what a hit costs inside Django.
"""

from http import HTTPStatus

from django.conf import settings
from django.utils.http import parse_http_date_safe

from . import near, store
from .middleware import CACHE_STATUS_HEADER, is_public_request

# What a 304 keeps of the full answer (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "date", "etag", "expires", "vary"}


def _status_line(status):
    return f"{status} {HTTPStatus(status).phrase}"


def _is_current(environ, headers):
    """Does the reader already hold this version (If-None-Match, else If-Modified-Since)?"""
    etag = headers.get("etag")
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if etag is None:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    if "HTTP_IF_MODIFIED_SINCE" not in environ:
        return False  # most requests: no date to parse
    if_modified_since = parse_http_date_safe(environ["HTTP_IF_MODIFIED_SINCE"])
    last_modified = parse_http_date_safe(headers.get("last-modified", ""))
    return None not in (if_modified_since, last_modified) and last_modified <= if_modified_since


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        # The shared cache's generation, read once: what this process read from Redis under
        # it is answered from its own memory for the rest of the request (near.py).
        near.begin()
        try:
            if settings.NASHRA_PAGE_CACHE and is_public_request(environ):
                entry = store.get(environ)
                if entry is not None:
                    return self._answer(entry, environ, start_response)
            return self.application(environ, start_response)
        finally:
            near.end()  # a stream's later reads, and code outside requests, go to Redis

    def _answer(self, entry, environ, start_response):
        headers = {name.lower(): value for name, value in entry.headers}
        if entry.status == 200 and _is_current(environ, headers):
            # CORS headers too: another site's script may read the answer (the ninjs API).
            kept = [
                (name, value)
                for name, value in entry.headers
                if name.lower() in NOT_MODIFIED_HEADERS
                or name.lower().startswith("access-control-")
            ]
            start_response(_status_line(304), [*kept, (CACHE_STATUS_HEADER, "hit")])
            return []
        start_response(_status_line(entry.status), [*entry.headers, (CACHE_STATUS_HEADER, "hit")])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry.content]
