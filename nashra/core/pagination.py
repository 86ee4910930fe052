from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property

from nashra.caching import counts, tags


class CountCachedPaginator(Paginator):
    """A paginator that counts a long listing once, not on every request.

    The total is kept until a change to the listing (``nashra.caching.counts``), so no
    article ever falls between two pages.
    """

    def __init__(self, *args, listing_tag=None, language_code="", **kwargs):
        super().__init__(*args, **kwargs)
        self.listing_tag = listing_tag
        self.language_code = language_code

    @cached_property
    def count(self):
        if self.listing_tag is None:
            return super().count
        return counts.total(self.listing_tag, self.language_code, self._count)

    def _count(self):
        return super().count


def paginate(request, queryset, per_page=None, listing=None):
    """Return the requested page of a listing; a bad or out-of-range number is a 404.

    ``listing`` names it, ``("section", 12)``, ``("topic", 3)`` or ``("author", 5)``: each page
    of it carries the listing's cache tag, and its total is kept until a change to it.
    """
    listing_tag = None
    if listing is not None:
        listing_tag = tags.listing_tag(*listing)
        tags.add(request, listing_tag)
    paginator = CountCachedPaginator(
        queryset,
        per_page or settings.NASHRA_PAGE_SIZE,
        listing_tag=listing_tag,
        language_code=tags.edition_of_path(request.path_info) or "",
    )
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
