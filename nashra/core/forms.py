from wagtail.admin.forms import WagtailAdminPageForm


class EditionPageForm(WagtailAdminPageForm):
    """The admin form of every page of an edition."""
