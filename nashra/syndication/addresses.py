"""Where the API answers: ``/<language>/ninjs/…``, worked out from a page row and the editions.

Paths come back percent-encoded (an Arabic slug too), as ``reverse`` writes them: the same
form a cache tag and a ninjs ``uri`` need.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from nashra.home.editions import Edition


def _reverse(name, language_code, *args):
    with translation.override(language_code):
        return reverse(name, args=args)


def edition_path(language_code):
    return _reverse("ninjs-edition", language_code)


def item_path(language_code, page_id):
    return _reverse("ninjs-item", language_code, page_id)


def section_path(language_code, slugs):
    """Return the list of a section by its slugs below the edition's home ("news/yemen")."""
    return _reverse("ninjs-section", language_code, slugs)


def topic_path(language_code, slug):
    return _reverse("ninjs-topic", language_code, slug)


def author_path(language_code, slug):
    return _reverse("ninjs-author", language_code, slug)


def path_below_home(page):
    """Return a page's path below its edition's home: "news/yemen/<slug>/".

    An edition's home is a child of the tree's root, so a ``url_path`` is "/<home>/<path>".
    """
    return page.url_path.split("/", 2)[2]


def edition_of_language(language_code):
    """Return an edition if its home is live; else None (cached, no query)."""
    edition = Edition.of(language_code)
    return edition if edition is not None and edition.home is not None else None


def edition_of(locale_id):
    """Return the edition of a locale if its home is live; else None (cached, no query)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        edition = edition_of_language(code)
        if edition is not None and edition.locale.pk == locale_id:
            return edition
    return None
