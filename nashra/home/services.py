"""Setting up an edition: its home page, its settings and its sections."""

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from nashra.core.models import EditionSettings
from nashra.news.models import SectionPage

from .models import HomePage


def get_or_create_home(language_code, title):
    """Return the edition's home page, creating it (and pointing the site at it) if needed."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    home = HomePage.objects.for_language(language_code)
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


def get_or_create_section(home, slug_path, title, intro="", translation_key=None):
    """Return the section at slug_path (e.g. "news/middle-east") below home, creating it.

    Its parent (the home, or the section above it) must exist.
    """
    section = SectionPage.objects.at_path(home, slug_path)
    if section is not None:
        return section, False
    parent_path, _, slug = slug_path.strip("/").rpartition("/")
    parent = SectionPage.objects.at_path(home, parent_path) if parent_path else home
    if parent is None:
        raise SectionPage.DoesNotExist(f"No section at {parent_path!r} below {home}")
    section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=parent == home)
    if translation_key is not None:
        section.translation_key = translation_key
    with transaction.atomic():
        parent.add_child(instance=section)
        section.save_revision().publish()
    return section, True
