from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from nashra.core import dates, inline
from nashra.core.bidi import isolate_ltr_runs

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


@register.filter
def within(page, ancestor):
    """Return True when page is ancestor itself or lies below it in the page tree."""
    return isinstance(page, Page) and page.path.startswith(ancestor.path)


@register.filter
def language_name(code):
    """Return an edition's language name in the active language ("Arabic", "الإنجليزية")."""
    names = {"ar": translation.gettext("Arabic"), "en": translation.gettext("English")}
    return names.get(code, code)


@register.filter
def isolate_ltr(value):
    """In a right-to-left edition, isolate Latin and numeric runs so they never scramble a line."""
    if not translation.get_language_bidi():
        return value
    return isolate_ltr_runs(value)


@register.simple_tag
def theme_script():
    """Return the inline script that applies the reader's chosen theme before the first paint."""
    return mark_safe(f"<script>{inline.THEME_SCRIPT}</script>")  # noqa: S308 - a constant
