"""Every admin URL, snippet, page type and bulk action is classified, so none slips past the
matrix: a new view fails here, naming itself, until it is put in a class (and, if it is
scoped, into the matrix).

- ``scoped``: ours, edition- or section-scoped, exercised by test_snippets / test_pages.
- ``pages``: Wagtail's page views, guarded by Wagtail page permissions over the newsroom's
  grants, exercised by the page rows of test_pages.
- ``global``: belongs to no edition; the reason says why.
"""

from fnmatch import fnmatch

import pytest
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from nashra.core.permissions import ARTICLE_EDITORS, EDITION_CHIEFS, EDITION_DESKS
from nashra.core.viewsets import ScopedSnippetViewSet
from nashra.newsroom import roles

from .admin_urls import admin_urls, snippet_label, snippet_namespaces, snippet_views
from .pages import BULK_ACTIONS
from .policy import ARTICLE, CHIEFS, DESKS, PAGE_ACTIONS, SNIPPETS
from .snippets import COVERED_CHOOSER_VIEWS, COVERED_VIEWS

SCOPED, PAGES, GLOBAL = "scoped", "pages", "global"

# (pattern over the URL's qualified name, or over its route when it has none): class, why.
# Snippet viewsets and their choosers are classified by their model (see classify()).
ADMIN_URLS = [
    ("nashra_link_translation", SCOPED, "Link a translation: test_pages.test_link_translation*"),
    ("nashra_live_*", SCOPED, "the live desk, the page's section: live/tests/test_desk.py"),
    ("nashra_withdraw_submission", SCOPED, "own submission, still editable: test_dashboard"),
    ("wire_inbox:*", SCOPED, "wire inbox: the item's edition; Take: add in the section"),
    ("wire_feeds:*", SCOPED, "partner feeds, the edition's chiefs: wire/tests/test_feed_admin"),
    ("wagtailadmin_editing_sessions:ping", SCOPED, "who may edit the page or snippet: matrix"),
    ("simple_translation:submit_snippet_translation", SCOPED, "test_translate_snippet"),
    ("simple_translation:submit_page_translation", PAGES, "test_translate_article"),
    ("wagtail_bulk_action", SCOPED, "each registered bulk action: test_bulk_actions_*"),
    ("wagtailadmin_pages:*", PAGES, "add, edit, publish, move, copy…: Wagtail page permissions"),
    ("wagtailadmin_explore*", PAGES, "the page explorer: the user's explorable pages"),
    ("wagtailadmin_choose_page", PAGES, "page chooser (nashra-scope: only the user's pages)"),
    ("wagtailadmin_choose_page_child", PAGES, "page chooser browsing a section"),
    ("wagtailadmin_choose_page_search", PAGES, "page chooser search"),
    ("wagtailadmin_choose_page_chosen_multiple", PAGES, "page chooser's answer"),
    ("wagtailadmin_api:pages:*", PAGES, "the explorer's API: listings and page actions"),
    ("wagtailadmin_home", GLOBAL, "the dashboard: its panels list the user's own work"),
    ("admin/test404/", GLOBAL, "a 404 on purpose"),
    ("admin/^.*/$", GLOBAL, "the admin's catch-all 404"),
    ("wagtailadmin_error_test", GLOBAL, "an error on purpose (error page checks)"),
    ("wagtailadmin_api:documents:*", GLOBAL, "one document library for both editions"),
    ("wagtailadmin_api:images:*", GLOBAL, "one image library for both editions"),
    ("wagtailadmin_choose_page_*_link", GLOBAL, "link forms (URL, email, phone, anchor)"),
    ("wagtailadmin_tag_*autocomplete", GLOBAL, "tag names"),
    ("wagtailadmin_collections:*", GLOBAL, "image/document collections: collection permissions"),
    ("wagtailadmin_workflows:*", GLOBAL, "the review workflow's set-up: administrators"),
    ("nashra_site_history*", SCOPED, "site history, scoped: test_site_history_report"),
    ("wagtailadmin_reports:site_history*", SCOPED, "shadowed by nashra_site_history"),
    ("wagtailadmin_reports:*", GLOBAL, "reports on pages: Wagtail page permissions"),
    ("wagtailadmin_account", GLOBAL, "the user's own account"),
    ("wagtailadmin_log*", GLOBAL, "logging in and out"),
    ("wagtailadmin_password_reset*", GLOBAL, "password reset"),
    ("nashra_password_reset", GLOBAL, "password reset, limited per address: test_password_reset"),
    ("nashra_two_factor_reset", GLOBAL, "another's second step: user admins, test_admin_reset"),
    ("nashra_two_factor_*", GLOBAL, "the user's own second step: accounts/test_two_factor"),
    ("nashra_sign_in_*", GLOBAL, "failed sign-ins: user admins, accounts/test_lockout"),
    ("wagtailadmin_dismissibles", GLOBAL, "the user's dismissed hints"),
    ("wagtailadmin_editing_sessions:release", GLOBAL, "releases the user's own session"),
    ("wagtailadmin_block_preview", GLOBAL, "previews a block from posted values, no object"),
    ("wagtailadmin_sprite", GLOBAL, "icons"),
    ("wagtailadmin_javascript_catalog", GLOBAL, "translations of the admin's scripts"),
    ("wagtailredirects:*", GLOBAL, "site-wide redirects: administrators"),
    ("wagtailembeds:*", GLOBAL, "embed look-up"),
    ("wagtailsnippets:index", GLOBAL, "the list of snippet types"),
    ("wagtaildocs*", GLOBAL, "documents: one library, collection permissions"),
    ("wagtailimages*", GLOBAL, "images: one library, collection permissions"),
    ("wagtailsites:*", GLOBAL, "sites: administrators"),
    ("wagtailusers_*", GLOBAL, "users and groups: administrators"),
    ("wagtaillocales:*", GLOBAL, "locales (the editions themselves): administrators"),
]

