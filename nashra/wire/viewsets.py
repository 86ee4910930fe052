"""The admin's "Wire" menu: the inbox, and the partner feeds.

Partner feeds are managed as edition settings are, by the edition's chief editors (and the
administrators): the ``wire.*_partnerfeed`` permissions are theirs (migration 0002), within
their own edition (``EDITION_CHIEFS``). Every view of another edition's feed is refused and
the forms offer only the chief's editions, as the newsroom's scoped snippets do.
"""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from nashra.core.permissions import EDITION_CHIEFS, EDITION_DESKS, ScopedPermissionPolicy
from nashra.core.viewsets import scoped

from . import admin_views
from .models import PartnerFeed


class PartnerFeedIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("locale", "source")
        return self.permission_policy.scope.filter(queryset, self.request.user)


class StatusColumn(Column):
    cell_template_name = "wire/feed_status_cell.html"


class PartnerFeedViewSet(ModelViewSet):
    model = PartnerFeed
    name = "wire_feeds"
    url_prefix = "wire/feeds"
    icon = "globe"
    menu_label = _("Partner feeds")
    index_view_class = PartnerFeedIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["locale", "enabled"]
    search_fields = ["name", "url"]

    @cached_property
    def list_display(self):
        return [
            "name",
            "locale",
            "source",
            "poll_interval",
            StatusColumn("status", label=_("Status")),
            Column("items_seen", label=_("Items delivered")),
        ]

    @cached_property
    def permission_policy(self):
        return ScopedPermissionPolicy(self.model, EDITION_CHIEFS)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped(view_class), **kwargs)


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return EDITION_DESKS.reaches_anything(request.user)


class WireInboxViewSet(ViewSet):
    name = "wire_inbox"
    url_prefix = "wire/inbox"
    icon = "doc-full-inverse"
    menu_label = _("Inbox")
    menu_item_class = InboxMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.inbox, name="index"),
            path("<int:item_id>/", admin_views.item_view, name="item"),
            path("<int:item_id>/take/", admin_views.take, name="take"),
        ]


class WireViewSetGroup(ViewSetGroup):
    items = (WireInboxViewSet, PartnerFeedViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Wire")
    menu_name = "wire"
    menu_order = 195
