from django import template
from django.utils import translation

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
