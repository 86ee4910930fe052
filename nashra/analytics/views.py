from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import counting


# No CSRF token: the beacon changes no reader's state, it only adds one to a count.
@csrf_exempt
@require_POST
@never_cache
def record_view(request, page_id, signature):
    """Count a reader's view of an article; answer 204 whether or not it counted."""
    if not counting.is_valid_beacon(page_id, signature):
        # 400, not 404: a 404 would send the redirects middleware to the database.
        return HttpResponseBadRequest()
    counting.record_view(request, page_id)
    counting.flush_if_due()
    return HttpResponse(status=204)
