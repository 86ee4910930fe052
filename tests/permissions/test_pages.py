"""Page rows that write: articles of each section × role × add, edit, publish, unpublish,
delete, move, copy, translate; through the admin's views, its API and its bulk actions.

Pages are guarded by Wagtail's page permissions over the newsroom's grants; the expected
outcomes follow Wagtail's rules (policy.py: may_add, may_publish, may_move…).
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from nashra.news.models import ArticlePage

from .matrix import ALLOWED, REFUSED, assert_unchanged, expect, outcome, param, post, snapshot
from .pages import (
    API_ACTIONS,
    BULK_ACTIONS,
    DESTINATIONS,
    OTHER_EDITION,
    SAVED_AS_DRAFT,
    STATES,
    TRACKED,
    TRANSLATABLE_PLACES,
    api_action,
    article,
    article_form,
    bulk_url,
    edition_of_place,
    place_cases,
    section_pk,
)
from .policy import (
    ARTICLE_PLACES,
    EDITIONS,
    ROLES,
    SECTIONS,
    is_superuser,
    may_add,
    may_copy,
    may_delete,
    may_edit,
    may_move,
    may_publish,
)


def publish_cases():
    cases = []
    for place in ARTICLE_PLACES:
        for user in ROLES:
            section = SECTIONS[place]
            if may_publish(user, section):
                expected = ALLOWED
            elif may_edit(user, section):
                expected = SAVED_AS_DRAFT
            else:
                expected = REFUSED
            cases.append(param(place, user, expected=expected))
    return cases


def state_cases(allowed):
    return [
        param(place, state, user, expected=expect(allowed(user, SECTIONS[place], state == "live")))
        for place in ARTICLE_PLACES
        for state in STATES
        for user in ROLES
    ]


def move_cases():
    cases = []
    for place in ARTICLE_PLACES:
        section = SECTIONS[place]
        for target in (DESTINATIONS[place], OTHER_EDITION[section[0]]):
            for state in STATES:
                for user in ROLES:
                    allowed = may_move(user, section, target, state == "live")
                    cases.append(
                        param(place, "/".join(target), state, user, expected=expect(allowed))
                    )
    return cases


def api_cases(actions):
    return [
        param(
            name,
            place,
            user,
            expected=expect(allowed(user, SECTIONS[place], DESTINATIONS[place])),
        )
        for name, (_state, allowed) in actions.items()
        for place in ARTICLE_PLACES
        for user in ROLES
    ]


@pytest.mark.parametrize(("place", "user", "expected"), place_cases(may_add))
def test_add_article(place, user, expected, world, as_user):
    url = reverse(
        "wagtailadmin_pages:add", args=["news", "articlepage", section_pk(world, SECTIONS[place])]
    )
    if expected == REFUSED:  # an allowed form is opened below, as a browser would
        assert outcome(as_user(user).get(url)) == REFUSED
    title = f"mx added by {user}"
    data = article_form(world, as_user, url, place, title)
    before = snapshot(*TRACKED)
    response = post(as_user(user), url, data)
    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        added = ArticlePage.objects.get(title=title)
        assert added.get_parent().pk == section_pk(world, SECTIONS[place])


@pytest.mark.parametrize(("place", "user", "expected"), place_cases(may_edit))
def test_edit_article(place, user, expected, world, as_user):
    draft = article(world, place, "draft")
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    if expected == REFUSED:
        assert outcome(as_user(user).get(url)) == REFUSED
    data = article_form(world, as_user, url, place, f"mx edited by {user}")
    before = snapshot(*TRACKED)
    response = post(as_user(user), url, data)
    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        draft.refresh_from_db()
        assert draft.get_latest_revision().as_object().title == f"mx edited by {user}"


@pytest.mark.parametrize(("place", "user", "expected"), publish_cases())
def test_publish_article(place, user, expected, world, as_user):
    draft = article(world, place, "draft")
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = article_form(world, as_user, url, place, draft.title)
    data["action-publish"] = "action-publish"
    before = snapshot(*TRACKED)
    response = post(as_user(user), url, data)
    draft.refresh_from_db()
    if expected == REFUSED:
        assert outcome(response) == REFUSED
        assert_unchanged(before, *TRACKED)
    else:
        assert outcome(response) == ALLOWED
        assert draft.live == (expected == ALLOWED)


@pytest.mark.parametrize(("place", "user", "expected"), place_cases(may_publish))
def test_unpublish_article(place, user, expected, world, as_user):
    live = article(world, place, "live")
    url = reverse("wagtailadmin_pages:unpublish", args=[live.pk])
    assert outcome(as_user(user).get(url)) == expected
    before = snapshot(*TRACKED)
    response = as_user(user).post(url)
    assert outcome(response) == expected
    live.refresh_from_db()
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        assert not live.live


@pytest.mark.parametrize(("place", "state", "user", "expected"), state_cases(may_delete))
def test_delete_article(place, state, user, expected, world, as_user):
    page = article(world, place, state)
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    assert outcome(as_user(user).get(url)) == expected
    before = snapshot(*TRACKED)
    response = as_user(user).post(url)
    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        assert not Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize(("place", "target", "state", "user", "expected"), move_cases())
def test_move_article(place, target, state, user, expected, world, as_user):
    page = article(world, place, state)
    destination = section_pk(world, tuple(target.split("/", 1)))
    if may_delete(user, SECTIONS[place], state == "live"):
        assert outcome(as_user(user).get(reverse("wagtailadmin_pages:move", args=[page.pk]))) == (
            ALLOWED
        )
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination])
    before = snapshot(*TRACKED)
    response = as_user(user).post(url)
    moved = Page.objects.get(pk=page.pk).get_parent().pk == destination
    if expected == REFUSED:
        assert not moved
        assert outcome(response) == REFUSED
        assert_unchanged(before, *TRACKED)
    else:
        assert outcome(response) == ALLOWED
        assert moved


@pytest.mark.parametrize(
    ("place", "user", "expected"),
    [
        param(place, user, expected=expect(may_copy(user, SECTIONS[place], DESTINATIONS[place])))
        for place in ARTICLE_PLACES
        for user in ROLES
    ],
)
def test_copy_article(place, user, expected, world, as_user):
    page = article(world, place, "live")
    destination = section_pk(world, DESTINATIONS[place])
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    assert outcome(as_user(user).get(url)) == expect(may_edit(user, SECTIONS[place]))
    slug = f"mx-copy-by-{user}"
    data = {"new_title": "mx copy", "new_slug": slug, "new_parent_page": destination}
    before = snapshot(*TRACKED)
    response = as_user(user).post(url, data)
    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        assert Page.objects.get(slug=slug).get_parent().pk == destination


@pytest.mark.parametrize(("action", "place", "user", "expected"), api_cases(API_ACTIONS))
def test_admin_api_action(action, place, user, expected, world, as_user):
    """The admin API's page actions (used by the explorer) follow the same rules."""
    state = API_ACTIONS[action][0]
    page = article(world, place, state)
    destination = section_pk(world, DESTINATIONS[place])
    data = {
        "move": {"destination_page_id": destination, "position": "last-child"},
        "copy": {"destination_page_id": destination, "keep_live": False, "slug": "mx-api-copy"},
    }.get(action)
    before = snapshot(*TRACKED)
    response = api_action(as_user(user), page.pk, action, data)
    assert outcome(response) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
        return
    after = Page.objects.filter(pk=page.pk).first()
    done = {
        "publish": lambda: after.live,
        "unpublish": lambda: not after.live,
        "delete": lambda: after is None,
        "move": lambda: after.get_parent().pk == destination,
        "copy": lambda: Page.objects.get(slug="mx-api-copy").get_parent().pk == destination,
    }[action]
    assert done()


