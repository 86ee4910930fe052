"""Where ``import_ninjs --inbox`` sends an item instead of making it an article.

The wire desk's inbox sits on a floor above this app, so it registers its receiver here from
its ``ready()``; ingest only knows that someone takes the item.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

_receiver = None


@dataclass
class Delivered:
    """What the inbox did with an item: "created", "updated" or "skipped", and a line saying so."""

    status: str
    description: str


class NoInbox(RuntimeError):
    """No app has registered an inbox (the wire desk is not installed)."""


def register(receiver):
    """Make ``receiver(item, path, **options)`` the inbox; it returns a Delivered."""
    global _receiver
    _receiver = receiver


def deliver(item, path, **options):
    """Hand a parsed ninjs item (read from ``path``) to the inbox; return its Delivered."""
    if _receiver is None:
        raise NoInbox(_("No wire inbox is installed: add nashra.wire to INSTALLED_APPS."))
    return _receiver(item, path, **options)
