"""What a change to a live page's updates shows on, for the page cache and the front proxy.

Not the whole purge of an article (its sections, topics, authors, home): an update shows
only on the live page itself. A new update is posted every few seconds on a busy day, and
must not empty the edition's listings each time.
"""

from nashra.caching.purge import Purge

from .models import live_tag

# Functions ``fn(live page) -> pages`` naming other pages that show its updates (the lite
# edition's copy), registered by the apps above; a page here is anything with get_url_parts().
update_pages = []


def register_update_pages(pages_showing):
    update_pages.append(pages_showing)


def for_updates(page):
    """The live page and its older pages, its feeds, its newest updates, its JSON-LD; search."""
    purge = Purge()
    purge.tags.add(live_tag(page.pk))
    parts = page.get_url_parts()
    if parts is None:
        return purge
    _site_id, root_url, path = parts
    purge.add_listing(root_url, path)
    purge.add_path(root_url, path + "updates/")
    for pages_showing in update_pages:
        for other in pages_showing(page):
            other_parts = other.get_url_parts()
            if other_parts is not None:
                purge.add_path(root_url, other_parts[2])
    home = page.get_ancestors().filter(depth=2).first()
    home_parts = home.get_url_parts() if home else None
    if home_parts is not None:
        purge.add_path(root_url, home_parts[2] + "search/")
    return purge
