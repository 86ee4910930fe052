"""Snippet rows that read: listings, object views, choosers and the site history report.

Each view of each scoped snippet × role × edition or section. The expected outcome of every
case comes from the policy table (policy.py); the test drives the request and checks the
response against it.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.log_actions import log

from .admin_urls import chooser_url, snippet_url, snippet_views
from .matrix import ALLOWED, REFUSED, assert_unchanged, expect, outcome, param, snapshot, text_of
from .policy import ADD, ANY, ROLES, SNIPPETS, USERS, may, may_list, places, reaches
from .snippets import (
    LIST_VIEWS,
    OBJECT_VIEWS,
    bulk_outcome,
    form_values,
    marker,
    model,
    object_url,
    per_user_cases,
    tracked,
)


def listing_cases():
    for label in SNIPPETS:
        for view in LIST_VIEWS:
            for user in USERS:
                shown = [place for place in places(label) if may(user, label, ANY, place)]
                extra = "shows-" + ("+".join(shown) or "nothing")
                yield param(label, view, user, expected=expect(may_list(user, label)), extra=extra)


def chooser_cases():
    for label in SNIPPETS:
        for view in ("choose", "choose_results"):
            for user in USERS:
                shown = [place for place in places(label) if reaches(user, label, place)]
                yield param(label, view, user, expected=ALLOWED, extra="shows-" + "+".join(shown))


def chosen_cases():
    for label in SNIPPETS:
        for place in places(label):
            for user in ROLES:
                yield param(label, place, user, expected=expect(reaches(user, label, place)))


def object_view_cases():
    for label in SNIPPETS:
        for view, needs in OBJECT_VIEWS.items():
            if view not in snippet_views(label):
                continue
            for place in places(label):
                for user in ROLES:
                    expected = expect(may(user, label, needs, place))
                    yield param(label, view, place, user, expected=expected)
            if view == "delete":
                for place in places(label):
                    for user in ROLES:
                        expected = expect(may(user, label, needs, place))
                        yield param(label, "bulk_delete", place, user, expected=expected)


def site_history_cases():
    cases = []
    for label in SNIPPETS:
        for user in USERS:
            shown = [place for place in places(label) if may(user, label, ANY, place)]
            extra = "shows-" + ("+".join(shown) or "nothing")
            cases.append(param(label, user, expected=ALLOWED, extra=extra))
    return cases


@pytest.mark.parametrize(("label", "view", "user", "expected"), list(listing_cases()))
def test_listing(label, view, user, expected, as_user):
    response = as_user(user).get(snippet_url(label, view))
    assert outcome(response) == expected
    if expected == ALLOWED:
        html = text_of(response)
        for place in places(label):
            shown = may(user, label, ANY, place)
            assert (marker(label, place) in html) == shown, f"{place} shown: {not shown}"


@pytest.mark.parametrize(("label", "view", "place", "user", "expected"), list(object_view_cases()))
def test_object_view(label, view, place, user, expected, world, as_user):
    response = as_user(user).get(object_url(world, label, view, place))
    if view == "bulk_delete":
        assert bulk_outcome(response, world.objects[label, place]) == expected
    else:
        assert outcome(response) == expected


@pytest.mark.parametrize(("label", "view", "user", "expected"), list(chooser_cases()))
def test_chooser_lists_only_the_users_scope(label, view, user, expected, as_user):
    response = as_user(user).get(chooser_url(label, view))
    assert outcome(response) == expected
    html = text_of(response)
    for place in places(label):
        shown = reaches(user, label, place)
        assert (marker(label, place) in html) == shown, f"{place} shown: {not shown}"


@pytest.mark.parametrize(("label", "place", "user", "expected"), list(chosen_cases()))
def test_chooser_chosen(label, place, user, expected, world, as_user):
    response = as_user(user).get(chooser_url(label, "chosen", world.objects[label, place]))
    assert outcome(response) == expected


@pytest.mark.parametrize(
    ("label", "user", "expected"), per_user_cases(SNIPPETS, lambda user, label: True, USERS)
)
def test_chooser_chosen_multiple(label, user, expected, world, as_user):
    pks = {place: world.objects[label, place] for place in places(label)}
    query = "&".join(f"id={pk}" for pk in pks.values())
    response = as_user(user).get(chooser_url(label, "chosen_multiple") + "?" + query)
    assert outcome(response) == expected
    chosen = {int(item["id"]) for item in json.loads(response.content)["result"]}
    assert chosen == {pk for place, pk in pks.items() if reaches(user, label, place)}


@pytest.mark.parametrize(
    ("label", "user", "expected"),
    per_user_cases(
        SNIPPETS, lambda user, label: any(may(user, label, {ADD}, p) for p in places(label))
    ),
)
def test_chooser_creates_nothing(label, user, expected, world, as_user):
    """A snippet chooser's "create" tab: Wagtail gives these snippets no creation form.

    Whoever may not add is refused; whoever may gets Wagtail's form without fields, and a
    POST finds no form at all (a server error in Wagtail 7.4). Nothing is written either way.
    """
    url = chooser_url(label, "create")
    assert outcome(as_user(user).get(url)) == expected
    client = as_user(user)
    client.raise_request_exception = False
    before = snapshot(*tracked(label))
    response = client.post(url, form_values(world, label, places(label)[-1], "mx chosen"))
    client.raise_request_exception = True
    if expected == ALLOWED:
        assert response.status_code == 500  # Wagtail's create view finds no form
    else:
        assert outcome(response) == REFUSED
    assert_unchanged(before, *tracked(label))


# Wagtail's "Site history" report showed the log of every object of a model to whoever held
# any permission on the model: the other edition's objects too (labels and who changed them).
@pytest.mark.parametrize(("label", "user", "expected"), site_history_cases())
def test_site_history_report(label, user, expected, world, as_user):
    """The report lists an object's changes only to who may see the object."""
    objects = {
        place: model(label).objects.get(pk=world.objects[label, place]) for place in places(label)
    }
    for instance in objects.values():
        log(instance=instance, action="wagtail.edit")
    content_type = ContentType.objects.get_for_model(model(label))
    url = reverse("wagtailadmin_reports:site_history_results")
    response = as_user(user).get(url, {"object_type": content_type.pk})
    assert outcome(response) == expected
    html = text_of(response)
    for place, instance in objects.items():
        shown = may(user, label, ANY, place)
        # Its full label: an article's own log (a page's) carries the headline alone.
        assert (str(instance) in html) == shown, f"{place} shown: {not shown}"


@pytest.mark.parametrize("user", ["chief-en", "chief-ar"])
def test_site_history_export_keeps_to_the_scope(user, world, as_user):
    """The report's CSV download is the same view: the other edition's rows stay out."""
    label = "topics.topic"
    objects = {
        place: model(label).objects.get(pk=world.objects[label, place]) for place in places(label)
    }
    for instance in objects.values():
        log(instance=instance, action="wagtail.edit")
    response = as_user(user).get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code == 200
    csv = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    for place, instance in objects.items():
        assert (str(instance) in csv) == may(user, label, ANY, place), place
