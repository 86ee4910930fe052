from django import template

from nashra.caching import tags

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
