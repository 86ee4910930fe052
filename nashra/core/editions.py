"""Creating the skeleton of a language edition: its home page, settings and sections."""

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from nashra.core.models import EditionSettings


def get_or_create_home(language_code, title):
    """Return the edition's home page, creating it (and pointing the site at it) if needed."""
    from nashra.home.models import HomePage

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    home = HomePage.objects.filter(locale=locale).first()
    if home is not None:
        return home, False

    root = Page.get_first_root_node()
    existing_home = HomePage.objects.first()
    home = HomePage(title=title, slug=f"home-{language_code}", locale=locale)
    if existing_home is not None:
        # Share the translation key, so Wagtail serves /xx/ from the matching edition.
        home.translation_key = existing_home.translation_key
    root.add_child(instance=home)
    home.save_revision().publish()

    if existing_home is None:
        # The first edition becomes the site's root; the others are served as its translations.
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            placeholder = site.root_page
            site.root_page = home
            site.save()
            if placeholder.depth == 2 and placeholder.pk != home.pk:
                placeholder.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home, True


@transaction.atomic
def set_edition_settings(language_code, user=None, **values):
    """Create or change an edition's settings, leaving a revision of a change (by user, if any).

    The demo loader's revision (the system's) is the first an editor can compare with and
    restore; setting the same values again changes nothing and leaves no revision.
    """
    locale = Locale.objects.get(language_code=language_code)
    edition_settings = EditionSettings.objects.filter(locale=locale).first()
    created = edition_settings is None
    if created:
        edition_settings = EditionSettings(locale=locale)
    elif all(getattr(edition_settings, name) == value for name, value in values.items()):
        return edition_settings
    for name, value in values.items():
        setattr(edition_settings, name, value)
    edition_settings.save()
    revision = edition_settings.save_revision(user=user, clean=False)
    action = "wagtail.create" if created else "wagtail.edit"
    log(instance=edition_settings, action=action, user=user, revision=revision)
    return edition_settings


def find_counterpart(language_code, slug_path):
    """Return the page at slug_path below an edition's home, e.g. ("en", "news/yemen")."""
    from nashra.home.models import HomePage

    home = HomePage.objects.filter(locale__language_code=language_code).first()
    if home is None:
        return None
    url_path = home.url_path + slug_path.strip("/") + "/"
    return Page.objects.filter(url_path=url_path, locale=home.locale).first()


def get_or_create_section(home, slug_path, title, intro="", translation_key=None):
    """Return the section at slug_path (e.g. "news/middle-east") below home, creating it."""
    from nashra.news.models import SectionPage

    parent = home
    *parents, slug = slug_path.strip("/").split("/")
    for parent_slug in parents:
        parent = parent.get_children().get(slug=parent_slug).specific
    section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
    if section is not None:
        return section, False
    section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=parent == home)
    if translation_key is not None:
        section.translation_key = translation_key
    with transaction.atomic():
        parent.add_child(instance=section)
        section.save_revision().publish()
    return section, True


# The chrome every public page shows (settings, home, menus) changes rarely: it is cached per
# edition so a page pays no query for it, and forgotten the moment any of it changes.
CHROME_CACHE_SECONDS = 600  # bounds staleness where the cache is per process (no Redis)


def _chrome_key(language_code):
    return f"nashra:edition-chrome:{language_code}"


def edition_chrome(language_code):
    """Return an edition's locale, settings, home page and menus; None for an unknown language."""
    from nashra.caching.store import remember

    return remember(
        _chrome_key(language_code), lambda: _load_chrome(language_code), CHROME_CACHE_SECONDS
    )


def _load_chrome(language_code):
    from nashra.home.models import HomePage
    from nashra.news.models import SectionPage
    from nashra.pages.models import ContactPage

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
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


def forget_chrome(**kwargs):
    """Drop every edition's cached chrome, now and once the change is committed."""
    from django.conf import settings
    from django.core.cache import cache

    keys = [_chrome_key(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_chrome_for_page(instance, **kwargs):
    """Forget the chrome when a home page or a page directly below one changes."""
    if isinstance(instance, Page) and (instance.depth or 0) <= 3:
        forget_chrome()
