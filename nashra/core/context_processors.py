from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale


def _edition():
    from nashra.core.models import EditionSettings
    from nashra.home.models import HomePage
    from nashra.news.models import SectionPage
    from nashra.pages.models import ContactPage

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return None
    home = HomePage.objects.filter(locale=locale, live=True).order_by("path").first()
    menu = list(home.get_children().live().in_menu()) if home else []
    return {
        "locale": locale,
        "settings": EditionSettings.for_locale(locale),
        "home": home,
        "sections": [page for page in menu if page.specific_class is SectionPage],
        "pages": [page for page in menu if page.specific_class is not SectionPage],
        "contact": next((page for page in menu if page.specific_class is ContactPage), None),
    }


def edition(request):
    """Expose the active edition (settings, home page, menus) to every template, lazily."""
    return {"edition": SimpleLazyObject(_edition)}
