"""Who may touch what: everything the newsroom edits belongs to an edition or to an article.

A newsroom's desks are drawn in the page tree: a writer or editor holds Wagtail page
permissions on their sections, a chief editor on their edition's home page, an administrator
on the root. Model permissions (``topics.change_topic``…) say what kind of thing a role may
change; the page permissions say *where*. The scopes below join the two, so the English desk
cannot change the Arabic edition whatever its model permissions say:

- :class:`EditionScope` — an object with a locale (a topic, an author, a source, breaking
  news, an edition's settings or front page) belongs to that edition. ``whole_edition`` asks
  for a grant on the edition's home page or above (chief editors, administrators); otherwise
  a grant anywhere in the edition will do (the edition's writers and editors).
- :class:`ArticleScope` — an object about an article (a correction, a follow-up) follows the
  article's section: the user must hold the action on the article's page or one above it.

Superusers keep everything.
"""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy

# The page actions that put someone on an edition's desk.
DESK_ACTIONS = ("add", "change", "publish")


def page_grants(user, actions):
    """Return the (path, depth, locale id) of each page on which the user holds one of actions.

    Read once per user object (a request's user), then kept on it.
    """
    cached = getattr(user, "_nashra_page_grants", None)
    if cached is None:
        cached = {}
        if user.is_authenticated and user.is_active:
            rows = GroupPagePermission.objects.filter(group__user=user).values_list(
                "permission__codename", "page__path", "page__depth", "page__locale_id"
            )
            for codename, path, depth, locale_id in rows:
                action = codename.removesuffix("_page")
                cached.setdefault(action, set()).add((path, depth, locale_id))
        user._nashra_page_grants = cached
    return {grant for action in actions for grant in cached.get(action, ())}


def forget_page_grants(user):
    """Drop the grants kept on a user object, e.g. after changing their groups in a test."""
    user.__dict__.pop("_nashra_page_grants", None)


def is_unrestricted(user):
    return user.is_active and user.is_superuser


def _follow(instance, lookup):
    """Return the object at the end of a ``__`` lookup, e.g. ("article", correction)."""
    for name in lookup.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, name, None)
    return instance


class EditionScope:
    """The edition an object belongs to is the locale at ``lookup``."""

    def __init__(self, lookup="locale", actions=DESK_ACTIONS, whole_edition=False):
        self.lookup = lookup
        self.actions = actions
        self.whole_edition = whole_edition

    def locale_ids(self, user):
        """Return the ids of the user's editions, or None for every edition."""
        if is_unrestricted(user):
            return None
        grants = page_grants(user, self.actions)
        if any(depth == 1 for _path, depth, _locale in grants):
            return None  # a grant on the root reaches every edition
        return {
            locale_id for _path, depth, locale_id in grants if not self.whole_edition or depth == 2
        }

    def reaches_anything(self, user):
        ids = self.locale_ids(user)
        return ids is None or bool(ids)

    def filter(self, queryset, user):
        ids = self.locale_ids(user)
        if ids is None:
            return queryset
        return queryset.filter(**{f"{self.lookup}__in": ids})

    def allows(self, user, instance):
        ids = self.locale_ids(user)
        if ids is None:
            return True
        locale = _follow(instance, self.lookup)
        return locale is not None and locale.pk in ids

    def narrow_field(self, field, user):
        """Offer only the user's editions, and their pages, in a field choosing one."""
        ids = self.locale_ids(user)
        model = _choice_model(field)
        if ids is None or model is None:
            return
        if model is Locale:
            field.queryset = field.queryset.filter(pk__in=ids)
        elif issubclass(model, Page):
            field.queryset = field.queryset.filter(locale_id__in=ids)
            scope_page_chooser(field)


