"""The admin screens the project adds or changes, found in the URL configuration.

``project_views()`` reads the admin's URLs and keeps the project's: views defined under
nashra/ (the hooks' ``register_admin_urls``, the viewsets, nashra/urls.py's own) and those
named ``nashra_…``. ``screens()`` is one request for each that shows a page, plus the stock
Wagtail screens the project fills with its own words (its page types' editors, its panels on
the dashboard, its buttons in the page listing, its log actions in the history).
``NOT_SCREENS`` says why each remaining view has no screen of its own.
"""

from dataclasses import dataclass, field
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.models import get_page_models
from wagtail.snippets.views.snippets import SnippetViewSet

from nashra.accounts.views import RECOVERY_CODES_SESSION_KEY

ADMIN = "admin/"
BASELINE = "nashra.baseline."

# View names (or their ends, after the namespace) that answer no person with a page.
NOT_SCREENS = {
    "list_results": "the rows of a listing, refreshed inside its screen",
    "index_results": "the rows of a listing, refreshed inside its screen",
    "history_results": "the rows of a history, refreshed inside its screen",
    "choose_results": "the rows of a chooser, refreshed inside its modal",
    "nashra_sign_in_failures_results": "the rows of a report, refreshed inside its screen",
    "nashra_site_history_results": "the rows of a report, refreshed inside its screen",
    "chosen": "the JSON a chooser answers with once something is chosen",
    "chosen_multiple": "the JSON a chooser answers with once something is chosen",
    "create": "a chooser's creation form, posted from its modal",
    "copy": "the add form, filled in with the copied object",
    "revisions_revert": "the edit form, filled in with an older revision",
    "nashra_live_publish": "POST only: a button of the live desk",
    "nashra_live_coverage": "POST only: a button of the live desk",
    "nashra_sign_in_unlock": "POST only: a button of the sign-in failures report",
    "nashra_two_factor_passkey_added": "POST only: the passkey's name, sent by the page's script",
    "nashra_withdraw_submission": "POST only: a button of the writer's dashboard",
    "nashra_two_factor_passkey_register_begin": "JSON for the passkey script",
    "nashra_two_factor_passkey_register_complete": "JSON for the passkey script",
    "nashra_two_factor_passkey_verify_begin": "JSON for the passkey script",
    "nashra_two_factor_passkey_verify_complete": "JSON for the passkey script",
    "wagtailadmin_api:pages:listing": "the admin's JSON API, for the page explorer's script",
    "wagtailadmin_api:pages:detail": "the admin's JSON API, for the page explorer's script",
    "wagtailadmin_api:pages:find": "the admin's JSON API, for the page explorer's script",
    "wagtailadmin_api:pages:action": "the admin's JSON API, for the page explorer's script",
}


@dataclass(frozen=True)
class Screen:
    """One request of an admin screen, made by ``who`` (see test_arabic_admin_screens)."""

    name: str
    url: str
    # One of the newsroom's people ("desk", "newcomer", "writer", "section editor"), the desk
    # signed in with the password only ("unverified"), or "signed out".
    who: str = "desk"
    data: dict | None = None  # POSTed when given: a form sent back with its errors
    status: int = 200
    session: dict = field(default_factory=dict)
    modal: bool = False  # a JSON answer whose "html" is the screen


def _walk(resolver, route="", namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route + str(pattern.pattern), ":".join((*namespaces, pattern.name)), pattern


def _is_project(viewset):
    return type(viewset).__module__.startswith("nashra.")


@cache
def project_views():
    """Return the names of the admin views the project adds, as the URL configuration has them."""
    names = set()
    for route, name, pattern in _walk(get_resolver()):
        module = getattr(pattern.callback, "__module__", "") or ""
        if route.startswith(ADMIN) and (module.startswith("nashra.") or name.startswith("nashra_")):
            names.add(name)
    namespaces = {viewset.url_namespace for viewset in viewsets.viewsets if _is_project(viewset)}
    for _route, name, _pattern in _walk(get_resolver()):
        if name.split(":")[0] in namespaces:
            names.add(name)
    return frozenset(names)


def without_a_screen(name):
    """Return why a view has no screen of its own, or None."""
    return NOT_SCREENS.get(name) or NOT_SCREENS.get(name.rsplit(":", 1)[-1])


def _snippet_url(namespace, view, obj):
    if view == "list":
        return reverse(f"{namespace}:list")
    if view == "add":
        return reverse(f"{namespace}:add") + "?locale=ar"
    if view == "revisions_compare":
        return reverse(f"{namespace}:{view}", args=[obj.pk, "earliest", "latest"])
    return reverse(f"{namespace}:{view}", args=[obj.pk])


def snippet_screens(objects):
    """Every view of the project's snippets, on the newsroom's object of each model."""
    screens = []
    for viewset in viewsets.viewsets:
        if not (isinstance(viewset, SnippetViewSet) and _is_project(viewset)):
            continue
        label = viewset.model._meta.label_lower  # not its verbose name: that is translated
        obj = next(obj for obj in objects.values() if type(obj) is viewset.model)
        namespace = viewset.get_admin_url_namespace()
        for _route, name, _pattern in _walk(get_resolver()):
            if name.startswith(f"{namespace}:") and not without_a_screen(name):
                view = name.split(":")[1]
                screens.append(Screen(f"{label}: {view}", _snippet_url(namespace, view, obj)))
        chooser = reverse(f"{viewset.get_chooser_admin_url_namespace()}:choose")
        screens.append(Screen(f"{label}: choose", chooser, modal=True))
    return screens


def page_screens(pages):
    """The editor of each Arabic page, and the form of a new page of each type the project
    adds, below the first of the edition's home and section that takes it."""
    screens = [
        Screen(f"page editor: {name}", reverse("wagtailadmin_pages:edit", args=[page.pk]))
        for name, page in pages.items()
        if page.locale.language_code == "ar"
    ]
    for model in project_page_models():
        parent = next(
            (page for page in (pages["home"], pages["section"]) if model.can_create_at(page)),
            None,
        )
        if parent is not None:
            app_label, model_name = model._meta.app_label, model._meta.model_name
            url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])
            screens.append(Screen(f"new page: {model._meta.label_lower}", url))
    return screens


