from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from nashra.core.permissions import EDITION_CHIEFS
from nashra.core.viewsets import ScopedSnippetViewSet

from .models import ContactMessage


class ContactMessageViewSet(ScopedSnippetViewSet):
    model = ContactMessage
    scope = EDITION_CHIEFS
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["subject", "name", "email", "locale", "created_at"]
    list_filter = ["locale"]
    search_fields = ["name", "email", "subject", "message"]
    ordering = ["-created_at"]
    inspect_view_enabled = True


register_snippet(ContactMessageViewSet)
