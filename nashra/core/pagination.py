from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property

from nashra.caching import listings, tags


class CountCachedPaginator(Paginator):
    """A paginator that counts a long listing once, and finds each page of it once.

    The total and each page's ids are kept until a change to the listing
    (``nashra.caching.listings``), so no article ever falls between two pages; a page's
    articles are then read by their ids, in one query with what the listing fetches for them.
    """

    def __init__(self, *args, listing_tag=None, language_code="", refs=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.listing_tag = listing_tag
        self.language_code = language_code
        self.refs = refs

    @cached_property
    def count(self):
        if self.listing_tag is None:
            return super().count
        return listings.total(self.listing_tag, self.language_code, self._count)

    def _count(self):
        return super().count

    def page(self, number):
        if self.listing_tag is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        shown = self.object_list[bottom:top].prefetch_related(None)
        pairs = listings.ids(
            [self.listing_tag],
            self.language_code,
            f"{self.listing_tag}:{bottom}:{top}",
            lambda: list(shown.values_list("pk", "published_at")),
        )
        if self.refs:
            items = listings.Refs(pairs, lambda ids: by_id(self.object_list, ids)).items
        else:
            items = in_order(self.object_list, [pk for pk, _published_at in pairs])
        return self._get_page(items, number, self)


def by_id(queryset, ids):
    """Return ``{pk: row}`` for the rows of ``queryset`` with these ids, in one query.

    The queryset's conditions still apply: a row that no longer meets them is left out.
    """
    if not ids:
        return {}
    return {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}


def in_order(queryset, ids):
    """Return the rows of ``queryset`` with these ids, in the order of ``ids`` (``by_id``)."""
    found = by_id(queryset, ids)
    return [found[pk] for pk in ids if pk in found]


def paginate(request, queryset, per_page=None, listing=None, refs=False):
    """Return the requested page of a listing; a bad or out-of-range number is a 404.

    ``listing`` names it, ``("section", 12)``, ``("topic", 3)`` or ``("author", 5)``: each page
    of it carries the listing's cache tag, and its total and its pages' ids are kept until a
    change to it. With ``refs``, a page holds ``listings.Ref``s, for a template that shows only
    teasers (``components/article_teaser.html``): their articles are read only if a teaser
    must be rendered afresh.
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
        refs=refs,
    )
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
