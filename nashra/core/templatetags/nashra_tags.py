from django import template
from django.utils import translation
from wagtail.models import Page

from nashra.core import dates, i18n

register = template.Library()


@register.filter
def reltime(value, now=None):
    """Return how long ago a moment was, in the active language ("3 months ago")."""
    if not value:
        return ""
    return dates.relative(value, now=now)


@register.filter
def fulldate(value):
    """Return the full local date and time in the active language, for titles and tooltips."""
    if not value:
        return ""
    return dates.long_datetime(value)


@register.filter
def hijri(value):
    """Return the local day's Umm al-Qura Hijri date in the active language."""
    if not value:
        return ""
    return dates.hijri_date(value)


@register.filter(is_safe=True)
def digits(value, system):
    """Write the digits of value in the edition's digits: {{ n|digits:edition.settings.digits }}."""
    return dates.shape_digits(value, system)


@register.simple_tag(takes_context=True)
def edition_alternates(context):
    """Return where this page lives in the other editions, and its hreflang links."""
    request = context.get("request")
    if request is None:
        return {"switcher": [], "hreflang": []}
    active = translation.get_language()
    alternates = i18n.edition_alternates(
        request,
        page=context.get("page"),
        topic=context.get("topic"),
        author=context.get("author"),
        active_language=active,
    )
    return {"switcher": alternates, "hreflang": i18n.hreflang_links(request, alternates, active)}


@register.filter
def within(page, ancestor):
    """Return True when page is ancestor itself or lies below it in the page tree."""
    return isinstance(page, Page) and page.path.startswith(ancestor.path)


@register.filter
def language_name(code):
    return i18n.language_name(code)


@register.filter
def isolate_ltr(value):
    """In a right-to-left edition, isolate Latin and numeric runs so they never scramble a line."""
    if not translation.get_language_bidi():
        return value
    from nashra.core.bidi import isolate_ltr_runs

    return isolate_ltr_runs(value)
