from django import template
from wagtail.models import Locale

from nashra.analytics.counting import beacon_url
from nashra.analytics.most_read import most_read as most_read_lists

register = template.Library()


@register.inclusion_tag("components/most_read.html", takes_context=True)
def most_read(context):
    """Render the current edition's most-read lists (last 24 hours, last 7 days)."""
    edition = context.get("edition")
    if edition:
        locale, digits = edition.locale, edition.settings.digits
    else:
        locale, digits = Locale.get_active(), ""
    lists = most_read_lists(locale, context.get("request"))
    return {
        "day": lists["day"],
        "week": lists["week"],
        "digits": digits,
        "request": context.get("request"),  # the links tag the page for purges
    }


@register.inclusion_tag("components/view_beacon.html", takes_context=True)
def view_beacon(context, page):
    """Render what makes a reader's browser report one view of this article."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or not page.live:
        return {}
    return {"beacon_url": beacon_url(page.pk), "page_id": page.pk}
