"""Where a page lives in the other editions: for the language switcher and hreflang links."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page

from nashra.caching import tags
from nashra.caching.store import version_of
from nashra.core import privacy

from .editions import Edition


@dataclass
class Alternate:
    language_code: str
    name: str
    url: str
    exact: bool  # the page's own counterpart, not a fallback to a section or home


def _page_alternates(request, page):
    """Return {language: (url, exact)} for the page's counterparts, else nearest ancestors'.

    A private counterpart is no counterpart: a reader could not follow the link. Remembered
    until the page, or any edition, is purged: publishing a counterpart purges the page's
    own tag (nashra.caching.purge.for_article), and a section, a move or a page made
    private purges editions.
    """
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    # Read before the pages are: a change committed meanwhile files them under an old key.
    version = version_of([tags.article_tag(page.pk), *map(tags.edition_tag, codes)])
    host = hashlib.blake2b(request.get_host().encode(), digest_size=8).hexdigest()
    key = f"nashra:alternates:{page.pk}:{host}:{version}"
    found = cache.get(key)
    if found is None:
        found = _find_page_alternates(request, page)
        cache.set(key, found, settings.NASHRA_CACHE_STALENESS)
    return found


def _find_page_alternates(request, page):
    steplen = page.steplen
    paths = [page.path[: steplen * depth] for depth in range(2, page.depth + 1)]
    candidates = (
        Page.objects.live()
        .filter(privacy.public_q())
        .filter(translation_key__in=Page.objects.filter(path__in=paths).values("translation_key"))
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("-depth")
    )
    found = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        exact = candidate.translation_key == page.translation_key
        if code not in found or (exact and not found[code][1]):
            found[code] = (candidate, exact)
    return {code: (target.get_url(request), exact) for code, (target, exact) in found.items()}


def _snippet_alternates(request, obj, route_name):
    """Return {language: (url, exact)} for a topic or author page on each edition's home."""
    editions = (Edition.of(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
    homes = {edition.locale.pk: edition.home for edition in editions if edition and edition.home}
    counterparts = {
        other.locale_id: other
        for other in type(obj)
        .objects.filter(translation_key=obj.translation_key)
        .exclude(locale_id=obj.locale_id)
    }
    found = {}
    for locale_id, home in homes.items():
        if locale_id == obj.locale_id:
            continue
        other = counterparts.get(locale_id)
        if other is not None:
            url = home.get_url(request) + home.reverse_subpage(route_name, args=[other.slug])
            found[home.locale.language_code] = (url, True)
        else:
            found[home.locale.language_code] = (home.get_url(request), False)
    return found


def _homes(request, exclude_language):
    homes = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        edition = Edition.of(code) if code != exclude_language else None
        if edition and edition.home is not None:
            homes[code] = (edition.home.get_url(request), False)
    return homes


def hreflang_links(request, alternates, active_language):
    """Return (hreflang, absolute URL) pairs: this page, its counterparts and x-default."""
    current = request.build_absolute_uri(request.path)
    links = [(active_language, current)]
    links += [
        (alternate.language_code, request.build_absolute_uri(alternate.url))
        for alternate in alternates
        if alternate.exact
    ]
    default = dict(links).get(settings.LANGUAGE_CODE, current)
    return [*links, ("x-default", default)]


def edition_alternates(request, page=None, topic=None, author=None, active_language=None):
    """Return an Alternate per other edition, counterpart first, else its section or home."""
    if topic is not None:
        found = _snippet_alternates(request, topic, "topic")
    elif author is not None:
        found = _snippet_alternates(request, author, "author")
    elif isinstance(page, Page) and page.depth >= 2:
        found = _page_alternates(request, page)
        others = {code for code, _name in settings.LANGUAGES} - {active_language}
        if others - found.keys():
            for code, fallback in _homes(request, active_language).items():
                found.setdefault(code, fallback)
    else:
        found = _homes(request, active_language)
    names = dict(settings.LANGUAGES)
    return [
        Alternate(code, names[code], found[code][0], found[code][1])
        for code, _name in settings.LANGUAGES
        if code in found and code != active_language
    ]
