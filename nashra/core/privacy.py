"""Which pages are private: those with a view restriction, and every page below them.

Every listing, feed, sitemap, search and link to another edition must leave them out, and
asking the database on each request would cost each a query. The paths of restricted pages
are few and change rarely: they are cached (with the paths of alias pages, which serving
needs beside them) and forgotten when a restriction changes or pages move.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import post_page_move

from nashra.caching import memo


@memo.remembered("view-restrictions")
def view_restrictions():
    """Return (paths of restricted pages, paths of alias pages), from the cache."""
    restricted = frozenset(
        PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    )
    # "> 0" rather than "IS NOT NULL", which SQLite answers by reading every page.
    aliases = frozenset(Page.objects.filter(alias_of__gt=0).values_list("path", flat=True))
    return (restricted, aliases)


def restricted_paths():
    """Return the paths of the pages that carry a view restriction of their own."""
    return view_restrictions()[0]


def _outermost(paths):
    """Return the paths not below another one: a restriction below a restriction adds nothing."""
    kept = []
    for path in sorted(paths):  # an ancestor's path sorts before its descendants'
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def is_private(path):
    """Return True when the page at path, or a page above it, is view-restricted."""
    return any(path.startswith(restricted) for restricted in restricted_paths())


def private_q(field="path"):
    """Return a Q matching private pages; ``field`` names the page's path in the query.

    ``Page.objects.filter(private_q())``, or through a relation,
    ``Correction.objects.filter(private_q("article__path"))``. It matches nothing when no
    page is restricted.
    """
    paths = _outermost(restricted_paths())
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def public_q(field="path"):
    """Return a Q matching the pages no view restriction hides: the opposite of private_q."""
    paths = _outermost(restricted_paths())
    q = Q()
    for path in paths:
        q &= ~Q(**{f"{field}__startswith": path})
    return q


def remember_while_unchanged(key, load, timeout):
    """Return ``load()``, cached under ``key`` until it expires or a page turns private or public.

    For lists of articles kept a few minutes (related, most read): a story made private
    leaves them at once, and one made public again returns at once.
    """
    restricted = restricted_paths()
    stored = cache.get(key)
    if stored is not None and stored[0] == restricted:
        return stored[1]
    value = load()
    cache.set(key, (restricted, value), timeout)
    return value


def forget(**kwargs):
    """Drop the cached restrictions: one changed, or pages moved."""
    memo.forget(view_restrictions.get_cache_key())


def _forget_for_alias(instance, **kwargs):
    """An alias of a private page is private too: a new alias changes the cached paths."""
    if instance.alias_of_id is not None:
        forget()


def connect():
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="restrictions-save")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="restrictions-delete")
    post_page_move.connect(forget, dispatch_uid="restrictions-page-move")
    for model in get_page_models():
        post_save.connect(_forget_for_alias, sender=model, dispatch_uid=f"alias-{model._meta}")
