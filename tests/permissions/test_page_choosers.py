"""Page rows that offer or show pages: Link a translation, the scoped article chooser, and
the views that show pages to any admin user (choosers, search, explorer, the admin API).
"""

import pytest
from django.urls import reverse

from .matrix import ALLOWED, REFUSED, assert_unchanged, expect, outcome, param, snapshot, text_of
from .pages import STATES, TRACKED, article, has_desk, other_places, place_cases, section_pk
from .policy import ARTICLE_PLACES, SECTIONS, USERS, is_superuser, may_publish
from .world import article_title


def link_cases():
    """Link the live article at place to the live article of another edition at original."""
    return [
        param(
            place,
            original,
            user,
            expected=expect(
                may_publish(user, SECTIONS[place]) and may_publish(user, SECTIONS[original])
            ),
        )
        for place in ARTICLE_PLACES
        for original in other_places(place)
        for user in USERS
    ]


# Link a translation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "user", "expected"),
    place_cases(may_publish, users=USERS),
)
def test_link_translation_form(place, user, expected, world, as_user):
    """The form offers the live articles of other editions that the user may publish."""
    page = article(world, place, "live")
    response = as_user(user).get(reverse("nashra_link_translation", args=[page.pk]))
    assert outcome(response) == expected
    if expected == ALLOWED:
        html = response.content.decode()
        for other in other_places(place):
            offered = may_publish(user, SECTIONS[other])
            assert (article_title(other, "live") in html) == offered, other
            assert article_title(other, "draft") not in html  # never a draft


@pytest.mark.parametrize(("place", "original", "user", "expected"), link_cases())
def test_link_translation(place, original, user, expected, world, as_user):
    page, target = article(world, place, "live"), article(world, original, "live")
    before = snapshot(*TRACKED)
    response = as_user(user).post(
        reverse("nashra_link_translation", args=[page.pk]), {"original": target.pk}
    )
    assert outcome(response) == expected
    page.refresh_from_db()
    if expected == REFUSED:
        assert_unchanged(before, *TRACKED)
    else:
        assert page.translation_key == target.translation_key


@pytest.mark.parametrize(("place", "user", "expected"), place_cases(lambda user, section: False))
def test_link_translation_to_a_draft(place, user, expected, world, as_user):
    """A draft is never offered, so a POST naming one (forged) is refused, even to admins."""
    page = article(world, place, "live")
    draft = article(world, other_places(place)[0], "draft")
    before = snapshot(*TRACKED)
    response = as_user(user).post(
        reverse("nashra_link_translation", args=[page.pk]), {"original": draft.pk}
    )
    assert outcome(response) == expected
    assert_unchanged(before, *TRACKED)


# Choosing and reading pages ------------------------------------------------------------------

SCOPED = {"user_perms": "nashra-scope", "page_type": "news.articlepage"}


@pytest.mark.parametrize(("user", "expected"), [param(user, expected=ALLOWED) for user in USERS])
def test_scoped_page_chooser_search(user, expected, world, as_user):
    """The article chooser of a correction or a front page: only articles the user may publish."""
    response = as_user(user).get(reverse("wagtailadmin_choose_page_search"), {"q": "mx", **SCOPED})
    assert outcome(response) == expected
    html = text_of(response)
    for place in ARTICLE_PLACES:
        for state in STATES:
            shown = may_publish(user, SECTIONS[place])
            assert (article_title(place, state) in html) == shown, (place, state)


@pytest.mark.parametrize(
    ("place", "user", "expected"), place_cases(lambda user, section: True, users=USERS)
)
def test_scoped_page_chooser_browse(place, user, expected, world, as_user):
    section = section_pk(world, SECTIONS[place])
    response = as_user(user).get(reverse("wagtailadmin_choose_page_child", args=[section]), SCOPED)
    assert outcome(response) == expected
    html = text_of(response)
    for state in STATES:
        shown = may_publish(user, SECTIONS[place])
        assert (article_title(place, state) in html) == shown, state


# The views that show pages to any admin user. An embargoed draft of another desk must stay
# out of sight there, title included (drafts of the user's own desks may show).
def page_reader_urls(world, place):
    section = section_pk(world, SECTIONS[place])
    draft = world.articles[place, "draft"]
    return {
        "chooser-browse": reverse("wagtailadmin_choose_page_child", args=[section]),
        "chooser-search": reverse("wagtailadmin_choose_page_search") + "?q=mx",
        "page-search": reverse("wagtailadmin_pages:search") + "?q=mx",
        "explorer": reverse("wagtailadmin_explore", args=[section]),
        "api-listing": reverse("wagtailadmin_api:pages:listing") + f"?child_of={section}",
        "api-detail": reverse("wagtailadmin_api:pages:detail", args=[draft]),
    }


READERS = (
    "chooser-browse",
    "chooser-search",
    "page-search",
    "explorer",
    "api-listing",
    "api-detail",
)


def reader_cases():
    cases = []
    for reader in READERS:
        for user in USERS:
            hidden = [p for p in ARTICLE_PLACES if not has_desk(user, SECTIONS[p])]
            extra = "hides-" + ("+".join(hidden) or "nothing")
            cases.append(param(reader, user, expected=ALLOWED, extra=extra))
    return cases


@pytest.mark.parametrize(("reader", "user", "expected"), reader_cases())
def test_drafts_of_other_desks_stay_hidden(reader, user, expected, world, as_user):
    for place in ARTICLE_PLACES:
        response = as_user(user).get(page_reader_urls(world, place)[reader])
        title = article_title(place, "draft")
        shown = outcome(response) == ALLOWED and title in text_of(response)
        if is_superuser(user):
            assert shown, f"the control sees no draft in {reader}: the check proves nothing"
        elif not has_desk(user, SECTIONS[place]):
            assert not shown, f"{title} shown"
