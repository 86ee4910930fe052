from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, queryset, per_page=None):
    """Return the requested page of a listing; a bad or out-of-range number is a 404."""
    paginator = Paginator(queryset, per_page or settings.NASHRA_PAGE_SIZE)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
