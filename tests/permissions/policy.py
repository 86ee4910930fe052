"""The newsroom's permission policy as a table: who may do what, to which object, where.

Restated here, not read from the code under test, so that the matrix checks the code against
the policy. ``test_classification`` holds the table to ``nashra.newsroom.roles``: a change of
a role's permissions shows up here as a change of the expected outcomes.

Who: a role's model permissions (what kind of object) and its page grants (where).
Where: each kind of object follows a scope (``nashra.core.permissions``):

- ``DESKS``   topics, authors, sources: any edition where the user holds a desk.
- ``CHIEFS``  edition settings, breaking news, front pages, contact messages: the editions
  whose home page the user may publish (its chief editors).
- ``ARTICLE`` corrections, follow-ups: the sections where the user may publish the article.
"""

from dataclasses import dataclass

from nashra.newsroom.roles import CHIEF_EDITORS, EDITORS, WRITERS

DESKS, CHIEFS, ARTICLE = "desks", "chiefs", "article"
VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ANY = frozenset({VIEW, ADD, CHANGE, DELETE})
EDITIONS = ("en", "ar")
HOME = ""  # a grant on the edition's home page


@dataclass(frozen=True)
class Member:
    role: str | None  # None for the superuser
    desks: tuple  # (edition, section path or HOME) of each page grant
    # In the role's base group too, as the demo accounts are; without it, the desk's own
    # group carries the role's model permissions (nashra.newsroom.services._grant).
    in_base_group: bool = True

    @property
    def editions(self):
        return {edition for edition, _path in self.desks}


USERS = {
    "superuser": Member(None, ()),
    "writer": Member(WRITERS, (("en", "news"), ("en", "news/middle-east"))),
    "editor": Member(EDITORS, (("en", "news"), ("en", "news/middle-east"))),
    "chief": Member(CHIEF_EDITORS, (("en", HOME),)),
    "chief-en": Member(CHIEF_EDITORS, (("en", HOME),), in_base_group=False),
    "editor-ar": Member(EDITORS, (("ar", "news"),)),
    "writer-ar": Member(WRITERS, (("ar", "news"),), in_base_group=False),
    "chief-ar": Member(CHIEF_EDITORS, (("ar", HOME),)),
    # On both editions' news desks: the one role that may link a translation.
    "editor-both": Member(EDITORS, (("en", "news"), ("ar", "news"))),
}

# Every row runs for these; editor-both only joins the rows where holding two editions changes
# the answer (listings, choosers, creating or moving into an edition, Link a translation).
ROLES = tuple(name for name in USERS if name != "editor-both")

# Wagtail page permissions of each role, on the pages of its grants and everything below.
PAGE_ACTIONS = {
    WRITERS: {"add", "change"},
    EDITORS: {"add", "change", "publish"},
    CHIEF_EDITORS: {"add", "change", "publish", "bulk_delete"},
}

# Model permissions of each role, per kind of object, and the scope the object follows.
SNIPPETS = {
    "topics.topic": (
        DESKS,
        {WRITERS: {VIEW}, EDITORS: {VIEW, ADD, CHANGE}, CHIEF_EDITORS: ANY},
    ),
    "people.author": (
        DESKS,
        {WRITERS: {VIEW}, EDITORS: {VIEW, ADD, CHANGE}, CHIEF_EDITORS: ANY},
    ),
    "sources.source": (
        DESKS,
        {WRITERS: {VIEW, ADD}, EDITORS: {VIEW, ADD, CHANGE}, CHIEF_EDITORS: ANY},
    ),
    "core.editionsettings": (CHIEFS, {CHIEF_EDITORS: {VIEW, CHANGE}}),
    "curation.breakingnews": (CHIEFS, {CHIEF_EDITORS: ANY}),
    "curation.homecuration": (CHIEFS, {CHIEF_EDITORS: ANY}),
    "pages.contactmessage": (CHIEFS, {CHIEF_EDITORS: {VIEW}}),
    "corrections.correction": (
        ARTICLE,
        {EDITORS: {VIEW, ADD, CHANGE}, CHIEF_EDITORS: ANY},
    ),
    "corrections.translationfollowup": (
        ARTICLE,
        {EDITORS: {VIEW, CHANGE}, CHIEF_EDITORS: {VIEW, CHANGE}},
    ),
}

# Where the objects of the matrix sit: an edition, or an article's section in an edition.
SECTIONS = {
    "en-me": ("en", "news/middle-east"),
    "en-cul": ("en", "culture"),  # a section nobody but the English chiefs holds
    "ar-news": ("ar", "news"),
}
ARTICLE_PLACES = tuple(SECTIONS)


def places(model):
    return ARTICLE_PLACES if SNIPPETS[model][0] == ARTICLE else EDITIONS


def edition_of(place):
    return SECTIONS[place][0] if place in SECTIONS else place


def page_actions(user, edition, path):
    """Return the page actions the user holds on the page at path in an edition."""
    member = USERS[user]
    if member.role is None:
        return PAGE_ACTIONS[CHIEF_EDITORS] | {"superuser"}
    held = set()
    for grant_edition, grant_path in member.desks:
        below = grant_path == HOME or path == grant_path or path.startswith(grant_path + "/")
        if grant_edition == edition and below:
            held |= PAGE_ACTIONS[member.role]
    return held


def is_superuser(user):
    return USERS[user].role is None


def reaches(user, model, place):
    """Return whether the object's place lies in the user's scope for that kind of object."""
    if is_superuser(user):
        return True
    scope = SNIPPETS[model][0]
    if scope == DESKS:
        return place in USERS[user].editions
    if scope == CHIEFS:
        return "publish" in page_actions(user, place, HOME)
    return "publish" in page_actions(user, *SECTIONS[place])


def model_actions(user, model):
    if is_superuser(user):
        return ANY
    return SNIPPETS[model][1].get(USERS[user].role, set())


def may(user, model, needs, place):
    """Return whether the user holds one of the actions ``needs`` on an object at place."""
    return bool(model_actions(user, model) & needs) and reaches(user, model, place)


def may_list(user, model):
    return any(may(user, model, ANY, place) for place in places(model))


# Pages: Wagtail's rules over the grants above (wagtail.models.PagePermissionTester).
def may_add(user, section):
    return "add" in page_actions(user, *section)


def may_edit(user, section):
    return "change" in page_actions(user, *section)


def may_publish(user, section):
    return "publish" in page_actions(user, *section)


def may_delete(user, section, live):
    """A leaf page: whoever may change it, if they may also publish it or it is a draft."""
    held = page_actions(user, *section)
    return "change" in held and ("publish" in held or not live)


def may_move(user, section, destination, live):
    if section[0] != destination[0]:
        return False  # a page never leaves its edition, not even for a superuser
    held = page_actions(user, *destination)
    return may_delete(user, section, live) and "add" in held and (not live or "publish" in held)


def may_copy(user, section, destination):
    return may_edit(user, section) and may_add(user, destination)