@pytest.mark.parametrize(
    ("action", "place", "user", "expected"),
    api_cases({name: API_ACTIONS[name] for name in BULK_ACTIONS}),
)
def test_bulk_page_action(action, place, user, expected, world, as_user):
    """Bulk actions skip the pages the user may not touch: judged by what they did."""
    page = article(world, place, API_ACTIONS[action][0])
    destination = section_pk(world, DESTINATIONS[place])
    before = snapshot(*TRACKED)
    data = {"chooser": destination} if action == "move" else {}
    as_user(user).post(bulk_url(action, page.pk), data)
    after = Page.objects.filter(pk=page.pk).first()
    done = {
        "publish": lambda: after.live,
        "unpublish": lambda: not after.live,
        "delete": lambda: after is None,
        "move": lambda: after.get_parent().pk == destination,
    }[action]()
    assert expect(done) == expected
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)


@pytest.mark.parametrize(
    ("place", "user", "expected"),
    place_cases(lambda user, _section: is_superuser(user), TRANSLATABLE_PLACES),
)
def test_translate_article(place, user, expected, world, as_user):
    """Wagtail's Translate copies an article into the other edition: administrators only."""
    page = article(world, place, "live")
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    other = next(edition for edition in EDITIONS if edition != edition_of_place(place))
    assert outcome(as_user(user).get(url)) == expected
    before = snapshot(*TRACKED)
    response = as_user(user).post(url, {"locales": [world.locales[other]]})
    assert outcome(response) == expected
    translated = Page.objects.filter(
        translation_key=page.translation_key, locale_id=world.locales[other]
    )
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        assert translated.exists()


@pytest.mark.parametrize(("place", "user", "expected"), place_cases(may_edit))
def test_editing_session(place, user, expected, world, as_user):
    """Wagtail's "who else is editing" ping answers only who may edit the page."""
    page = article(world, place, "draft")
    url = reverse("wagtailadmin_editing_sessions:ping", args=["news", "articlepage", page.pk, 0])
    assert outcome(as_user(user).post(url)) == expected
