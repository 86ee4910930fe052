"""Judging the admin's answers: allowed or refused, and whether the database was written."""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from .forms import form_fields

ALLOWED, REFUSED = "allowed", "refused"


def expect(flag):
    return ALLOWED if flag else REFUSED


def param(*values, expected, extra="", marks=()):
    """Return a case whose id reads like the table's row: label-view-place-user-expected."""
    words = [*map(str, values), expected, extra]
    return pytest.param(*values, expected, id="-".join(w for w in words if w), marks=marks)


def outcome(response):
    """Return whether the admin did what was asked (ALLOWED) or turned the request away.

    Turned away: 403, 404, 400; a redirect to the dashboard (Wagtail's "permission denied")
    or to the login page; a 404 that LocaleMiddleware turned into a redirect to the same
    path under an edition's prefix (/en/admin/…); a posted form shown again (with its
    errors); a modal that shows its creation form again. A redirect anywhere else is a
    success (a create, edit or delete view's next page).
    """
    status = response.status_code
    if status in (400, 403, 404, 405):
        return REFUSED
    if status in (301, 302, 303):
        target = urlsplit(response.url).path
        refusals = {reverse("wagtailadmin_home"), reverse("wagtailadmin_login")}
        refusals |= {
            f"/{code}{response.request['PATH_INFO']}" for code, _name in settings.LANGUAGES
        }
        return REFUSED if target in refusals else ALLOWED
    if status in (201, 204):
        return ALLOWED  # the admin API: created, or deleted
    if status == 200:
        if response.request["REQUEST_METHOD"] != "POST":
            return ALLOWED
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/json"):
            step = json.loads(response.content or b"{}").get("step")
            return REFUSED if step == "reshow_creation_form" else ALLOWED
        return REFUSED  # the form again: a success always redirects
    raise AssertionError(f"unexpected status {status} from {response.request['PATH_INFO']}")


def snapshot(*models):
    """Return every row of the models, to compare before and after a request."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values()) for model in models
    }


def assert_unchanged(before, *models):
    after = snapshot(*models)
    for table, rows in before.items():
        assert after[table] == rows, f"{table} was written"


def text_of(response):
    """Return a response's text; a JSON answer (a modal, the API) with its escapes undone."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return response.content.decode()


_forms = {}


def browser_form(as_user, url):
    """Return the form at url as a superuser's browser would post it back.

    Kept per URL: every test starts from the same database, so the form is the same.
    """
    if url not in _forms:
        _forms[url] = form_fields(as_user("superuser").get(url))
    return _forms[url]


def post(client, url, data):
    return client.post(url, dict(data.lists()))
