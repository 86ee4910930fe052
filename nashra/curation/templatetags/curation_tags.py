from django import template
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from nashra.curation.breaking import on_air

register = template.Library()


@register.simple_tag(takes_context=True)
def breaking_news(context):
    """Return the edition's breaking news on air, if any: {% breaking_news as breaking %}."""
    if context.get("request") is None:  # error pages rendered without a request or a database
        return None
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    return on_air(language)
