import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from nashra.core.clients import client_address

from . import services

DEFAULT_DETAIL_ADDRESSES = "127.0.0.1,::1"


@require_GET
def health(request):
    """Report for a load balancer or monitor: 200 when all is well, 503 when not.

    Anyone may ask whether the site is well; only the addresses allowed by
    ``NASHRA_HEALTH_DETAIL_ADDRESSES`` learn why (the database, the worker's last run, the
    schedule), which would otherwise tell the world when the newsroom publishes.
    """
    healthy, report = services.health()
    if not _may_see_details(request):
        report = {"status": report["status"]}
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


def _may_see_details(request):
    setting = getattr(settings, "NASHRA_HEALTH_DETAIL_ADDRESSES", DEFAULT_DETAIL_ADDRESSES)
    if not isinstance(setting, str):
        setting = ",".join(setting)
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:  # no address could be told
        return False
    return any(address in network for network in _networks(setting))


@lru_cache(maxsize=8)
def _networks(setting):
    try:
        return tuple(
            ipaddress.ip_network(item.strip(), strict=False)
            for item in setting.split(",")
            if item.strip()
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"NASHRA_HEALTH_DETAIL_ADDRESSES: {error}") from error


@require_GET
def live(request):
    """Answer a proxy's health probe: 200 while this process can reach the database.

    Varnish probes this every second and serves stale pages while it fails. It must not
    fail for a late scheduler (that is ``health``'s job), or a late publish would make the
    proxy stop asking the origin for fresh pages.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
