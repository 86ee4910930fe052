"""Every public URL of the site, found in the URL configuration and the page tree.

A URL pattern or a page route that nothing here knows how to aim at, or a page type the test
site has no live page of, fails the tests with its name: a new public view is fuzzed from
the day it is added, or excluded here (NOT_PUBLIC) with a reason.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from nashra.analytics.counting import beacon_url
from nashra.lite.addresses import lite_url
from nashra.pages.models import ContactPage
from nashra.sitemaps.entries import Catalogue

# URL prefixes that are not public: the permission matrix (tests/permissions) covers them.
NOT_PUBLIC = {"admin/": "the Wagtail admin, for signed-in staff only"}


@dataclass(frozen=True)
class Target:
    name: str  # the URL pattern's or page route's name, for messages
    path: str  # percent-encoded, as a browser sends it
    methods: tuple = ("GET", "HEAD")
    form: bool = False  # a form or beacon posts to it: the post fuzzing aims here most

    @property
    def may_be_unavailable(self):
        """/health/ answers 503 by design when the site is unwell (here: nothing runs the
        worker while an embargoed article waits)."""
        return self.name == "health"


def url_patterns(patterns=None, prefix=""):
    """Yield (route, name) of every URL pattern but the ones under NOT_PUBLIC."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if any(route.startswith(excluded) for excluded in NOT_PUBLIC):
            continue
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def _pages(site):
    return [page for page in Page.objects.live().specific().order_by("path") if page.depth > 1]


def _page_targets(site):
    yield Target("/", "/")
    for page in _pages(site):
        form = isinstance(page, ContactPage) or bool(page.get_view_restrictions())
        yield Target("wagtail_serve", page.url, ("GET", "HEAD", "POST"), form)
        if not isinstance(page, RoutablePageMixin):
            continue
        for name, path in _routes(page, site):
            yield Target(name, path, ("GET", "HEAD", "POST"), name.endswith(":search"))
    for language in _languages():
        yield Target("wagtail_serve", f"/{language}/no-such-page/")


def _routes(page, site):
    """Yield (route name, path) of every route of a routable page, with real slugs."""
    language = page.locale.language_code
    slugs = {
        "topic": [topic.slug for topic in site.topics.get(language, [])],
        "author": [author.slug for author in site.authors.get(language, [])],
        # A live page's updates: its own, a draft of it, and one that never was.
        "update": [str(pk) for pk in page.updates.values_list("pk", flat=True)] + ["987654321"]
        if hasattr(page, "updates")
        else [],
    }
    for pattern in page.get_subpage_urls():
        name = pattern.name
        kind = name.split("_")[0]
        if pattern.pattern.converters:
            if kind not in slugs:
                raise LookupError(f"{type(page).__name__} route {name!r}: no arguments known")
            args_list = [[slug] for slug in slugs[kind]]
        else:
            args_list = [[]]
        for args in args_list:
            subpath = page.reverse_subpage(name, args=args)
            if subpath:  # "" is the page itself
                yield f"{type(page).__name__}:{name}", page.url + subpath


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _beacons(site):
    """Two articles' beacons, one forged, and one signed for a page that is gone."""
    signed = [beacon_url(article.pk) for article in site.articles[:2]]
    forged = signed[0].rstrip("/").rsplit("/", 1)[0] + "/forged/"
    return [*signed, forged, beacon_url(987654321)]


def _lite_targets(site):
    """The lite home, a missing lite page, and the lite page of every page that has one."""
    for language in _languages():
        with translation.override(language):
            yield Target("lite-home", reverse("lite-home"))
        yield Target("lite-page", f"/{language}/lite/no-such-page/")
    topics = [topic for language_topics in site.topics.values() for topic in language_topics]
    for item in [*_pages(site), *topics]:
        url = lite_url(item)
        if url and not url.endswith("/lite/"):
            yield Target("lite-page", iri_to_uri(url))


