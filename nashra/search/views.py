from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from nashra.news.models import ArticlePage

from .backends import COUNT_LIMIT, get_backend
from .forms import SearchForm
from .indexing import stream_text
from .query import parse
from .snippets import highlight, snippet


class ResultIds:
    """The ids of matching articles, counted and sliced in the database as a Paginator asks."""

    def __init__(self, query, filters, order):
        self.backend = get_backend()
        self.query, self.filters, self.order = query, filters, order
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = self.backend.counts(self.query, self.filters)
            if not self._counts[0] and self.query.fallback:
                # The names found nothing: their words, stemmed, may (iron rods for الحديدة).
                self.query = self.query.fallback
                self._counts = self.backend.counts(self.query, self.filters)
        return self._counts

    def count(self):
        return min(self.counts()[0], COUNT_LIMIT)

    @property
    def more_than_counted(self):
        return self.counts()[0] > COUNT_LIMIT

    def __getitem__(self, window):
        return self.backend.search(
            self.query,
            self.filters,
            self.order,
            window.start,
            window.stop - window.start,
            headline_count=self.counts()[1],
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
    ids = ResultIds(query, form.filters(home.locale), form.cleaned_data.get("sort") or "")
    paginator = Paginator(ids, settings.NASHRA_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", "1"))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
    articles = ArticlePage.objects.live().public().filter(pk__in=page.object_list).for_listing()
    by_id = {article.pk: article for article in articles}
    ids.counts()  # the query the results were found by, a name's or its fallback
    query_terms = ids.query.terms
    results = []
    for page_id in page.object_list:
        article = by_id.get(page_id)
        if article is None:  # unpublished or made private since it was indexed
            continue
        text = article.lead + " " + stream_text(article.body)
        results.append(
            {
                "article": article,
                "title": highlight(article.title, query_terms),
                "snippet": snippet(text, query_terms),
            }
        )
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "results": results,
        "page_obj": page,
        "querystring": params.urlencode(),
        "more_than_counted": ids.more_than_counted,
    }
