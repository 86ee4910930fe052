from django import template
from django.utils.safestring import mark_safe

from nashra.core import dates, inline
from nashra.lite import addresses

register = template.Library()


@register.simple_tag
def lite_url(obj):
    """Return the lite address of a page or topic, or "": {% lite_url page as url %}.

    A live, public home, section or article has one (``/ar/lite/news/<slug>/``), as has a
    topic (``/en/lite/topics/iraq/``); any other page, a draft or a private page has none.
    Costs no query.
    """
    return addresses.lite_url(obj)


@register.simple_tag
def lite_style():
    """Return the lite edition's few lines of style, inline (allowed by their CSP hash)."""
    return mark_safe(f"<style>{inline.LITE_STYLE}</style>")  # noqa: S308 - a constant


@register.filter
def lite_date(value, digits):
    """Return the local date, long, in the edition's digits: {{ d|lite_date:numerals }}."""
    if not value:
        return ""
    return dates.shape_digits(dates.long_date(value), digits)


@register.filter
def lite_datetime(value, digits):
    """Return the local date and the time to the minute: "7 December 2026 · 1:02 AM"."""
    if not value:
        return ""
    time = dates.short_time(value)
    return dates.shape_digits(f"{dates.long_date(value)} · {time}", digits)
