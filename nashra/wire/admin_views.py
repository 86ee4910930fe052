"""The wire inbox in the admin: the list, one item, and Take.

Who sees the inbox: the newsroom staff of the item's edition (anyone holding a desk there:
writers, editors, chief editors; administrators see every edition). Who may take an item:
whoever Wagtail lets add an article to the chosen section.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nashra.core.pagination import paginate
from nashra.core.permissions import EDITION_DESKS

from .forms import InboxFilterForm, TakeForm
from .models import WireItem
from .services import TakeRefused, may_add_article, take_item, writable_sections

ITEMS_PER_PAGE = 30


def _require_desk(user):
    if not EDITION_DESKS.reaches_anything(user):
        raise PermissionDenied


def _item(request, item_id):
    """The item, if it belongs to one of the user's editions; 403 otherwise."""
    _require_desk(request.user)
    item = get_object_or_404(WireItem.objects.for_listing(), pk=item_id)
    if not EDITION_DESKS.allows(request.user, item):
        raise PermissionDenied
    return item


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def inbox(request):
    _require_desk(request.user)
    form = InboxFilterForm(request.GET or None, user=request.user)
    items = EDITION_DESKS.filter(WireItem.objects.for_listing(), request.user)
    page = paginate(request, form.filter(items).newest_first(), per_page=ITEMS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "header_title": _("Wire inbox"),
        "form": form,
        "items": page,
        "query": query.urlencode(),
        "filtered": form.is_bound,
    }
    return TemplateResponse(request, "wire/inbox.html", context)


def item_view(request, item_id):
    item = _item(request, item_id)
    return _render_item(request, item, _take_form(request, item))


def _take_form(request, item, data=None):
    default = item.sources.all()[0].feed if item.sources.all() else None
    return TakeForm(
        data,
        offered=writable_sections(request.user, item),
        initial_section_id=default.default_section_id if default else None,
    )


def _render_item(request, item, form, status=200):
    context = {"header_title": _("Wire item"), "item": item, "form": form}
    return TemplateResponse(request, "wire/item.html", context, status=status)


@require_POST
def take(request, item_id):
    item = _item(request, item_id)
    if item.is_taken:
        return _already_taken(request, item.taken_page, item.taken_by)
    form = _take_form(request, item, request.POST)
    if not form.is_valid():
        return _render_item(request, item, form, status=400)
    section = form.cleaned_data["section"]
    if not may_add_article(request.user, section):
        raise PermissionDenied
    try:
        taken = take_item(item, section, request.user)
    except TakeRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("wire_inbox:item", item.pk)
    if not taken.created:
        return _already_taken(request, taken.page, taken.taken_by)
    messages.success(
        request,
        _("“%(title)s” is a draft in %(section)s. Edit it, then submit it for review.")
        % {"title": taken.page.title, "section": section.title},
    )
    return redirect(_edit_url(taken.page))


def _already_taken(request, page, user):
    name = (user.get_full_name() or user.get_username()) if user else _("someone")
    messages.warning(
        request,
        _("%(name)s took this item already: here is the draft it became.") % {"name": name},
    )
    return redirect(_edit_url(page))
