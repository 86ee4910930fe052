"""How long each kind of public response may be kept, by browsers and by shared caches.

Browsers keep a page briefly (``max-age``): nothing can purge a reader's browser. Shared
caches — Varnish, a CDN, the application's own page cache — keep it longer (``s-maxage``),
because every change that shows on a page purges it from them at once. When the origin is
slow or down they may serve it stale (``stale-while-revalidate``, ``stale-if-error``).
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class CachePolicy:
    max_age: int
    shared_max_age: int
    stale_while_revalidate: int = 30
    stale_if_error: int = 86400

    def header(self, shared_max_age=None):
        shared = self.shared_max_age if shared_max_age is None else shared_max_age
        return (
            f"public, max-age={min(self.max_age, shared)}, s-maxage={shared}, "
            f"stale-while-revalidate={self.stale_while_revalidate}, "
            f"stale-if-error={self.stale_if_error}"
        )


def policies():
    seconds = settings.NASHRA_CACHE_SECONDS
    return {
        # An article changes rarely once published, and every change to it purges it.
        "article": CachePolicy(max_age=60, shared_max_age=seconds["article"]),
        # Listings change with every publish (purged too) and show relative dates.
        "listing": CachePolicy(max_age=30, shared_max_age=seconds["listing"]),
        # Feeds and sitemaps are polled by machines: a little longer in their caches.
        "feed": CachePolicy(max_age=300, shared_max_age=seconds["listing"]),
        # A live page follows its updates: browsers check again often, readers' scripts
        # ask for the newest updates (purged with each) every few seconds.
        "live": CachePolicy(max_age=10, shared_max_age=seconds["article"]),
        "live_updates": CachePolicy(
            max_age=2, shared_max_age=seconds["live_updates"], stale_while_revalidate=2
        ),
        # A missing page may appear when it is published, which purges its path.
        "missing": CachePolicy(max_age=30, shared_max_age=60, stale_if_error=0),
    }


FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
)


def policy_for(request, response):
    """Return the policy for a public response: the page's kind, else what the response is."""
    table = policies()
    if response.status_code == 404:
        return table["missing"]
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type in FEED_TYPES:
        return table["feed"]
    return table.get(getattr(request, "_nashra_cache_policy", "listing"), table["listing"])
