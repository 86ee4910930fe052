from babel.dates import format_datetime, format_timedelta
from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

register = template.Library()


def _babel_locale():
    return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)


@register.filter
def reltime(value, now=None):
    """Return how long ago a moment was, in the active language ("3 months ago")."""
    if not value:
        return ""
    delta = (now or timezone.now()) - value
    if abs(delta.total_seconds()) < 60:
        return _("just now")
    return format_timedelta(-delta, add_direction=True, locale=_babel_locale())


@register.filter
def fulldate(value):
    """Return the full local date and time in the active language, for titles and tooltips."""
    if not value:
        return ""
    return format_datetime(
        value, format="long", tzinfo=timezone.get_current_timezone(), locale=_babel_locale()
    )


@register.simple_tag(takes_context=True)
def edition_links(context):
    """Return, for every edition, where the language switcher should lead from this page."""
    request = context.get("request")
    page = context.get("page")
    active = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for translation_page in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[translation_page.locale.language_code] = translation_page
    homes = {
        home.locale.language_code: home
        for home in Page.objects.filter(depth=2, live=True).select_related("locale")
    }
    links = []
    for code, name in settings.LANGUAGES:
        if code == active:
            continue
        target = translations.get(code) or homes.get(code)
        if target is not None:
            links.append({"code": code, "name": name, "url": target.get_url(request)})
    return links


@register.filter
def within(page, ancestor):
    """Return True when page is ancestor itself or lies below it in the page tree."""
    return isinstance(page, Page) and page.path.startswith(ancestor.path)
