"""The Newsroom menu: topics, authors, sources and each edition's settings, kept to the desk."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from nashra.core.models import EditionSettings
from nashra.core.permissions import EDITION_CHIEFS, EDITION_DESKS
from nashra.core.usage.views import InUseProtectionMixin
from nashra.core.viewsets import ScopedSnippetViewSet
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic


class EditionSettingsViewSet(ScopedSnippetViewSet):
    model = EditionSettings
    scope = EDITION_CHIEFS
    icon = "cog"
    list_display = ["site_name", "locale"]


class TopicViewSet(InUseProtectionMixin, ScopedSnippetViewSet):
    model = Topic
    scope = EDITION_DESKS
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class AuthorViewSet(InUseProtectionMixin, ScopedSnippetViewSet):
    model = Author
    scope = EDITION_DESKS
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


class SourceViewSet(InUseProtectionMixin, ScopedSnippetViewSet):
    model = Source
    scope = EDITION_DESKS
    icon = "globe"
    list_display = ["name", "kind", "url", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AuthorViewSet, SourceViewSet, EditionSettingsViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Newsroom")
    menu_name = "newsroom"
    menu_order = 200
