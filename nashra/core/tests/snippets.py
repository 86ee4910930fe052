"""Driving a snippet's admin as editors do: open its form, save it, read its history."""

from bs4 import BeautifulSoup
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import Revision

from nashra.accounts.tests.factories import UserFactory

from .admin_forms import form_data, post_data


def snippet_url(obj, view, *args):
    viewset = type(obj).snippet_viewset
    return reverse(viewset.get_url_name(view), args=(quote(obj.pk), *args))


def guarded_url(obj):
    """The edit view with StaleEditGuardMixin, served by nashra.core.tests.guarded_urls."""
    return f"/guarded/{obj._meta.app_label}/{obj._meta.model_name}/{quote(obj.pk)}/"


def login_colleague(username="layla", first_name="Layla", last_name="Haddad"):
    """Return a client logged in as another administrator, and the user."""
    user = UserFactory(
        username=username, first_name=first_name, last_name=last_name, superuser=True
    )
    client = Client()
    client.force_login(user)
    return client, user


def open_form(client, url):
    return form_data(client.get(url))


def save(client, url, form, **changes):
    return client.post(url, post_data(form, **changes))


def messages_text(response, level="error"):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(m.get_text(" ", strip=True) for m in html.select(f".messages .{level}"))


def message_links(response, level="error"):
    html = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in html.select(f".messages .{level} a")}


def history_text(client, obj):
    response = client.get(snippet_url(obj, "history"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def stale_save(client, colleague_client, url, mine, theirs, obj):
    """Open obj's form, let a colleague save theirs first, then post the opened form with mine.

    Return the response and what the stale save found stored: revisions and log entries.
    """
    form = open_form(client, url)
    edit_url = snippet_url(obj, "edit")
    response = save(colleague_client, edit_url, open_form(colleague_client, edit_url), **theirs)
    assert response.status_code == 302, messages_text(response)
    before = traces(obj)
    return save(client, url, form, **mine), before


def traces(obj):
    """Return the counts of obj's revisions and log entries: what any save adds to."""
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    return revisions.count(), log_registry.get_logs_for_instance(obj).count()
