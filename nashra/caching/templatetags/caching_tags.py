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