def _ninjs_targets(site):
    """Each edition's ninjs: its listings, every article's item, a missing one, a stray path."""
    for language in _languages():
        prefix = f"/{language}/ninjs/"
        yield Target("ninjs-edition", prefix, ("GET", "HEAD", "OPTIONS", "POST"))
        yield Target("ninjs-section", prefix + "sections/news/")
        yield Target("ninjs-section", prefix + "sections/members/")  # private: 404
        yield Target("ninjs-missing", prefix + "no-such-thing/")
        yield Target("ninjs-item", f"{prefix}items/987654321/")
        for topic in site.topics.get(language, []):
            yield Target("ninjs-topic", iri_to_uri(f"{prefix}topics/{topic.slug}/"))
        for author in site.authors.get(language, []):
            yield Target("ninjs-author", iri_to_uri(f"{prefix}authors/{author.slug}/"))
    for article in site.articles:
        yield Target("ninjs-item", f"/{article.locale.language_code}/ninjs/items/{article.pk}/")


def _ninjs(name):
    return lambda site: [target for target in _ninjs_targets(site) if target.name == name]


# How to aim at each named URL pattern of the URL configuration.
PATTERNS = {
    "health": lambda site: [Target("health", reverse("health"))],
    "health-live": lambda site: [Target("health-live", reverse("health-live"))],
    "view": lambda site: [
        Target("view", url, ("POST", "GET", "HEAD"), form=True) for url in _beacons(site)
    ],
    # Beacon URLs of the form pages carried before beacons were dated.
    "view-unsigned": lambda site: [
        Target(
            "view-unsigned",
            reverse("analytics:view-unsigned", args=[pk, "forged"]),
            ("POST",),
            form=True,
        )
        for pk in (site.articles[0].pk, 987654321)
    ],
    "robots": lambda site: [Target("robots", reverse("sitemaps:robots"))],
    "index": lambda site: [Target("index", reverse("sitemaps:index"))],
    "edition": lambda site: [
        Target("edition", reverse("sitemaps:edition", args=[language, kind, 1]))
        for language in _languages()
        for kind in Catalogue.KINDS
    ],
    "news": lambda site: [
        Target("news", reverse("sitemaps:news", args=[language])) for language in _languages()
    ],
    "wagtaildocs_serve": lambda site: [Target("wagtaildocs_serve", site.document.url)],
    "wagtaildocs_authenticate_with_password": lambda site: [
        Target(
            "wagtaildocs_authenticate_with_password",
            reverse("wagtaildocs_authenticate_with_password", args=[1]),
            ("GET", "POST"),
            form=True,
        )
    ],
    "wagtailcore_login": lambda site: [
        Target("wagtailcore_login", f"/{language}/_util/login/", ("GET", "POST"), form=True)
        for language in _languages()
    ],
    "wagtailcore_authenticate_with_password": lambda site: [
        Target(
            "wagtailcore_authenticate_with_password",
            f"/{language}/_util/authenticate_with_password/"
            f"{site.restriction.pk}/{site.restriction.page_id}/",
            ("GET", "POST"),
            form=True,
        )
        for language in _languages()
    ],
    "lite-home": lambda site: [t for t in _lite_targets(site) if t.name == "lite-home"],
    "lite-page": lambda site: [t for t in _lite_targets(site) if t.name == "lite-page"],
    "wagtail_serve": _page_targets,
    **{
        name: _ninjs(name)
        for name in (
            "ninjs-edition",
            "ninjs-item",
            "ninjs-section",
            "ninjs-topic",
            "ninjs-author",
            "ninjs-missing",
        )
    },
}


def unaimed():
    """Return what the URL configuration and page models hold that PATTERNS cannot aim at."""
    problems = [
        f"URL pattern {route!r} (name {name!r})"
        for route, name in url_patterns()
        if name not in PATTERNS
    ]
    return problems


def targets(site):
    """Return every target, in a stable order."""
    found = []
    for _route, name in url_patterns():
        for target in PATTERNS[name](site):
            if target not in found:
                found.append(target)
    return found


def missing_page_types(site):
    """Return the page types that no live page of the site shows."""
    shown = {type(page) for page in _pages(site)}
    # Stock Wagtail's bare page is served by make bench's baseline settings, on a site of its
    # own, never by Nashra's (nashra.baseline).
    ours = [model for model in get_page_models() if model._meta.app_label != "baseline"]
    return sorted(model.__name__ for model in ours if model is not Page and model not in shown)
