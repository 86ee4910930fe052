import uuid
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from nashra.caching import tags
from nashra.caching.store import version_of
from nashra.home import alternates as found

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_alternates(context):
    """Return where this page lives in the other editions, and its hreflang links."""
    request = context.get("request")
    if request is None:
        return {"switcher": [], "hreflang": []}
    active = translation.get_language()
    alternates = found.edition_alternates(
        request,
        page=context.get("page"),
        topic=context.get("topic"),
        author=context.get("author"),
        active_language=active,
    )
    return {"switcher": alternates, "hreflang": found.hreflang_links(request, alternates, active)}


@dataclass(frozen=True)
class Chrome:
    """How long, and under which version, a page's header and footer may be reused."""

    seconds: int
    version: str
    sections: tuple = ()  # the edition's sections this page lies in, marked in the menu


@register.simple_tag(takes_context=True)
def edition_chrome(context):
    """The version of what every page of the edition shows around its own content.

    The menus, the edition's own pages, its settings and its name change only with a purge
    of the edition (nashra/caching/signals.py), which changes this version; the links are
    the host's own, so the host is part of it. A preview is never kept.
    """
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return Chrome(0, uuid.uuid4().hex)
    language = translation.get_language()
    page = context.get("page")
    edition = context.get("edition")
    sections = ()
    if isinstance(page, Page) and edition:
        sections = tuple(
            section.pk for section in edition.sections if page.path.startswith(section.path)
        )
    version = f"{language}:{request.get_host()}:{version_of([tags.edition_tag(language)])}"
    return Chrome(settings.NASHRA_CACHE_STALENESS, version, sections)
