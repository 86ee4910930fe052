from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property

COUNT_CACHE_SECONDS = 60


class CountCachedPaginator(Paginator):
    """A paginator that counts a long listing once a minute, not on every request.

    Counting a section's tens of thousands of articles costs more than fetching a page of
    them; "page 3 of 471" a minute out of date misleads no one.
    """

    def __init__(self, *args, count_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if self.count_key is None:
            return super().count
        key = f"nashra:listing-count:{self.count_key}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, COUNT_CACHE_SECONDS)
        return count


def paginate(request, queryset, per_page=None, count_key=None):
    """Return the requested page of a listing; a bad or out-of-range number is a 404.

    With ``count_key`` (naming the listing, e.g. "section:12"), the total is cached briefly.
    """
    paginator = CountCachedPaginator(
        queryset, per_page or settings.NASHRA_PAGE_SIZE, count_key=count_key
    )
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
