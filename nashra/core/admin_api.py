"""The admin's page API (the sidebar explorer, choosers' previews) within the user's sight."""

from wagtail.admin.api.views import PagesAdminAPIViewSet

from nashra.core.permissions import visible_in_choosers_q


class ScopedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin page API lists every page to any admin user, embargoed drafts of other
    desks included. Here it shows what the choosers show: live pages, and the user's own
    desk's drafts. Listings, details, child_of/descendant_of parents and actions all start
    from this queryset.
    """

    def get_base_queryset(self):
        pages = super().get_base_queryset()
        visible = visible_in_choosers_q(self.request.user)
        return pages if visible is None else pages.filter(visible)
