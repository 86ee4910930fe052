from django.utils.functional import SimpleLazyObject

from .editions import Edition


def edition(request):
    """Expose the active edition (settings, home page, menus) to every template, lazily."""
    return {"edition": SimpleLazyObject(lambda: Edition.for_request(request))}