def project_page_models():
    """The project's page types; the benchmark's bare page is stock Wagtail by design."""
    return [
        model
        for model in get_page_models()
        if model.__module__.startswith("nashra.") and not model.__module__.startswith(BASELINE)
    ]


def review_screens(page):
    task_state = page.current_workflow_task_state
    return [
        Screen(
            f"review: {action}",
            reverse(
                "wagtailadmin_pages:collect_workflow_action_data",
                args=[page.pk, action, task_state.pk],
            ),
            modal=True,
        )
        for action in ("reject", "approve")
    ]


def account_screens(passkey):
    return [
        Screen("account", reverse("wagtailadmin_account")),
        Screen("2FA: verify", reverse("nashra_two_factor_verify"), who="unverified"),
        Screen("2FA: first set-up", reverse("nashra_two_factor_set_up"), who="newcomer"),
        Screen("2FA: new authenticator", reverse("nashra_two_factor_set_up")),
        Screen(
            "2FA: recovery codes",
            reverse("nashra_two_factor_recovery_codes"),
            session={RECOVERY_CODES_SESSION_KEY: ["a1b2c3d4e5", "f6g7h8i9j0"]},
        ),
        Screen("2FA: new recovery codes", reverse("nashra_two_factor_new_recovery_codes")),
        Screen("2FA: turn off", reverse("nashra_two_factor_turn_off")),
        Screen("2FA: passkeys", reverse("nashra_two_factor_passkeys")),
        Screen(
            "2FA: remove a passkey",
            reverse("nashra_two_factor_passkey_remove", args=[passkey.pk]),
        ),
        Screen("sign in", reverse("wagtailadmin_login"), who="signed out"),
        Screen("password reset", reverse("nashra_password_reset"), who="signed out"),
    ]


def screens(newsroom):
    """Return every screen, with who opens it."""
    pages, objects = newsroom.pages, newsroom.objects
    live, update, draft = pages["live"], objects["live update"], objects["live draft"]
    ar_news = pages["section"]
    result = [
        Screen("dashboard", reverse("wagtailadmin_home")),
        Screen("dashboard: writer", reverse("wagtailadmin_home"), who="writer"),
        Screen("dashboard: section editor", reverse("wagtailadmin_home"), who="section editor"),
        Screen("page listing", reverse("wagtailadmin_explore", args=[ar_news.pk])),
        Screen("site history", reverse("nashra_site_history")),
        Screen("page history", reverse("wagtailadmin_pages:history", args=[pages["article"].pk])),
        Screen("users", reverse("wagtailusers_users:index")),
        Screen("2FA: reset", reverse("nashra_two_factor_reset", args=[objects["lost phone"].pk])),
        Screen("sign-in failures", reverse("nashra_sign_in_failures")),
        Screen("live desk", reverse("nashra_live_desk", args=[live.pk])),
        Screen(
            "live desk: empty update",
            reverse("nashra_live_desk", args=[live.pk]),
            data={"title": "", "body-count": "0", "author": ""},
        ),
        Screen("live: edit update", reverse("nashra_live_edit", args=[live.pk, update.pk])),
        Screen("live: delete update", reverse("nashra_live_delete", args=[live.pk, draft.pk])),
        Screen(
            "link a translation",
            reverse("nashra_link_translation", args=[pages["article"].pk]),
        ),
        Screen(
            "link a translation: nothing chosen",
            reverse("nashra_link_translation", args=[pages["article"].pk]),
            data={},
        ),
        Screen("wire inbox", reverse("wire_inbox:index")),
        Screen("wire item", reverse("wire_inbox:item", args=[objects["wire item"].pk])),
        Screen(
            "wire item: no section",
            reverse("wire_inbox:take", args=[objects["wire item"].pk]),
            data={"section": ""},
            status=400,
        ),
        Screen("partner feeds", reverse("wire_feeds:index")),
        Screen("partner feed: add", reverse("wire_feeds:add")),
    ]
    feed = objects["feed"]
    for view in ("edit", "delete", "history", "usage"):
        result.append(
            Screen(f"partner feed: {view}", reverse(f"wire_feeds:{view}", args=[feed.pk]))
        )
    result += snippet_screens(objects)
    result += page_screens(pages)
    result += review_screens(pages["draft"])
    result += account_screens(newsroom.passkey)
    return result


def view_name(url):
    return resolve(url.split("?")[0]).view_name
