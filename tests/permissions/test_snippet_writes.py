"""Snippet rows that write: edit, delete, bulk delete, merge, create, move, translate.

A refused write leaves every row it could touch as it was; an allowed one is checked to have
happened.
"""

import pytest
from django.urls import reverse
from wagtail.admin.models import EditingSession

from .admin_urls import snippet_url, snippet_views
from .forms import with_values
from .matrix import REFUSED, assert_unchanged, browser_form, expect, outcome, param, post, snapshot
from .policy import (
    ADD,
    CHANGE,
    DELETE,
    ROLES,
    SNIPPETS,
    USERS,
    edition_of,
    is_superuser,
    may,
    places,
    reaches,
)
from .snippets import (
    MOVABLE,
    NOT_CREATED_IN_ADMIN,
    OBJECT_VIEWS,
    TRANSLATABLE,
    WRITES,
    carries,
    form_values,
    make_room,
    model,
    object_url,
    tracked,
)


def write_cases():
    for label in SNIPPETS:
        for action, needs in WRITES.items():
            if action in OBJECT_VIEWS and action not in snippet_views(label):
                continue
            for place in places(label):
                for user in ROLES:
                    yield param(
                        label, action, place, user, expected=expect(may(user, label, needs, place))
                    )


def create_cases():
    for label in SNIPPETS:
        for place in places(label):
            for user in USERS:
                if label in NOT_CREATED_IN_ADMIN and is_superuser(user):
                    continue
                yield param(label, place, user, expected=expect(may(user, label, {ADD}, place)))


def add_form_cases():
    for label in SNIPPETS:
        for user in USERS:
            allowed = any(may(user, label, {ADD}, place) for place in places(label))
            yield param(label, user, expected=expect(allowed))


def move_cases():
    for label in MOVABLE:
        for place in places(label):
            for target in places(label):
                if target == place:
                    continue
                for user in USERS:
                    allowed = may(user, label, {CHANGE}, place) and reaches(user, label, target)
                    yield param(label, place, target, user, expected=expect(allowed))


def translate_cases():
    for label in TRANSLATABLE:
        for place in places(label):
            for user in ROLES:
                # Wagtail's "Translate" needs simple_translation.submit_translation: no desk has it.
                yield param(label, place, user, expected=expect(is_superuser(user)))


def merge_across_cases():
    return [
        param(label, place, user, expected=REFUSED)
        for label in SNIPPETS
        if "merge" in snippet_views(label)
        for place in places(label)
        for user in ROLES
    ]


def bulk_all_cases():
    cases = []
    for label in SNIPPETS:
        for user in ROLES:
            kept = [place for place in places(label) if not may(user, label, {DELETE}, place)]
            allowed = len(kept) < len(places(label))
            extra = "keeps-" + ("+".join(kept) or "nothing")
            cases.append(param(label, user, expected=expect(allowed), extra=extra))
    return cases


@pytest.mark.parametrize(("label", "action", "place", "user", "expected"), list(write_cases()))
def test_object_write(label, action, place, user, expected, world, as_user):
    pk = world.objects[label, place]
    url = object_url(world, label, action, place)
    text = f"mx {action} by {user}"
    data = {}
    if action in ("edit", "revisions_revert"):
        data = with_values(browser_form(as_user, url), **form_values(world, label, place, text))
    elif action == "merge":
        data = with_values(browser_form(as_user, url), into=str(world.spares[label, place]))
    tables = (*tracked(label), EditingSession)
    before = snapshot(*tables)
    response = post(as_user(user), url, data) if data else as_user(user).post(url)

    if action == "bulk_delete":
        # A bulk action skips what the user may not touch and says so: judged by its effect.
        done = not model(label).objects.filter(pk=pk).exists()
        assert expect(done) == expected
    else:
        assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *tables)
    elif action in ("edit", "revisions_revert"):
        assert carries(world, label, model(label).objects.filter(pk=pk).first(), place, text)
    elif action == "editing_session":
        assert EditingSession.objects.filter(user_id=world.users[user], object_id=pk).exists()
    else:
        assert not model(label).objects.filter(pk=pk).exists()


