from django.utils.functional import SimpleLazyObject


def _edition(request):
    from nashra.core.models import EditionSettings
    from nashra.home.models import HomePage
    from nashra.news.models import SectionPage
    from nashra.pages.models import ContactPage

    edition_settings = EditionSettings.for_request(request)
    if edition_settings is None:
        return None
    locale = edition_settings.locale
    home = HomePage.objects.filter(locale=locale, live=True).order_by("path").first()
    menu = list(home.get_children().live().in_menu()) if home else []
    return {
        "locale": locale,
        "settings": edition_settings,
        "home": home,
        "sections": [page for page in menu if page.specific_class is SectionPage],
        "pages": [page for page in menu if page.specific_class is not SectionPage],
        "contact": next((page for page in menu if page.specific_class is ContactPage), None),
    }


def edition(request):
    """Expose the active edition (settings, home page, menus) to every template, lazily."""
    return {"edition": SimpleLazyObject(lambda: _edition(request))}
