"""The snippet side of the matrix: its views, what their forms post, where objects sit."""

from django.apps import apps
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from nashra.corrections.models import TranslationFollowUp
from nashra.curation.models import FeaturedSlot

from .admin_urls import snippet_url
from .matrix import ALLOWED, REFUSED, expect, outcome, param
from .policy import ADD, ANY, CHANGE, DELETE, ROLES, edition_of
from .world import article_title

# The model actions each object view asks for (Wagtail's generic views).
OBJECT_VIEWS = {
    "edit": {CHANGE},
    "delete": {DELETE},
    "usage": {CHANGE},
    "history": {ADD, CHANGE, DELETE},
    "history_results": {ADD, CHANGE, DELETE},
    "copy": {ADD},
    "inspect": ANY,
    "revisions_compare": {CHANGE},
    "revisions_revert": {CHANGE},
    "merge": {DELETE},  # move an object's uses to another of its edition, then delete it
}
LIST_VIEWS = ("list", "list_results")
# Every view of a snippet viewset, and of its chooser, that the rows below exercise.
COVERED_VIEWS = frozenset({*LIST_VIEWS, "add", *OBJECT_VIEWS})
COVERED_CHOOSER_VIEWS = frozenset(
    {"choose", "choose_results", "chosen", "chosen_multiple", "create"}
)

# Object writes: the view posted to, and the actions it needs. (A copy's form posts to the
# add view: test_create covers it.)
WRITES = {
    "edit": {CHANGE},
    "revisions_revert": {CHANGE},
    "delete": {DELETE},
    "bulk_delete": {DELETE},
    "merge": {DELETE},
    "editing_session": {CHANGE},  # Wagtail's "who else is editing" ping
}
# Objects that may be moved to another edition or section by editing them.
MOVABLE = ("curation.breakingnews", "curation.homecuration", "corrections.correction")
# The admin has no way to create these: contact messages come from readers, follow-ups from
# corrections. Only the refusals of their add view are checked.
NOT_CREATED_IN_ADMIN = ("pages.contactmessage", "corrections.translationfollowup")
TRANSLATABLE = ("topics.topic", "people.author", "sources.source", "core.editionsettings")

LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
TOP_STORIES = {"en": "en-me", "ar": "ar-news"}  # the front page's top story, per edition
# Rows that may change when a snippet is written, besides the snippet's own.
SIDE_TABLES = {
    "curation.homecuration": (FeaturedSlot,),
    "corrections.correction": (TranslationFollowUp, PageLogEntry),
    "corrections.translationfollowup": (PageLogEntry,),
}


def model(label):
    return apps.get_model(label)


def marker(label, place):
    """Return the text by which a listing or chooser shows the object at place."""
    if label == "corrections.correction":
        return article_title(place, "live")  # its article's headline
    if label == "corrections.translationfollowup":
        return article_title(place, "draft")
    if label == "curation.homecuration":
        return f"Front page of {LANGUAGE_NAMES[place]}"
    return f"mx {label.split('.')[1]} {place}"


def tracked(label):
    return (model(label), *SIDE_TABLES.get(label, ()), Revision, ModelLogEntry)


def object_url(world, label, view, place):
    pk = world.objects[label, place]
    if view == "revisions_revert":
        return snippet_url(label, view, pk, world.revisions[label, place])
    if view == "revisions_compare":
        revision = world.revisions[label, place]
        return snippet_url(label, view, pk=pk, revision_id_a=revision, revision_id_b="latest")
    if view == "bulk_delete":
        app_label, model_name = label.split(".")
        url = reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"])
        return f"{url}?id={pk}"
    if view == "editing_session":
        args = [*label.split("."), pk, 0]
        return reverse("wagtailadmin_editing_sessions:ping", args=args)
    return snippet_url(label, view, pk)


# What a form posts to put an object at a place (an edition, or an article's section).
def form_values(world, label, place, text):
    edition = edition_of(place)
    locale = world.locales[edition]
    if label in ("topics.topic", "people.author"):
        values = {"name": text, "slug": slugify(text)}
    elif label == "sources.source":
        values = {"name": text, "kind": "wire"}
    elif label == "core.editionsettings":
        values = {"site_name": text, "about_blurb": "Blurb.", "copyright_holder": "Nashra"}
    elif label == "curation.breakingnews":
        values = {
            "locale": locale,
            "text": text,
            "url": "https://example.org/",
            "starts_at": "2031-01-01 10:00",
            "expires_at": "2031-01-01 12:00",
        }
    elif label == "curation.homecuration":
        values = {"locale": locale, "top_story": world.articles[TOP_STORIES[edition], "live"]}
    elif label == "corrections.correction":
        values = {
            "article": world.articles[place, "live"],
            "kind": "clarification",
            "date": "2031-01-01 10:00",
            "text": text,
        }
    elif label == "corrections.translationfollowup":
        values = {"done": "on"}
    else:
        values = {}  # a contact message: every field is read-only
    return {name: str(value) for name, value in values.items()}


def place_of(world, instance):
    article_id = getattr(instance, "article_id", None)
    if article_id is not None:
        return next(p for (p, _state), pk in world.articles.items() if pk == article_id)
    return next(edition for edition, pk in world.locales.items() if pk == instance.locale_id)


def carries(world, label, instance, place, text):
    """Return whether a saved object is at place with the values posted by form_values."""
    if instance is None or place_of(world, instance) != place:
        return False
    if label in ("topics.topic", "people.author", "sources.source"):
        return instance.name == text
    if label == "core.editionsettings":
        return instance.site_name == text
    if label in ("curation.breakingnews", "corrections.correction"):
        return instance.text == text
    if label == "curation.homecuration":
        return instance.top_story_id == world.articles[TOP_STORIES[edition_of(place)], "live"]
    if label == "corrections.translationfollowup":
        return instance.done
    return True  # a contact message: its fields are read-only


def make_room(world, label, place):
    """An edition has one front page: clear its place before one is created or moved there."""
    if label == "curation.homecuration":
        model(label).objects.filter(locale_id=world.locales[edition_of(place)]).delete()


def bulk_outcome(response, pk):
    """A bulk action's confirmation lists what it will do, and what the user may not touch."""
    if outcome(response) == REFUSED or response.status_code != 200:
        return outcome(response)
    offered = {entry["item"].pk for entry in response.context["items"]}
    return ALLOWED if pk in offered else REFUSED


def per_user_cases(labels, allowed, users=ROLES):
    return [
        param(label, user, expected=expect(allowed(user, label)))
        for label in labels
        for user in users
    ]
