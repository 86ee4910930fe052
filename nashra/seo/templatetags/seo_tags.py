from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html
from wagtail.images.models import Filter

from nashra.seo.meta import page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Return the page's canonical URL, Open Graph, Twitter and JSON-LD data for the <head>."""
    return page_meta(context)


@register.filter
def isoformat(value):
    """Return a moment as ISO 8601 to the second, the form <time datetime> accepts."""
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def srcset_img(image, filter_specs, sizes="", **attrs):
    """Return an <img> whose srcset lists each width once.

    Wagtail never enlarges a picture, so a small original gives width-800 and width-1200
    renditions of the same width, and a srcset naming one width twice is invalid HTML.
    """
    specs = Filter.expand_spec(filter_specs)
    renditions = list(image.get_renditions(*specs).values())
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    first = renditions[0]
    attrs = {
        "src": first.url,
        "width": first.width,
        "height": first.height,
        **{name.replace("_", "-"): value for name, value in attrs.items()},
    }
    if len(by_width) > 1:
        attrs["srcset"] = ", ".join(f"{r.url} {width}w" for width, r in sorted(by_width.items()))
        if sizes:
            attrs["sizes"] = sizes
    # alt="" is meaningful (a decorative picture), so it is written even when empty.
    alt = attrs.pop("alt", "") or ""
    return format_html('<img alt="{}"{}>', alt, flatatt(dict(sorted(attrs.items()))))
