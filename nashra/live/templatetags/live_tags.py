import datetime
import json

from babel.dates import format_date
from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from nashra.core import dates

from ..feeds import update_headline as headline
from ..states import state_of
from ..views import POLLED_UPDATES

register = template.Library()


def _digits(context, text):
    edition = context.get("edition")
    system = getattr(getattr(edition, "settings", None), "digits", None)
    return dates.shape_digits(text, system) if system else text


@register.simple_tag(takes_context=True)
def update_time(context, value):
    """An update's local time and short date ("2:05 PM · 7 Dec"), in full for a hover."""
    if not value:
        return ""
    day = format_date(dates.local_date(value), "d MMM", locale=dates.babel_locale())
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        value.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        _digits(context, dates.long_datetime(value)),
        _digits(context, f"{dates.short_time(value)} · {day}"),
    )


@register.filter
def update_datetime(value):
    """The local date and time of a moment, as a live page announces its start."""
    if not value:
        return ""
    return f"{dates.long_date(value)} · {dates.short_time(value)}"


@register.filter
def update_headline(update):
    return headline(update)


@register.simple_tag(takes_context=True)
def update_links(context, page, update):
    """Where an update's time links (its anchor) and the address shared for it (its own)."""
    request = context.get("request")
    base = context.get("_live_page_url")
    if base is None:
        url = page.get_url(request)
        base = request.build_absolute_uri(url) if request is not None else page.full_url
        context.dicts[0]["_live_page_url"] = base
    return {
        "anchor": f"#{update.anchor}",
        "share": base + page.reverse_subpage("update", args=(update.pk,)),
        "title": update.title or page.title,
    }


@register.simple_tag(takes_context=True)
def live_state(context, article):
    """Return "live" or "scheduled" for a live page on the air or about to be, else ""."""
    if article is None or not getattr(article, "pk", None):
        return ""
    return state_of(article.pk, request=context.get("request"))


@register.simple_tag(takes_context=True)
def live_states(context, articles):
    """``live_state`` of each of a list of teasers, as one value a fragment of them varies on."""
    request = context.get("request")
    shown = [article for article in articles if getattr(article, "pk", None)]
    return ",".join(state_of(article.pk, request=request) for article in shown)


@register.simple_tag(takes_context=True)
def live_labels(context):
    """The "N new updates" wordings the reader's script shows, for each N it can show.

    Written here, where each language's plural rules apply (Arabic has six forms), rather
    than assembled in the script.
    """
    counts = [
        _digits(
            context,
            ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": count},
        )
        for count in range(1, POLLED_UPDATES + 1)
    ]
    reload = gettext("More new updates: reload the page to see them all")
    return json.dumps({"counts": counts, "reload": reload}, ensure_ascii=False)


@register.simple_tag
def desk_can_change(desk, update):
    return desk.can_change(update)


@register.simple_tag
def desk_can_publish(desk, update):
    return desk.can_publish_update(update)
