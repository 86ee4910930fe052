from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from nashra.core.models import EditionSettings
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic


class EditionSettingsViewSet(SnippetViewSet):
    model = EditionSettings
    icon = "cog"
    list_display = ["site_name", "locale"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


class SourceViewSet(SnippetViewSet):
    model = Source
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


register_snippet(NewsroomViewSetGroup)

# Importing the module registers its hooks: the content fields' language and direction.
from nashra.core import admin_hooks  # noqa: E402, F401
