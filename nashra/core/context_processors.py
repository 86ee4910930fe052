from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.coreutils import get_supported_content_language_variant


def active_edition_language():
    """Return the content language of the active edition ("en", "ar"), as Wagtail resolves it."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _edition(request):
    from nashra.core.editions import edition_chrome

    return edition_chrome(active_edition_language())


def edition(request):
    """Expose the active edition (settings, home page, menus) to every template, lazily."""
    return {"edition": SimpleLazyObject(lambda: _edition(request))}
