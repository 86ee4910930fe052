"""Finding what a lite address shows, as Wagtail finds the full page below the edition's home."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from nashra.news.models import ArticlePage, SectionPage
from nashra.topics.models import Topic


def resolve(request, home, path):
    """Return the live, public article or section at ``path`` below ``home``, or the topic.

    ``HomePage.route`` decides, as it does for the full site: the home's own routes first
    (a topic page; search, author pages and feeds have no lite version), then the page tree,
    where only live pages are found. A page's own routes (a section's feeds), any other kind
    of page and a page with a view restriction on it or above it are not found.
    """
    components = path.split("/")
    if "" in components:
        raise Http404
    page = home.route(request, components).page
    if page.pk == home.pk:
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name != "topic":
            raise Http404
        return get_object_or_404(Topic, locale_id=home.locale_id, slug=match.kwargs["slug"])
    if page.url_path != f"{home.url_path}{path}/":
        raise Http404
    if not isinstance(page, ArticlePage | SectionPage) or page.get_view_restrictions().exists():
        raise Http404
    return page
