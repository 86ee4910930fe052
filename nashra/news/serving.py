"""Serving a public page in few queries: routing by URL path, cached view restrictions.

Wagtail routes a request one level at a time, two queries a level, and looks up the view
restrictions of a page and its ancestors on every request. A news site is a few levels deep
and almost never private, so both are done here in a way whose cost does not grow with depth.

A page found at an address is remembered (``nashra:route:…``) until its address or its
edition is purged, so a page served again costs no routing query at all.

Both re-implement a part of Wagtail (``Page.route``, ``Page.get_view_restrictions``):
``NASHRA_FAST_ROUTING = False`` hands both back to Wagtail's own code, unchanged, should an
upgrade of Wagtail break them. nashra/news/tests/test_routing_equivalence.py checks that the
two answer every kind of URL alike.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from nashra.caching import tags
from nashra.caching.store import version_of
from nashra.core import privacy


def fast_routing():
    """Return True unless NASHRA_FAST_ROUTING turns this module's shortcuts off."""
    return settings.NASHRA_FAST_ROUTING


def has_route_for(page, remaining, model=None):
    """Return True when a live routable page has a route of its own for the remaining path."""
    if not page.live:
        return False
    try:
        (model or page).get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:
        return False
    return True


def _routes_itself(page, remaining):
    """Return True when page (not one of its children) answers the remaining path."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if model.route is not RoutablePageMixin.route:
        return True  # a route of its own making: let it decide
    return has_route_for(page, remaining, model)


def _specific(page):
    """Return the page as its own type, with what its template needs fetched in the same query."""
    model = page.specific_class
    queryset = model._default_manager.filter(pk=page.pk)
    for_serving = getattr(queryset, "for_serving", None)
    if for_serving is not None:
        queryset = for_serving()
    specific = queryset.first()
    if specific is None:  # deleted meanwhile
        raise Http404
    return specific


def route_below(home, request, path_components):
    """Route path_components below home as Page.route would, fetching the path's pages at once.

    Each page on the way still gets its say: a page with routes of its own (feeds, a form's
    thank-you page) is handed the rest of the path exactly as Wagtail would hand it.

    Called by a routable home once its own routes found nothing for the path (has_route_for).
    With NASHRA_FAST_ROUTING off, the path goes where RoutablePageMixin.route sends it then:
    to the next route() up the home's classes, Page.route, a level at a time.
    """
    if not fast_routing():
        if isinstance(home, RoutablePageMixin):
            return super(RoutablePageMixin, home).route(request, path_components)
        return Page.route(home, request, path_components)
    # Read before the pages are: a change committed meanwhile files them under an old key.
    key = _route_key(home, request, path_components)
    found = cache.get(key)
    if found is not None:
        page, page._path_trail = found
        return page.route(request, [])
    # By slug and depth, which are indexed (a page's url_path is not).
    levels = Q()
    for offset, slug in enumerate(path_components, start=1):
        levels |= Q(depth=home.depth + offset, slug=slug)
    candidates = list(Page.objects.filter(levels, path__startswith=home.path).order_by("path"))
    parent, trail = home, []
    for index, slug in enumerate(path_components):
        page = next(
            (
                candidate
                for candidate in candidates
                if candidate.depth == parent.depth + 1
                and candidate.slug == slug
                and candidate.path.startswith(parent.path)
            ),
            None,
        )
        if page is None:
            raise Http404
        # Unlike Page.route, no parent is left in treebeard's private _cached_parent_obj:
        # nothing that serves a page asks get_parent(), so it would save no query.
        remaining = path_components[index + 1 :]
        if remaining and _routes_itself(page, remaining):
            return _specific(page).route(request, remaining)
        trail.append(page)
        parent = page
    page = _specific(parent)
    # The pages above it, fetched already: the breadcrumb of sections (sections_on_trail)
    # needs no query of its own. Our own attribute: nothing but this module reads it.
    trail = [home, *trail[:-1]]
    cache.set(key, (page, trail), settings.NASHRA_CACHE_STALENESS)
    page._path_trail = trail
    return page.route(request, [])


def _route_key(home, request, path_components):
    """Where the page at this address is remembered: until the address or edition is purged.

    Publishing, unpublishing or renaming a page purges its address (its old one too); a
    move, a deletion or a change to a section purges its edition (nashra/caching/signals.py).
    """
    language_code = tags.edition_of_path(request.path_info) or ""
    version = version_of([tags.path_tag(request.path_info), tags.edition_tag(language_code)])
    address = "/".join(path_components).encode("utf-8", "surrogateescape")
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    return f"nashra:route:{home.pk}:{digest}:{version}"


def sections_on_trail(page, section_model):
    """Return the live sections above page from the pages its routing fetched, or None."""
    trail = getattr(page, "_path_trail", None)
    if trail is None:
        return None
    return [
        ancestor.specific_deferred
        for ancestor in trail
        if ancestor.live and issubclass(ancestor.specific_class or Page, section_model)
    ]


class CachedViewRestrictionsMixin:
    """Answer "is this page private?" from the cache when nothing above it is restricted.

    A page is restricted by a restriction on itself or an ancestor, or, through an alias, on
    the alias's original: when neither it nor an ancestor is restricted or an alias, there is
    nothing to check; otherwise Wagtail's own check runs.
    """

    def get_view_restrictions(self):
        if not fast_routing():
            return super().get_view_restrictions()
        restricted, aliases = privacy.view_restrictions()
        paths = {
            self.path[:length] for length in range(self.steplen, len(self.path) + 1, self.steplen)
        }
        if paths.isdisjoint(restricted) and paths.isdisjoint(aliases):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
