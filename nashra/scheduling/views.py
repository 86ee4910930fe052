from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import services


@require_GET
def health(request):
    """Report for a load balancer or monitor: 200 when all is well, 503 when not."""
    healthy, report = services.health()
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
