from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from nashra.caching import tags

from .admin_views import link_translation_view
from .models import ArticlePage


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "translations/link/<int:page_id>/",
            link_translation_view,
            name="nashra_link_translation",
        )
    ]


def _link_button(page, user, priority):
    if (
        isinstance(page.specific_deferred, ArticlePage)
        and page.permissions_for_user(user).can_publish()
    ):
        yield Button(
            _("Link a translation"),
            reverse("nashra_link_translation", args=[page.pk]),
            icon_name="globe",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def translation_header_button(page, user, view_name, next_url=None):
    yield from _link_button(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def translation_listing_button(page, user, next_url=None):
    yield from _link_button(page, user, priority=70)


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    actions.register_action(
        "nashra.link_translation", _("Link translation"), _("Linked as a translation")
    )


@hooks.register("before_serve_page")
def note_what_the_page_is(page, request, serve_args, serve_kwargs):
    """Articles are kept longer than listings, and carry their own cache tag."""
    if isinstance(page, ArticlePage):
        request._nashra_cache_policy = "article"
        tags.add(request, tags.article_tag(page.pk))
