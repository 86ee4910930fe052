"""The API's answers: the latest items of an edition, section, topic or author, and one item.

Read-only, for anyone: GET and HEAD (and OPTIONS, a browser's CORS preflight); anything else
is 405. Every answer is JSON, errors too, and any site's scripts may read it
(``Access-Control-Allow-Origin: *``; no cookie or credential is ever read or honoured).

Only live articles without a view restriction on them or above them are shown, through the
one ``ArticlePage.objects.public()`` every listing, feed and search uses: a draft, a private
article or another edition's id is 404, whoever asks, since any cache may keep the answer.
Answers are cached and purged like pages (``purges``): ``Cache-Control`` as the feeds for
listings and as an article page for an item; the page cache adds the ``ETag`` and answers 304.
"""

import json

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from nashra.core import privacy
from nashra.home.editions import Edition
from nashra.news.models import ArticlePage, SectionPage
from nashra.people.models import Author
from nashra.topics.models import Topic

from . import addresses, paging
from .documents import ItemContext, documents, for_documents

# ninjs has no registered media type of its own; every client reads JSON.
CONTENT_TYPE = "application/json; charset=utf-8"
METHODS = "GET, HEAD, OPTIONS"
# What a preflight may ask to send: a conditional request's validators.
REQUEST_HEADERS = "If-None-Match, If-Modified-Since"
PREFLIGHT_SECONDS = 86400
# Page ids are 32-bit: a larger number names no page (and some databases refuse to compare it).
LARGEST_ID = 2**31 - 1


class NotFound(Exception):
    pass


def json_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type=CONTENT_TYPE, status=status)


def error_response(status, message):
    return json_response({"status": status, "error": message}, status=status)


def _edition(request):
    """Return the request's edition if its home is live and public; else NotFound."""
    edition = Edition.for_request(request)
    if edition is None or edition.home is None or privacy.is_private(edition.home.path):
        raise NotFound(_("This edition publishes no ninjs."))
    return edition


def _articles(edition):
    """Live, public articles of the edition: below its home, in its language."""
    return (
        ArticlePage.objects.live()
        .public()
        .filter(locale_id=edition.locale.pk, path__startswith=edition.home.path)
    )


@method_decorator(csrf_exempt, name="dispatch")  # nothing is posted; others get a plain 405
class NinjsView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except paging.BadRequest as error:
            response = error_response(400, str(error))
        except NotFound as error:
            response = error_response(404, str(error))
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    def options(self, request, *args, **kwargs):
        """A CORS preflight: reading is allowed from anywhere, without credentials."""
        response = HttpResponse(status=204)
        response["Allow"] = METHODS
        response["Access-Control-Allow-Methods"] = METHODS
        response["Access-Control-Allow-Headers"] = REQUEST_HEADERS
        response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = error_response(405, _("This API is read-only: use GET."))
        response["Allow"] = METHODS
        return response


class ListingView(NinjsView):
    """The latest items of a listing, newest first, a page at a time (``paging``)."""

    def listing(self, request, edition, context, **kwargs):
        """Return (title, address of the site's own page, articles) of what is listed."""
        raise NotImplementedError

    def get(self, request, **kwargs):
        edition = _edition(request)
        context = ItemContext(request, edition)
        title, html_url, articles = self.listing(request, edition, context, **kwargs)
        page = paging.page_of(for_documents(articles), request.GET)
        request._nashra_cache_policy = "feed"  # polled by machines, like the feeds
        items = documents(context, page.items)
        return json_response(
            {
                "title": title,
                "language": edition.language_code,
                "links": self._links(request, context, page, html_url),
                "more": page.older is not None,
                "limit": page.limit,
                "items": items,
            }
        )

    def _links(self, request, context, page, html_url):
        base = context.url(request.path)
        limit = {"limit": page.limit} if request.GET.get("limit") is not None else {}

        def at(**cursor):
            query = urlencode({**limit, **cursor})
            return f"{base}?{query}" if query else base

        current = {name: request.GET[name] for name in ("before", "after") if name in request.GET}
        return {
            "self": at(**current),
            "first": at(),
            "next": at(before=page.older) if page.older else None,
            "previous": at(after=page.newer) if page.newer else None,
            "html": html_url,
        }


class EditionListing(ListingView):
    def listing(self, request, edition, context):
        return edition.settings.site_name, context.url(context.home_path), _articles(edition)


class SectionListing(ListingView):
    def listing(self, request, edition, context, slugs):
        section = SectionPage.objects.at_path(edition.home, slugs)
        if section is None or not section.live or privacy.is_private(section.path):
            raise NotFound(_("This edition has no section at “%(path)s”.") % {"path": slugs})
        title = _("%(site_name)s – %(name)s") % {
            "site_name": edition.settings.site_name,
            "name": section.title,
        }
        html_url = context.url(section.get_url_parts(request)[2])
        return title, html_url, _articles(edition).in_section(section)


class TopicListing(ListingView):
    def listing(self, request, edition, context, slug):
        topic = Topic.objects.filter(locale_id=edition.locale.pk, slug=slug).first()
        if topic is None:
            raise NotFound(_("This edition has no topic “%(slug)s”.") % {"slug": slug})
        html_url = context.route_url("topic", topic.slug)
        return topic.hashtag, html_url, _articles(edition).filter(topics=topic)


class AuthorListing(ListingView):
    def listing(self, request, edition, context, slug):
        author = Author.objects.filter(locale_id=edition.locale.pk, slug=slug).first()
        if author is None:
            raise NotFound(_("This edition has no author “%(slug)s”.") % {"slug": slug})
        html_url = context.route_url("author", author.slug)
        return author.name, html_url, _articles(edition).filter(authors=author)


class ItemView(NinjsView):
    """One article's ninjs document."""

    def get(self, request, page_id):
        edition = _edition(request)
        article = None
        if page_id <= LARGEST_ID:
            article = for_documents(_articles(edition)).filter(pk=page_id).first()
        if article is None:
            raise NotFound(_("This edition has no published article %(id)d.") % {"id": page_id})
        request._nashra_cache_policy = "article"  # kept and purged like the article's page
        return json_response(documents(ItemContext(request, edition), [article])[0])


class MissingView(NinjsView):
    """Anything else below ``ninjs/``: a JSON 404, not the site's page."""

    def get(self, request, rest):
        edition = _edition(request)
        raise NotFound(
            _("Nothing here; the edition's items are at %(url)s")
            % {"url": addresses.edition_path(edition.language_code)}
        )
