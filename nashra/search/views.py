import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from nashra.caching import listings, tags
from nashra.caching.store import version_of
from nashra.news.models import ArticlePage

from .backends import COUNT_LIMIT, get_backend
from .forms import SearchForm
from .indexing import INDEX_TAG, stream_text
from .query import parse
from .snippets import highlight, snippet


class ResultIds:
    """The ids of matching articles, counted and sliced in the database as a Paginator asks.

    With ``listing`` (its listing tags and edition), what was found is kept like a listing's
    pages (``nashra.caching.listings``): the search tags its results with the edition's front
    page, which every publish, unpublish or move in the edition purges, and with the index
    (``indexing.INDEX_TAG``), which every write to the index stamps once committed (a renamed
    topic, a rebuild). A search asked again shows every change at once without asking the index.
    """

    def __init__(self, query, filters, order, listing=None):
        self.backend = get_backend()
        self.query, self.filters, self.order = query, filters, order
        self.listing = listing
        self._counts = None

    def _kept(self, part, find):
        if self.listing is None:
            return find()
        listing_tags, language_code = self.listing
        asked = repr((self.query, sorted(self.filters.items()), self.order, part))
        digest = hashlib.sha256(asked.encode()).hexdigest()
        return listings.kept(listing_tags, language_code, f"search:{digest}", find)

    def counts(self):
        if self._counts is None:
            self._counts, fell_back = self._kept("counts", self._count)
            if fell_back:
                self.query = self.query.fallback
        return self._counts

    def _count(self):
        counts = self.backend.counts(self.query, self.filters)
        if not counts[0] and self.query.fallback:
            # The names found nothing: their words, stemmed, may (iron rods for الحديدة).
            return self.backend.counts(self.query.fallback, self.filters), True
        return counts, False

    def count(self):
        return min(self.counts()[0], COUNT_LIMIT)

    @property
    def more_than_counted(self):
        return self.counts()[0] > COUNT_LIMIT

    def __getitem__(self, window):
        headline_count = self.counts()[1]  # first: it settles which query is asked
        return self._kept(
            (window.start, window.stop),
            lambda: self.backend.search(
                self.query,
                self.filters,
                self.order,
                window.start,
                window.stop - window.start,
                headline_count=headline_count,
            ),
        )


def search(request, home):
    """The edition's search page: form, results with highlighted extracts, pagination."""
    form = SearchForm(request.GET, locale=home.locale)
    context = {"form": form, "results": None, "message": ""}
    status = 200
    if not form.is_valid():
        status = 400
    elif not form.cleaned_data["q"]:
        context["message"] = _("Type one or more words to search the articles of this edition.")
    else:
        query = parse(form.cleaned_data["q"], home.locale.language_code)
        if not query:
            context["message"] = _("These words are too common to search for; add another word.")
        else:
            context.update(_results(request, form, home, query))
    response = home.render(request, context_overrides=context, template="search/search_page.html")
    response.status_code = status
    return response


def _results(request, form, home, query):
    language_code = home.locale.language_code
    listing = ([tags.listing_tag("home", home.pk), INDEX_TAG], language_code)
    ids = ResultIds(query, form.filters(home.locale), form.cleaned_data.get("sort") or "", listing)
    paginator = Paginator(ids, settings.NASHRA_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", "1"))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
    ids.counts()  # the query the results were found by, a name's or its fallback
    terms = ids.query.terms
    extracts = _extracts(terms, page.object_list, language_code)
    # Known by id and date until rendered: a kept rendering of the results reads no article.
    found = [page_id for page_id in page.object_list if page_id in extracts]
    refs = listings.Refs([(pk, extracts[pk]["published_at"]) for pk in found], _results_by_id)
    results = [{"article": ref, **extracts[ref.pk]} for ref in refs.items]
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "results": results,
        "result_articles": refs.items,
        "result_terms": sorted(terms),
        "page_obj": page,
        "querystring": params.urlencode(),
        "more_than_counted": ids.more_than_counted,
    }


def _results_by_id(ids):
    """The results' articles by id, of those still live and public: one unpublished or made
    private since it was indexed is shown to no one."""
    # A result shows its headline, type, date and address: no picture, no body.
    articles = ArticlePage.objects.live().public().filter(pk__in=ids).defer_streamfields()
    return {article.pk: article for article in articles}


def _extracts(query_terms, page_ids, language_code):
    """Each result's headline, extract with the reader's words marked, and date, by id.

    Kept until one of the articles, or the edition, is purged: reading and marking twenty
    articles' text cost more than finding them. The version is read before the texts.
    """
    version = version_of(
        [*(tags.article_tag(pk) for pk in page_ids), tags.edition_tag(language_code)]
    )
    asked = repr((sorted(query_terms), list(page_ids), version))
    key = "nashra:search-extracts:dated:" + hashlib.sha256(asked.encode()).hexdigest()
    extracts = cache.get(key)
    if extracts is None:
        extracts = {}
        texts = ArticlePage.objects.filter(pk__in=page_ids).only(
            "title", "lead", "body", "published_at"
        )
        for article in texts:
            text = article.lead + " " + stream_text(article.body)
            extracts[article.pk] = {
                "title": highlight(article.title, query_terms),
                "snippet": snippet(text, query_terms),
                "published_at": article.published_at,
            }
        cache.set(key, extracts, listings.SECONDS)
    return extracts
