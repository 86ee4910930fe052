from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import BaseItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import LivePage
from .services import LiveDesk


@hooks.register("register_admin_urls")
def register_live_desk_urls():
    return [
        path("live/<int:page_id>/", admin_views.live_desk, name="nashra_live_desk"),
        path("live/<int:page_id>/coverage/", admin_views.coverage, name="nashra_live_coverage"),
        path(
            "live/<int:page_id>/updates/<int:update_id>/edit/",
            admin_views.edit_update,
            name="nashra_live_edit",
        ),
        path(
            "live/<int:page_id>/updates/<int:update_id>/publish/",
            admin_views.publish_update,
            name="nashra_live_publish",
        ),
        path(
            "live/<int:page_id>/updates/<int:update_id>/delete/",
            admin_views.delete_update,
            name="nashra_live_delete",
        ),
    ]


def _desk_button(page, user, priority):
    page = page.specific_deferred
    if isinstance(page, LivePage) and LiveDesk.for_user(user, page).can_post:
        yield Button(
            _("Post live updates"),
            reverse("nashra_live_desk", args=[page.pk]),
            icon_name="radio-full",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name, next_url=None):
    yield from _desk_button(page, user, priority=10)


@hooks.register("register_page_listing_more_buttons")
def live_desk_listing_button(page, user, next_url=None):
    yield from _desk_button(page, user, priority=5)


class LiveDeskItem(BaseItem):
    template_name = "live/admin/userbar_item.html"

    def __init__(self, page):
        super().__init__()
        self.page = page


@hooks.register("construct_wagtail_userbar")
def add_live_desk_to_userbar(request, items, page):
    if isinstance(page, LivePage) and LiveDesk.for_user(request.user, page).can_post:
        items.insert(1, LiveDeskItem(page))


@hooks.register("register_log_actions")
def register_live_log_actions(actions):
    actions.register_action("nashra.live.draft", _("Draft live update"), _("Live update drafted"))
    actions.register_action(
        "nashra.live.publish", _("Publish live update"), _("Live update published")
    )
    actions.register_action("nashra.live.edit", _("Edit live update"), _("Live update edited"))
    actions.register_action("nashra.live.delete", _("Delete live update"), _("Live update deleted"))
    actions.register_action("nashra.live.end", _("End live coverage"), _("Live coverage ended"))
    actions.register_action(
        "nashra.live.resume", _("Resume live coverage"), _("Live coverage resumed")
    )


@hooks.register("before_serve_page")
def note_live_page(page, request, serve_args, serve_kwargs):
    """A live page is kept as an article is, but readers' browsers check it again sooner."""
    if isinstance(page, LivePage):
        request._nashra_cache_policy = "live"