class ArticleScope:
    """The article an object is about is at ``lookup``; the user needs ``action`` on its page."""

    def __init__(self, lookup="article", action="publish"):
        self.lookup = lookup
        self.action = action

    def paths(self, user):
        """Return the paths of the pages the user holds the action on, or None for all pages."""
        if is_unrestricted(user):
            return None
        grants = page_grants(user, [self.action])
        if any(depth == 1 for _path, depth, _locale in grants):
            return None
        return {path for path, _depth, _locale in grants}

    def reaches_anything(self, user):
        paths = self.paths(user)
        return paths is None or bool(paths)

    def filter(self, queryset, user):
        paths = self.paths(user)
        if paths is None:
            return queryset
        return queryset.filter(below_any(paths, f"{self.lookup}__path"))

    def allows(self, user, instance):
        paths = self.paths(user)
        if paths is None:
            return True
        page = _follow(instance, self.lookup)
        return page is not None and any(page.path.startswith(path) for path in paths)

    def narrow_field(self, field, user):
        """Offer only pages the user holds the action on in a field choosing a page."""
        paths = self.paths(user)
        model = _choice_model(field)
        if paths is not None and model is not None and issubclass(model, Page):
            field.queryset = field.queryset.filter(below_any(paths))
            scope_page_chooser(field)


# Asked for by a page chooser whose choices follow the user's scope (see choosable_pages_q).
SCOPED_CHOOSER = "nashra-scope"


def scope_page_chooser(field):
    """Make the field's page chooser, if it has one, show only the user's own pages."""
    if hasattr(field.widget, "user_perms"):
        field.widget.user_perms = SCOPED_CHOOSER


def below_any(paths, lookup="path"):
    """Return a filter for pages at or below any of the paths (nothing when there are none)."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{lookup}__startswith": path}) for path in paths))


def choosable_pages_q(user, action="publish"):
    """Return a filter for the pages a page chooser may show: those the user holds the action
    on, and the pages above them, to browse down to them. None when every page is choosable.
    """
    paths = ArticleScope(action=action).paths(user)
    if paths is None:
        return None
    steplen = Page.steplen
    above = {path[:length] for path in paths for length in range(steplen, len(path), steplen)}
    return below_any(paths) | Q(path__in=above)


def visible_in_choosers_q(user):
    """Return a filter for the pages any chooser may show the user: live pages, and drafts of
    their own desk. None when every page may be shown. An embargoed draft of another desk
    stays out of sight, title included.
    """
    if is_unrestricted(user):
        return None
    paths = {path for path, _depth, _locale in page_grants(user, DESK_ACTIONS)}
    if any(len(path) == Page.steplen for path in paths):
        return None
    return Q(live=True) | below_any(paths)


def _choice_model(field):
    queryset = getattr(field, "queryset", None)
    return queryset.model if queryset is not None else None


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, within the user's scope (their editions, or their articles)."""

    def __init__(self, model, scope, auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.scope = scope

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and self.scope.reaches_anything(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.scope.allows(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope.filter(self.model._default_manager.all(), user)

    def narrow_form(self, form, user):
        """Limit every choice of a locale or a page in the form (and its inline forms)."""
        for field in form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                self.scope.narrow_field(field, user)
        for formset in getattr(form, "formsets", {}).values():
            # Inline forms (a front page's featured slots) are built later, and the blank one
            # for "add another" anew each time: narrow them as they are made.
            formset.form = self._narrowing(formset.form, user)
            for child in formset.__dict__.get("forms", []):
                self.narrow_form(child, user)

    def _narrowing(self, form_class, user):
        policy = self

        class NarrowedForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                policy.narrow_form(self, user)

        NarrowedForm.__name__ = form_class.__name__
        return NarrowedForm


# The scopes of the newsroom's policy (README: "Who may do what, where").
# Topics, authors and sources: anyone on one of the edition's desks, as their role allows.
EDITION_DESKS = EditionScope()
# Breaking news, the front page, the edition's settings and its contact messages: its chiefs.
EDITION_CHIEFS = EditionScope(actions=("publish",), whole_edition=True)
# Corrections and follow-ups: whoever may publish the article (its section's editors, chiefs).
ARTICLE_EDITORS = ArticleScope(lookup="article", action="publish")