PAGE_MODELS = {
    "wagtailcore.page": "the root: nobody edits it",
    "news.articlepage": "the page rows of the matrix",
    "live.livepage": "an article whose updates the live desk posts: as articles",
    "news.sectionpage": "the sections the page rows add to, move and copy into",
    "home.homepage": "an edition's home: its chiefs' grant, Wagtail page permissions",
    "pages.standardpage": "About us and the like: Wagtail page permissions, as articles",
    "pages.contactpage": "Contact us: Wagtail page permissions, as articles",
    "corrections.correctionspage": "the public corrections list: Wagtail page permissions",
    "baseline.barepage": "make bench's stock-Wagtail page: not creatable, never in production",
}

# (app_label, model_name, action): class, why. Snippet deletes are classified by model.
BULK = {
    ("wagtailcore", "page", action): (PAGES, "test_bulk_page_action") for action in BULK_ACTIONS
}
BULK.update(
    {
        ("auth", "user", "assign_role"): (GLOBAL, "users: administrators"),
        ("auth", "user", "delete"): (GLOBAL, "users: administrators"),
        ("auth", "user", "set_active_state"): (GLOBAL, "users: administrators"),
        ("core", "nashraimage", "add_tags"): (GLOBAL, "images: collection permissions"),
        ("core", "nashraimage", "add_to_collection"): (GLOBAL, "images: collections"),
        ("core", "nashraimage", "delete"): (GLOBAL, "images: collection permissions"),
        ("wagtaildocs", "document", "add_tags"): (GLOBAL, "documents: collection permissions"),
        ("wagtaildocs", "document", "add_to_collection"): (GLOBAL, "documents: collections"),
        ("wagtaildocs", "document", "delete"): (GLOBAL, "documents: collection permissions"),
    }
)
SCOPES = {DESKS: EDITION_DESKS, CHIEFS: EDITION_CHIEFS, ARTICLE: ARTICLE_EDITORS}


def classify(route, name):
    """Return (class, reason) of an admin URL, or None when it is not classified."""
    if name and ":" in name:
        namespace, view = name.rsplit(":", 1)
        label = snippet_label(namespace)
        if label is not None:
            if label not in SNIPPETS:
                return None  # a snippet the policy does not know
            is_viewset = namespace == snippet_namespaces(label)[0]
            covered = COVERED_VIEWS if is_viewset else COVERED_CHOOSER_VIEWS
            return (SCOPED, "the snippet rows") if view in covered else None
    for pattern, kind, reason in ADMIN_URLS:
        if fnmatch(name or route, pattern):
            return kind, reason
    return None


def test_every_admin_url_is_classified():
    unclassified = sorted(
        f"/{route} ({name})" for route, name in admin_urls() if classify(route, name) is None
    )
    assert not unclassified, "admin URLs outside the matrix:\n" + "\n".join(unclassified)


def test_every_class_of_url_still_exists():
    """A stale row of the table hides nothing, but says something untrue: keep it current."""
    names = [name or route for route, name in admin_urls()]
    stale = [p for p, _kind, _why in ADMIN_URLS if not any(fnmatch(n, p) for n in names)]
    assert not stale


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda m: m._meta.label_lower)
def test_every_snippet_is_scoped_as_the_policy_says(model):
    label = model._meta.label_lower
    assert label in SNIPPETS, f"{label} is not in the policy table (policy.SNIPPETS)"
    viewset = model.snippet_viewset
    assert isinstance(viewset, ScopedSnippetViewSet), f"{label}: not a ScopedSnippetViewSet"
    assert viewset.scope is SCOPES[SNIPPETS[label][0]]
    assert snippet_views(label) <= COVERED_VIEWS


def test_every_policy_snippet_is_registered():
    assert set(SNIPPETS) == {model._meta.label_lower for model in get_snippet_models()}


def test_every_page_model_is_classified():
    assert {model._meta.label_lower for model in get_page_models()} == set(PAGE_MODELS)


def test_every_bulk_action_is_classified():
    admin_urls()  # registers the hooks
    bulk_action_registry._scan_for_bulk_actions()
    unclassified = []
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action in actions:
                label = f"{app_label}.{model_name}"
                if label in SNIPPETS and action == "delete":
                    continue  # test_object_write[…bulk_delete…], test_bulk_delete_of_all
                if (app_label, model_name, action) not in BULK:
                    unclassified.append(f"/admin/bulk/{app_label}/{model_name}/{action}/")
    assert not unclassified, "bulk actions outside the matrix:\n" + "\n".join(unclassified)


def test_policy_table_matches_the_roles():
    """policy.py restates nashra.newsroom.roles: a change there must show in the table."""
    actions = {"view", "add", "change", "delete"}
    for label, (_scope, by_role) in SNIPPETS.items():
        app_label, model_name = label.split(".")
        for role in (roles.WRITERS, roles.EDITORS, roles.CHIEF_EDITORS):
            granted = {
                action
                for action in actions
                if f"{app_label}.{action}_{model_name}" in roles.MODEL_PERMISSIONS[role]
            }
            assert granted == by_role.get(role, set()), (label, role)
    for role, page_actions in PAGE_ACTIONS.items():
        granted = {codename.removesuffix("_page") for codename in roles.PAGE_PERMISSIONS[role]}
        assert granted - {"lock", "unlock"} == page_actions, role
