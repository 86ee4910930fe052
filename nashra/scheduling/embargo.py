"""An editor's Publish on an embargoed article becomes a publish scheduled for the embargo."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from nashra.core.dates import long_datetime, zone
from nashra.core.models import EditionSettings


def edition_time_zone(obj):
    """Return the time zone of the edition an object belongs to (the default one without)."""
    locale = getattr(obj, "locale", None)
    name = EditionSettings.for_locale(locale).time_zone if locale else None
    return zone(name or "")


def local_time(value, obj):
    """Return a stored (UTC) moment as the object's edition prints it, with its offset."""
    return long_datetime(value, tzinfo=edition_time_zone(obj))


def active_embargo(page, now=None):
    embargo = getattr(page, "embargo_until", None)
    if embargo and embargo > (now or timezone.now()):
        return embargo
    return None


def schedule_instead_of_publishing(request, page):
    """Schedule the just-saved revision for the embargo's end; return the redirect to follow.

    Runs as ``before_publish_page``: the create and edit views have saved the revision and
    are about to publish it. Returns None (publish as usual) when no embargo is running.
    """
    page = page.specific
    embargo = active_embargo(page)
    if embargo is None:
        return None
    revision = page.latest_revision
    go_live_at = max(page.go_live_at or embargo, embargo)
    # Wagtail's publish action reads go_live_at from the revision: a go-live in the future
    # makes it schedule rather than publish.
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["content"])
    PublishPageRevisionAction(revision, user=request.user).execute(skip_permission_checks=True)
    messages.warning(
        request,
        _(
            "“%(title)s” is under embargo until %(embargo)s, so this version was not "
            "published: it is scheduled to go live at %(go_live)s."
        )
        % {
            "title": page.get_admin_display_title(),
            "embargo": local_time(embargo, page),
            "go_live": local_time(go_live_at, page),
        },
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def warn_of_embargo(request, page):
    """Tell the editor opening an embargoed article when the embargo ends."""
    if request.method != "GET":
        return
    embargo = active_embargo(page.specific)
    if embargo:
        messages.warning(
            request,
            _("Embargoed until %(embargo)s: publishing before then only schedules it.")
            % {"embargo": local_time(embargo, page)},
        )
