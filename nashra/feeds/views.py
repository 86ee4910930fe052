"""Serve a Feed in the format a route asks for."""

from django.http import HttpResponse

from .model import format_for_route
from .writers import WRITERS


def feed_response(request, feed):
    """Return the feed written in the format of the route that was matched."""
    match = getattr(request, "routable_resolver_match", None)
    feed_format = format_for_route(match.url_name if match else "")
    return HttpResponse(WRITERS[feed_format.key](feed), content_type=feed_format.content_type)
