"""Wagtail's locale for a language code, without a query: every page asks for it.

Wagtail routes each request from the site's root page in the active language
(``Page.localized``) and finds that language's ``Locale`` with a query every time, before
anything of the page is read. A network has a handful of locales, which change when an
edition is added: they are kept here (``store.remember``, one copy per process under Redis's
generation or the shared epoch) until a locale is saved or deleted.

This replaces ``LocaleManager.get_for_language`` (``install``), answering as it does: the
language's supported variant, and ``Locale.DoesNotExist`` for a language without a locale.
A code the kept locales do not know is asked of the database, as Wagtail would.
``NASHRA_FAST_ROUTING = False`` hands the lookup back to Wagtail's own code.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

from nashra.caching.memo import forget
from nashra.caching.store import remember

LOCALES_KEY = "nashra:locales"
_wagtail_get_for_language = LocaleManager.get_for_language


def _all_locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


def get_for_language(manager, language_code):
    if not settings.NASHRA_FAST_ROUTING:
        return _wagtail_get_for_language(manager, language_code)
    code = get_supported_content_language_variant(language_code)
    locale = remember(LOCALES_KEY, _all_locales, settings.NASHRA_CACHE_STALENESS).get(code)
    if locale is None:
        return _wagtail_get_for_language(manager, language_code)
    return locale


def forget_locales(**kwargs):
    forget(LOCALES_KEY)


def install():
    LocaleManager.get_for_language = get_for_language