@pytest.mark.parametrize(("label", "place", "user", "expected"), list(create_cases()))
def test_create(label, place, user, expected, world, as_user):
    """Create an object in each edition (or section): in another one, the POST is forged."""
    url = snippet_url(label, "add")
    if label in TRANSLATABLE:
        url += f"?locale={edition_of(place)}"  # a translatable snippet's edition
    text = f"mx new {place} by {user}"
    make_room(world, label, place)
    data = {}
    if label not in NOT_CREATED_IN_ADMIN:
        data = with_values(browser_form(as_user, url), **form_values(world, label, place, text))
    before = snapshot(*tracked(label))
    existing = set(model(label).objects.values_list("pk", flat=True))
    response = post(as_user(user), url, data) if data else as_user(user).post(url)

    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *tracked(label))
    else:
        created = model(label).objects.exclude(pk__in=existing)
        assert [carries(world, label, instance, place, text) for instance in created] == [True]


@pytest.mark.parametrize(("label", "user", "expected"), list(add_form_cases()))
def test_add_form(label, user, expected, as_user):
    assert outcome(as_user(user).get(snippet_url(label, "add"))) == expected


@pytest.mark.parametrize(("label", "place", "target", "user", "expected"), list(move_cases()))
def test_move_to_another_place(label, place, target, user, expected, world, as_user):
    """Edit an object so that it lands in another edition or section."""
    pk = world.objects[label, place]
    url = snippet_url(label, "edit", pk)
    text = f"mx moved by {user}"
    data = with_values(browser_form(as_user, url), **form_values(world, label, target, text))
    make_room(world, label, target)
    before = snapshot(*tracked(label))
    response = post(as_user(user), url, data)

    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *tracked(label))
    else:
        assert carries(world, label, model(label).objects.get(pk=pk), target, text)


@pytest.mark.parametrize(("label", "place", "user", "expected"), merge_across_cases())
def test_merge_into_another_edition(label, place, user, expected, world, as_user):
    """A merge keeps to the object's edition: naming the other's (forged) is refused, always."""
    url = object_url(world, label, "merge", place)
    other = next(edition for edition in world.locales if edition != place)
    before = snapshot(*tracked(label))
    response = as_user(user).post(url, {"into": world.spares[label, other]})
    assert outcome(response) == expected
    assert_unchanged(before, *tracked(label))


@pytest.mark.parametrize(("label", "user", "expected"), bulk_all_cases())
def test_bulk_delete_of_all(label, user, expected, world, as_user):
    """``?id=all`` names every object of the model; what lies outside the user's reach stays.

    (Wagtail's bulk delete skips or refuses what the user may not delete; a batch holding
    something in use is refused whole.)
    """
    app_label, model_name = label.split(".")
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"]) + "?id=all"
    before = snapshot(*tracked(label))
    rows = {row["id"]: row for row in before[model(label)._meta.label]}
    as_user(user).post(url)
    if expected == REFUSED:
        assert_unchanged(before, *tracked(label))
    for place in places(label):
        pk = world.objects[label, place]
        if not may(user, label, {DELETE}, place):
            assert model(label).objects.filter(pk=pk).values().first() == rows[pk], place


@pytest.mark.parametrize(("label", "place", "user", "expected"), list(translate_cases()))
def test_translate_snippet(label, place, user, expected, world, as_user):
    """Wagtail's "Translate" copies an object into the other edition."""
    pk = world.objects[label, place]
    app_label, model_name = label.split(".")
    url = reverse("simple_translation:submit_snippet_translation", args=[app_label, model_name, pk])
    other = next(edition for edition in world.locales if edition != place)
    assert outcome(as_user(user).get(url)) == expected
    before = snapshot(*tracked(label))
    response = as_user(user).post(url, {"locales": [world.locales[other]]})
    assert outcome(response) == expected
    instance = model(label).objects.get(pk=pk)
    translated = model(label).objects.filter(
        translation_key=instance.translation_key, locale_id=world.locales[other]
    )
    if expected == REFUSED:
        assert_unchanged(before, *tracked(label))
    else:
        assert translated.exists()
