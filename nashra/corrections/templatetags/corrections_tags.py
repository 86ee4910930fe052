from django import template

from nashra.corrections.queries import corrections_of

register = template.Library()


@register.simple_tag
def article_corrections(article):
    """Return an article's corrections: {% article_corrections page as corrections %}."""
    return corrections_of(article)
