from django.core.exceptions import PermissionDenied
from wagtail import hooks

from nashra.core.admin_api import ScopedPagesAdminAPIViewSet
from nashra.core.permissions import SCOPED_CHOOSER, choosable_pages_q, visible_in_choosers_q


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
