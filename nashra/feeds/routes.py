"""Feed routes: mixed into HomePage (edition, topic and author feeds) and SectionPage.

RoutablePageMixin collects routes from every class in the page's MRO, so these mixins only
need to come before it in the bases. Each feed answers at feed/ (RSS), feed/atom/ and
feed/json/; the view finds the format from the name of the route that matched.
"""

from django.shortcuts import get_object_or_404
from wagtail.contrib.routable_page.models import path

from nashra.people.models import Author
from nashra.topics.models import Topic

from . import builders
from .views import feed_response


class EditionFeedsMixin:
    """For HomePage: the edition's feeds, and those of its topic and author pages."""

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    @path("feed/json/", name="feed_json")
    def edition_feed_view(self, request):
        return feed_response(request, builders.edition_feed(request, self))

    @path("topics/<str:slug>/feed/", name="topic_feed")
    @path("topics/<str:slug>/feed/atom/", name="topic_feed_atom")
    @path("topics/<str:slug>/feed/json/", name="topic_feed_json")
    def topic_feed_view(self, request, slug):
        topic = get_object_or_404(Topic, locale_id=self.locale_id, slug=slug)
        return feed_response(request, builders.topic_feed(request, self, topic))

    @path("authors/<str:slug>/feed/", name="author_feed")
    @path("authors/<str:slug>/feed/atom/", name="author_feed_atom")
    @path("authors/<str:slug>/feed/json/", name="author_feed_json")
    def author_feed_view(self, request, slug):
        author = get_object_or_404(Author, locale_id=self.locale_id, slug=slug)
        return feed_response(request, builders.author_feed(request, self, author))


class SectionFeedsMixin:
    """For SectionPage: the feeds of the section's articles, its sub-sections' included."""

    has_own_feed = True  # its pages link to this feed (autodiscovery)

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    @path("feed/json/", name="feed_json")
    def section_feed_view(self, request):
        return feed_response(request, builders.section_feed(request, self))
