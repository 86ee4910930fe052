"""The sitemap index, each edition's sitemaps and Google News sitemap, and robots.txt."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from nashra.caching import tags
from nashra.caching.purge import SITEMAPS_TAG
from nashra.core.models import EditionSettings

from . import xml
from .entries import Catalogue

XML_CONTENT_TYPE = "application/xml; charset=utf-8"
# A sitemap index lists at most 50,000 sitemaps: no file has a higher number, and a higher
# one would ask the database for an offset past what it can count.
MAX_FILE_NUMBER = 50_000


@require_safe
def sitemap_index(request):
    tags.add(request, SITEMAPS_TAG)  # what every publication, unpublication or restriction purges
    catalogue = Catalogue(request)
    files = []
    for edition in catalogue.editions:
        language = edition.language_code
        pages_lastmod = None
        for kind in Catalogue.KINDS:
            count, lastmod = catalogue.stats(edition, kind)
            if kind == "pages":
                pages_lastmod = lastmod
            for number in range(1, catalogue.file_count(count) + 1):
                args = {"language": language, "kind": kind, "number": number}
                url = reverse("sitemaps:edition", kwargs=args)
                files.append((request.build_absolute_uri(url), lastmod))
        news_url = reverse("sitemaps:news", kwargs={"language": language})
        news_lastmod = catalogue.news_lastmod(edition) or pages_lastmod
        files.append((request.build_absolute_uri(news_url), news_lastmod))
    return HttpResponse(xml.index_document(files), content_type=XML_CONTENT_TYPE)


@require_safe
def edition_sitemap(request, language, kind, number):
    """Stream one file of an edition's pages, topics or authors."""
    tags.add(request, SITEMAPS_TAG)
    number = int(number) if len(number) <= len(str(MAX_FILE_NUMBER)) else 0
    catalogue = Catalogue(request)
    edition = catalogue.edition(language)
    if edition is None or not 1 <= number <= MAX_FILE_NUMBER:
        raise Http404
    chunks = catalogue.entries(edition, kind, number)
    # The first chunk is read now, so that a file past the end is a 404, not an empty list.
    first = next(chunks, None)
    if first is None:
        raise Http404

    def all_chunks():
        yield first
        yield from chunks

    return StreamingHttpResponse(xml.urlset_stream(all_chunks()), content_type=XML_CONTENT_TYPE)


@require_safe
def news_sitemap(request, language):
    """Google News sitemap: the edition's articles of the last 48 hours."""
    tags.add(request, SITEMAPS_TAG)
    catalogue = Catalogue(request)
    edition = catalogue.edition(language)
    if edition is None:
        raise Http404
    name = EditionSettings.for_locale(edition.home.locale).site_name
    document = xml.news_document(catalogue.news(edition), name, language)
    return HttpResponse(document, content_type=XML_CONTENT_TYPE)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", f"Disallow: {reverse('wagtailadmin_home')}"]
    lines += [f"Disallow: {edition.search_path}" for edition in Catalogue(request).editions]
    sitemap = request.build_absolute_uri(reverse("sitemaps:index"))
    lines += ["", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
