"""Where the lite edition serves a page: ``/<language>/lite/`` and the page's path below its home.

The full article ``/ar/news/yemen/<slug>/`` is ``/ar/lite/news/yemen/<slug>/``; a topic page
``/en/topics/iraq/`` is ``/en/lite/topics/iraq/``. Worked out from what a page row holds
(its ``url_path``, locale, path and type) and the cached editions: no query.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from nashra.core import privacy
from nashra.home.editions import Edition
from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage
from nashra.topics.models import Topic

# The pages the lite edition shows; every other kind (About, Contact, corrections) has none.
LITE_PAGE_TYPES = (HomePage, SectionPage, ArticlePage)


def home_url(language_code):
    """Return the lite edition's home: "/ar/lite/"."""
    with translation.override(language_code):
        return reverse("lite-home")


def path_below_home(page):
    """Return a page's path below its edition's home ("news/yemen/"; "" for the home itself).

    An edition's home is a child of the tree's root, so a ``url_path`` is "/<home>/<path>".
    """
    return page.url_path.split("/", 2)[2]


def page_url(page, language_code):
    return home_url(language_code) + path_below_home(page)


def topic_url(topic, language_code):
    return f"{home_url(language_code)}topics/{topic.slug}/"


def edition_of(locale_id):
    """Return the edition of a locale, if it has a live home; else None."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        edition = Edition.of(code)
        if edition is not None and edition.home is not None and edition.locale.pk == locale_id:
            return edition
    return None


def lite_url(obj):
    """Return the lite address of a live, public home, section or article, or of a topic.

    "" for anything else: a draft, a private page (or one below it), another kind of page,
    a page outside its edition's home.
    """
    if isinstance(obj, Topic):
        edition = edition_of(obj.locale_id)
        return topic_url(obj, edition.language_code) if edition else ""
    if not getattr(obj, "live", False) or not hasattr(obj, "specific_class"):
        return ""
    model = obj.specific_class
    if model is None or not issubclass(model, LITE_PAGE_TYPES):
        return ""
    edition = edition_of(obj.locale_id)
    if edition is None or not obj.path.startswith(edition.home.path):
        return ""
    if privacy.is_private(obj.path):
        return ""
    return page_url(obj, edition.language_code)
