"""The live desk: post, publish, edit and delete a live page's updates; end its coverage."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from . import services
from .forms import EditLiveUpdateForm, LiveUpdateForm
from .models import LivePage, LiveUpdate

DESK_UPDATES = 50
DESK_HISTORY = 20


def _desk(request, page_id):
    page = get_object_or_404(LivePage, pk=page_id)
    desk = services.LiveDesk.for_user(request.user, page)
    if not desk.can_post:
        raise PermissionDenied
    return page, desk


def _desk_url(page):
    return reverse("nashra_live_desk", args=[page.pk])


def _history(page):
    """The newest entries of the updates' audit trail: who posted, edited, deleted what."""
    return (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(LiveUpdate),
            data__page=page.pk,
            action__startswith="nashra.live.",
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")[:DESK_HISTORY]
    )


def live_desk(request, page_id):
    """The live page's desk: the "post an update" form, drafts waiting, the latest updates."""
    page, desk = _desk(request, page_id)
    form = LiveUpdateForm(request.POST or None, page=page)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST and desk.can_publish
        services.post_update(page, request.user, publish=publish, **form.cleaned_data)
        messages.success(request, _("Update published.") if publish else _("Draft saved."))
        return redirect(_desk_url(page))
    updates = page.updates.select_related("author", "created_by")
    context = {
        "page": page,
        "desk": desk,
        "form": form,
        "state": page.coverage_state(),
        "drafts": updates.drafts().order_by("-created_at", "-pk"),
        "published": updates.published().newest_first()[:DESK_UPDATES],
        "history": _history(page),
        "header_title": _("Live desk"),
    }
    return TemplateResponse(request, "live/admin/desk.html", context)


def edit_update(request, page_id, update_id):
    page, desk = _desk(request, page_id)
    update = get_object_or_404(LiveUpdate, pk=update_id, page=page)
    if not desk.can_change(update):
        raise PermissionDenied
    form = EditLiveUpdateForm(request.POST or None, instance=update, page=page)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        correction_text = fields.pop("correction_text", "")
        services.edit_update(update, request.user, correction_text=correction_text, **fields)
        messages.success(request, _("Update saved."))
        return redirect(_desk_url(page))
    context = {
        "page": page,
        "update": update,
        "form": form,
        "header_title": _("Edit update"),
    }
    return TemplateResponse(request, "live/admin/edit_update.html", context)


@require_POST
def publish_update(request, page_id, update_id):
    page, _desk_rights = _desk(request, page_id)
    update = get_object_or_404(LiveUpdate, pk=update_id, page=page)
    services.publish_update(update, request.user)
    messages.success(request, _("Update published."))
    return redirect(_desk_url(page))


def delete_update(request, page_id, update_id):
    page, desk = _desk(request, page_id)
    update = get_object_or_404(LiveUpdate, pk=update_id, page=page)
    if not desk.can_change(update):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_update(update, request.user)
        messages.success(request, _("Update deleted."))
        return redirect(_desk_url(page))
    context = {"page": page, "update": update, "header_title": _("Delete update")}
    return TemplateResponse(request, "live/admin/delete_update.html", context)


@require_POST
def coverage(request, page_id):
    """End the coverage now, or resume it."""
    page, _desk_rights = _desk(request, page_id)
    action = request.POST.get("action")
    if action not in ("end", "resume"):
        return HttpResponseBadRequest(_("Say whether to end or resume the coverage."))
    ends_at = timezone.now() if action == "end" else None
    services.set_coverage_end(page, request.user, ends_at)
    messages.success(
        request, _("The coverage has ended.") if ends_at else _("The coverage is live again.")
    )
    return redirect(_desk_url(page))
