"""The editions a request's site serves, and how their pages' URLs are written without a query."""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from nashra.home.editions import Edition

# What Django's reverse() leaves unquoted in a path, so that our URLs match the site's own.
PATH_SAFE = "/~:@!$&'()*+,;="
SLUG_PLACEHOLDER = "nashra-sitemap-slug"


@dataclass(frozen=True)
class EditionAddresses:
    """An edition as one site serves it: where its pages are, written without a query."""

    edition: Edition
    path: str  # the edition's public path, e.g. "/en/"
    url: str  # the same, absolute: "https://example.com/en/"

    @property
    def language_code(self):
        return self.edition.language_code

    @property
    def locale_id(self):
        return self.edition.locale.pk

    @property
    def home(self):
        return self.edition.home

    @property
    def root_path(self):
        """The home's url_path, e.g. "/home-en/"."""
        return self.edition.home.url_path

    def page_url(self, url_path):
        """Return the absolute URL of a page of this edition from its url_path."""
        return self.url + quote(url_path[len(self.root_path) :], safe=PATH_SAFE)

    def route_url(self, route_name, slug):
        """Return the absolute URL of a topic or author page (a route of the home page)."""
        template = self._route_templates[route_name]
        return self.url + template.replace(SLUG_PLACEHOLDER, quote(slug, safe=PATH_SAFE))

    @cached_property
    def _route_templates(self):
        return {
            name: self.home.reverse_subpage(name, args=[SLUG_PLACEHOLDER])
            for name in ("topic", "author")
        }

    @property
    def search_path(self):
        return self.path + self.home.reverse_subpage("search")


def site_editions(request):
    """Return the editions the request's site serves, in the order of settings.LANGUAGES."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root_paths = {
        root.root_path: root.language_code
        for root in Site.get_site_root_paths()
        if root.site_id == site.pk
    }
    origin = request.build_absolute_uri("/")[:-1]
    editions = []
    for language_code, _name in settings.LANGUAGES:
        edition = Edition.of(language_code)
        if edition is None or edition.home is None:
            continue
        if root_paths.get(edition.home.url_path) != language_code:
            continue  # not an edition of this site
        with translation.override(language_code):
            path = reverse("wagtail_serve", args=("",))
        editions.append(EditionAddresses(edition, path, origin + path))
    return editions
