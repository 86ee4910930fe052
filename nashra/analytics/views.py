from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import counting


# No CSRF token: the beacon changes no reader's state, it only adds one to a count.
@csrf_exempt
@require_POST
@never_cache
def record_view(request, page_id, issued, signature):
    """Count a reader's view of an article; answer 204 whether or not it counted.

    A URL not signed here is answered 400, one signed too long ago 403; neither counts.
    (Not 404: a 404 would send the redirects middleware to the database.)
    """
    try:
        counting.check_beacon(page_id, issued, signature)
    except counting.ExpiredBeacon:
        return HttpResponseForbidden()
    except counting.ForgedBeacon:
        return HttpResponseBadRequest()
    counting.record_view(request, page_id)
    counting.flush_if_due()
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
@never_cache
def record_unsigned_view(request, page_id, signature):
    """A beacon URL from before they carried their time (a page cached then): never counts."""
    return HttpResponseForbidden()
