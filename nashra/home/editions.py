"""The edition: one language's half of the site, known in one place.

An edition is its locale, its settings (``core.EditionSettings``), its home page and the
menu below it. Every public page shows all of it, so it is cached per language
(``Edition.of``) and forgotten whenever any of it changes (``connect``, below).
``EditionMiddleware`` puts the request's edition on ``request.edition`` and activates its
time zone; the ``edition`` context processor hands it to templates. Lower floors (news,
feeds) read ``request.edition`` instead of importing this module.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.signals import page_unpublished, post_page_move

from nashra.caching.memo import forget, remembered
from nashra.core.models import EditionSettings
from nashra.news.models import SectionPage
from nashra.pages.models import ContactPage

from .models import HomePage


def active_language():
    """Return the content language of the active edition ("en", "ar"), as Wagtail resolves it."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class Edition:
    """What every page of one language edition shows: settings, home page and menus."""

    language_code: str
    locale: Locale
    settings: EditionSettings
    home: Page | None  # the live HomePage
    sections: tuple  # the sections in the menu, in menu order
    pages: tuple  # the other pages in the menu (About, Contact, …)
    contact: Page | None

    @classmethod
    def of(cls, language_code):
        """Return the edition of a language, from the cache; None for an unknown language."""
        return _load(language_code)

    @classmethod
    def active(cls):
        """Return the edition of the active language."""
        return cls.of(active_language())

    @classmethod
    def for_request(cls, request):
        """Return the request's edition, looked up once per request and language."""
        found = request.__dict__.setdefault("_nashra_editions", {})
        language = translation.get_language()
        if language not in found:
            found[language] = cls.active()
        return found[language]


@remembered("edition")
def _load(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    home = HomePage.objects.live().for_language(language_code)
    if home is not None:
        home.locale = locale  # spares every reader of edition.home.locale a query
    menu = list(home.get_children().live().in_menu()) if home else []
    return Edition(
        language_code=language_code,
        locale=locale,
        settings=EditionSettings.for_locale(locale),
        home=home,
        sections=tuple(page for page in menu if page.specific_class is SectionPage),
        pages=tuple(page for page in menu if page.specific_class is not SectionPage),
        contact=next((page for page in menu if page.specific_class is ContactPage), None),
    )


def forget_editions(**kwargs):
    """Forget every edition: its settings, home or menu changed."""
    forget(*(_load.get_cache_key(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES))


def _forget_for_page(instance, **kwargs):
    """A home page, or a page directly below one (the menu), changed."""
    if (instance.depth or 0) <= 3:
        forget_editions()


def connect():
    """Forget the editions when what they hold changes: settings, locales, sites, menus."""
    for model in (EditionSettings, Locale, Site):
        for signal in (post_save, post_delete):  # a uid is per signal: one serves both
            signal.connect(forget_editions, sender=model, dispatch_uid=f"edition-{model._meta}")
    # Page signals name the page's own class as sender: one receiver per page type.
    for model in get_page_models():
        for signal in (post_save, post_delete, page_unpublished):
            signal.connect(_forget_for_page, sender=model, dispatch_uid=f"edition-{model._meta}")
    post_page_move.connect(forget_editions, dispatch_uid="edition-page-move")
