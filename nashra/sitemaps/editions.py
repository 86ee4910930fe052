"""The editions a request's site serves, and how their pages' URLs are written without a query."""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

# What Django's reverse() leaves unquoted in a path, so that our URLs match the site's own.
PATH_SAFE = "/~:@!$&'()*+,;="
SLUG_PLACEHOLDER = "nashra-sitemap-slug"


@dataclass
class Edition:
    language_code: str
    locale_id: int
    home: object  # the live HomePage
    root_path: str  # the home's url_path, e.g. "/home-en/"
    path: str  # the edition's public path, e.g. "/en/"
    url: str  # the same, absolute: "https://example.com/en/"

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
    from nashra.home.models import HomePage

    site = Site.find_for_request(request)
    if site is None:
        return []
    root_paths = {
        root.root_path: root.language_code
        for root in Site.get_site_root_paths()
        if root.site_id == site.pk
    }
    homes = HomePage.objects.live().filter(url_path__in=root_paths).select_related("locale")
    order = [code for code, _name in settings.LANGUAGES]
    origin = request.build_absolute_uri("/")[:-1]
    editions = []
    for home in homes:
        language_code = home.locale.language_code
        if root_paths[home.url_path] != language_code or language_code not in order:
            continue
        with translation.override(language_code):
            path = reverse("wagtail_serve", args=("",))
        editions.append(
            Edition(language_code, home.locale_id, home, home.url_path, path, origin + path)
        )
    editions.sort(key=lambda edition: order.index(edition.language_code))
    return editions
