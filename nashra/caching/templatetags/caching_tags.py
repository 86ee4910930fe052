import hashlib
import uuid
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation

from nashra.caching import tags
from nashra.caching.listings import Ref
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
    return shown_articles(context, [article] if article is not None else [])


@register.simple_tag(takes_context=True)
def shown_articles(context, articles, *more):
    """``shown_article`` for a list of teasers kept as one fragment: reused until any of the
    articles or the edition is purged, the oldest "… ago" ages, or the list itself changes
    (its articles, their order, or what else ``more`` names, such as their live states).
    """
    request = context.get("request")
    articles = [article for article in articles if getattr(article, "pk", None)]
    if not articles:
        return Fragment(0, uuid.uuid4().hex)
    article_tags = [tags.article_tag(article.pk) for article in articles]
    tags.add(request, *article_tags)
    if request is None or getattr(request, "is_preview", False):
        return Fragment(0, uuid.uuid4().hex)
    seconds = settings.NASHRA_CACHE_STALENESS
    for article in articles:
        published = getattr(article, "published_at", None)
        tags.note_relative_date(request, published)
        seconds = min(seconds, tags.freshness(published) or seconds)
    language = translation.get_language()
    stamp = version_of([*article_tags, tags.edition_tag(language)])
    version = f"{language}:{request.get_host()}:{stamp}"
    if len(articles) > 1 or more:
        listed = ",".join(str(article.pk) for article in articles)
        version += ":" + hashlib.blake2b(f"{listed}|{more!r}".encode(), digest_size=12).hexdigest()
    return Fragment(seconds, version)


@register.simple_tag
def resolved(article):
    """The article itself, for a teaser rendered afresh: a listing may hand its teasers
    ``listings.Ref``s, which know only an id and a date. ``{% resolved article as article %}``.
    """
    return article.resolve() if isinstance(article, Ref) else article
