import uuid
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation

from nashra.caching import tags
from nashra.caching.store import version_of

register = template.Library()


@register.simple_tag(takes_context=True)
def cache_tag(context, article):
    """Note that this page shows ``article`` (a teaser, a link): changing it purges the page.

    Renders nothing: ``{% cache_tag article %}`` beside each link to an article.
    """
    if article is not None and getattr(article, "pk", None):
        tags.add(context.get("request"), tags.article_tag(article.pk))
    return ""


@register.simple_tag(takes_context=True)
def relative_date_shown(context, moment):
    """Note that this page says how long ago ``moment`` was; renders nothing.

    A page saying "5 minutes ago" is then kept by caches for a minute at most.
    """
    tags.note_relative_date(context.get("request"), moment)
    return ""


@dataclass(frozen=True)
class Fragment:
    seconds: int
    version: str


@register.simple_tag(takes_context=True)
def shown_article(context, article):
    """``cache_tag`` for a teaser, which also says how long, and under which version, the
    teaser's rendering may be reused: until the article or its edition is purged, or its
    "… ago" ages. ``{% shown_article article as shown %}{% cache shown.seconds … %}``.
    """
    request = context.get("request")
    if article is None or not getattr(article, "pk", None):
        return Fragment(0, uuid.uuid4().hex)
    tags.add(request, tags.article_tag(article.pk))
    if request is None or getattr(request, "is_preview", False):
        return Fragment(0, uuid.uuid4().hex)
    published = getattr(article, "published_at", None)
    tags.note_relative_date(request, published)
    seconds = tags.freshness(published) or settings.NASHRA_CACHE_STALENESS
    language = translation.get_language()
    stamp = version_of([tags.article_tag(article.pk), tags.edition_tag(language)])
    return Fragment(seconds, f"{language}:{request.get_host()}:{stamp}")
