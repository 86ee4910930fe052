"""The page side of the matrix: articles, where they move, and how a form posts them."""

import json

from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from nashra.corrections.models import Correction, TranslationFollowUp
from nashra.news.models import ArticlePage

from .forms import with_values
from .matrix import browser_form, expect, param
from .policy import (
    ARTICLE_PLACES,
    ROLES,
    SECTIONS,
    is_superuser,
    may_copy,
    may_delete,
    may_move,
    may_publish,
    page_actions,
)

# Every row a page action could write.
TRACKED = (
    Page,
    ArticlePage,
    Revision,
    PageLogEntry,
    WorkflowState,
    Correction,
    TranslationFollowUp,
)
STATES = ("live", "draft")
# Where an article of each place is moved or copied to, within its edition.
DESTINATIONS = {"en-me": ("en", "news"), "en-cul": ("en", "news"), "ar-news": ("ar", "culture")}
OTHER_EDITION = {"en": ("ar", "news"), "ar": ("en", "news")}
SAVED_AS_DRAFT = "saved-as-draft"  # a publish by who may only edit: Wagtail saves a draft
# Places whose section has a counterpart in the other edition (Wagtail's Translate needs one).
TRANSLATABLE_PLACES = ("en-cul", "ar-news")


def edition_of_place(place):
    return SECTIONS[place][0]


def other_places(place):
    return [other for other in ARTICLE_PLACES if SECTIONS[other][0] != SECTIONS[place][0]]


def has_desk(user, section):
    """Whether the section is on one of the user's desks: who may see its drafts."""
    return is_superuser(user) or bool(page_actions(user, *section) & {"add", "change", "publish"})


def article(world, place, state):
    return ArticlePage.objects.get(pk=world.articles[place, state])


def section_pk(world, section):
    return world.section(*section)


def api_action(client, pk, name, data=None):
    url = reverse("wagtailadmin_api:pages:action", args=[pk, name])
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def bulk_url(action, pk):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={pk}"


def article_form(world, as_user, url, place, title):
    edition = edition_of_place(place)
    return with_values(
        browser_form(as_user, url),
        title=title,
        slug=title.replace(" ", "-"),
        lead=f"The lead of {title}.",
        sources=[str(world.sources[edition])],
        **{"body-count": "0"},  # the body's blocks are drawn by JavaScript: none posted
    )


def place_cases(allowed, places=ARTICLE_PLACES, users=ROLES):
    return [
        param(place, user, expected=expect(allowed(user, SECTIONS[place])))
        for place in places
        for user in users
    ]


API_ACTIONS = {
    # name: (the article's state, allowed(user, section, destination))
    "publish": ("draft", lambda user, section, _to: may_publish(user, section)),
    "unpublish": ("live", lambda user, section, _to: may_publish(user, section)),
    "delete": ("live", lambda user, section, _to: may_delete(user, section, True)),
    "move": ("draft", lambda user, section, to: may_move(user, section, to, False)),
    "copy": ("draft", lambda user, section, to: may_copy(user, section, to)),
}
BULK_ACTIONS = ("publish", "unpublish", "delete", "move")
