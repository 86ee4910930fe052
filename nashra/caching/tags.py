"""Cache tags: what a response shows, so a change can invalidate exactly those responses.

Every cached response carries tags (Fastly and Varnish call them surrogate keys):

- ``p:<path>``, its path without the query string, so one purge reaches every page of a
  listing (``?page=2``) and every search on a search page;
- ``e:<language>``, its edition, for changes that show on every page (the menu, the site's
  settings, a breaking line);
- ``a:<id>``, each article it shows: itself, and every teaser, related or most-read link;
- ``l:<kind>:<id>``, the listing it shows a page of (a section with the sections below it,
  a topic, an author, or an edition's home with every article of the edition), in whichever
  view (full or lite): a change to what the listing holds moves every page of it, its total
  and its pages' ids (``listings``).

The application's page cache and Varnish (the ``xkey`` module) keep the same tags, so a
purge computes them once for both.
"""

from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

REQUEST_ATTRIBUTE = "_nashra_cache_tags"


def path_tag(path):
    """Return the tag of a path, as Varnish sees it (percent-encoded, no query string)."""
    return "p:" + iri_to_uri(path.split("?", 1)[0])


def edition_tag(language_code):
    return f"e:{language_code}"


def article_tag(article_id):
    return f"a:{article_id}"


def listing_tag(kind, listing_id):
    """Return the tag of a listing: ``listing_tag("section", 12)``, "topic", "author" or "home"."""
    return f"l:{kind}:{listing_id}"


def edition_of_path(path):
    return translation.get_language_from_path(path)


def add(request, *tags):
    """Note that the response to ``request`` shows what ``tags`` name."""
    if request is None:
        return
    collected = getattr(request, REQUEST_ATTRIBUTE, None)
    if collected is None:
        collected = set()
        setattr(request, REQUEST_ATTRIBUTE, collected)
    collected.update(tags)


# How long a page may be kept while it shows a relative date ("5 minutes ago") of this age:
# about as long as the wording stays true. Past the last step, the policy's own lifetime.
RELATIVE_DATE_FRESHNESS = (
    (3600, 60),  # "… minutes ago": a minute
    (86400, 600),  # "… hours ago": ten minutes
    (30 * 86400, 3600),  # "… days ago": an hour
)
FRESHNESS_ATTRIBUTE = "_nashra_fresh_for"


def freshness(moment, now=None):
    """Return how long "… ago" said of ``moment`` stays true, or None when for long."""
    if moment is None:
        return None
    age = ((now or timezone.now()) - moment).total_seconds()
    return next((fresh for limit, fresh in RELATIVE_DATE_FRESHNESS if age < limit), None)


def note_relative_date(request, moment, now=None):
    """Note that the page says how long ago ``moment`` was: it may be kept only so long."""
    if request is None or moment is None:
        return
    seconds = freshness(moment, now)
    if seconds is not None:
        current = getattr(request, FRESHNESS_ATTRIBUTE, None)
        setattr(request, FRESHNESS_ATTRIBUTE, seconds if current is None else min(current, seconds))


def fresh_for(request):
    """Return how long the page's relative dates stay true, or None if it shows none young."""
    return getattr(request, FRESHNESS_ATTRIBUTE, None)


def for_request(request):
    """Return every tag of the response to ``request``: its path, edition and what it showed."""
    tags = {path_tag(request.path)}
    language_code = edition_of_path(request.path_info)
    if language_code:
        tags.add(edition_tag(language_code))
    tags.update(getattr(request, REQUEST_ATTRIBUTE, ()))
    return sorted(tags)
