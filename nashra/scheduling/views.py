from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from . import services


@require_GET
def health(request):
    """Report for a load balancer or monitor: 200 when all is well, 503 when not."""
    healthy, report = services.health()
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


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
