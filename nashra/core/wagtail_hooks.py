from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from nashra.core.admin_api import ScopedPagesAdminAPIViewSet
from nashra.core.models import EditionSettings
from nashra.core.permissions import (
    EDITION_CHIEFS,
    EDITION_DESKS,
    SCOPED_CHOOSER,
    choosable_pages_q,
    visible_in_choosers_q,
)
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


register_snippet(NewsroomViewSetGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_outside_the_users_scope(request, instances):
    """Wagtail's bulk delete checks the model permission only; hold it to the scope too."""
    for instance in instances:
        policy = type(instance).snippet_viewset.permission_policy
        if not policy.user_has_permission_for_instance(request.user, "delete", instance):
            raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def keep_choosers_to_what_the_user_may_see(pages, request):
    """Choosers show live pages and the user's own drafts; the chooser of an article for a
    correction or a front page shows only the articles the user may publish.
    """
    visible = visible_in_choosers_q(request.user)
    if visible is not None:
        pages = pages.filter(visible)
    if request.GET.get("user_perms") != SCOPED_CHOOSER:
        return pages
    choosable = choosable_pages_q(request.user)
    return pages if choosable is None else pages.filter(choosable)


@hooks.register("construct_admin_api")
def keep_the_admin_page_api_to_what_the_user_may_see(router):
    router.register_endpoint("pages", ScopedPagesAdminAPIViewSet)


# Importing the module registers its hooks: the content fields' language and direction.
from nashra.core import admin_hooks  # noqa: E402, F401

# Deleting in-use topics, authors and sources: the bulk action and the merge's audit entry.
from nashra.core.usage import hooks as usage_hooks  # noqa: E402, F401
