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


# WebP only, no AVIF: Pillow's AVIF encoder (libaom) took 0.5 s for a 480x320 thumbnail and
# 0.9 to 1.9 s for an 800 to 1200 px picture on a busy 2-CPU machine, WebP 0.1 to 0.35 s, and
# the first reader of a new article waits for every rendition it shows (19 for a hero and a
# gallery of eight, in each format). Quality 75, cwebp's own default: at Wagtail's 80 photos
# weigh as much as its JPEG at 76; at 75 they are 13 to 17 % lighter and as sharp (SSIM
# within 0.015 of that JPEG's).
MODERN_TYPE = "image/webp"
MODERN_FILTER = "format-webp|webpquality-75"


def _srcset(renditions):
    """Return the srcset of these renditions, each width once, or "" if they share one width.

    Wagtail never enlarges a picture, so a small original gives width-800 and width-1200
    renditions of the same width, and a srcset naming one width twice is invalid HTML.
    """
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    if len(by_width) < 2:
        return ""
    return ", ".join(f"{r.url} {width}w" for width, r in sorted(by_width.items()))


@register.simple_tag
def srcset_img(image, filter_specs, sizes="", **attrs):
    """Return a <picture>: the renditions as WebP, then an <img> of them in the original's format.

    Browsers that read WebP (all current ones) fetch only the WebP candidate ``sizes`` asks
    for; the <img> keeps the width, height, alt and loading attributes for every browser.
    All the renditions come from one lookup, the prefetched ones when the page prefetched.
    """
    specs = Filter.expand_spec(filter_specs)
    modern_specs = [f"{spec}|{MODERN_FILTER}" for spec in specs]
    renditions = image.get_renditions(*specs, *modern_specs)
    fallback = [renditions[spec] for spec in specs]
    modern = [renditions[spec] for spec in modern_specs]
    first = fallback[0]
    attrs = {
        "src": first.url,
        "width": first.width,
        "height": first.height,
        **{name.replace("_", "-"): value for name, value in attrs.items()},
    }
    source = {"type": MODERN_TYPE, "srcset": _srcset(modern) or modern[0].url}
    if srcset := _srcset(fallback):
        attrs["srcset"] = srcset
        if sizes:
            attrs["sizes"] = source["sizes"] = sizes
    # alt="" is meaningful (a decorative picture), so it is written even when empty.
    alt = attrs.pop("alt", "") or ""
    return format_html(
        '<picture><source{}><img alt="{}"{}></picture>',
        flatatt(dict(sorted(source.items()))),
        alt,
        flatatt(dict(sorted(attrs.items()))),
    )
