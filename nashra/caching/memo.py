"""Small values every page needs and that change rarely, kept in the default cache.

An edition's menus, the private pages' paths, an article's labels: each is a loader
decorated with ``remembered``, and the module that holds it says beside it what forgets
it (its receivers, connected by sender, call ``forget``).

Without Redis each process keeps its own copy. A purge anywhere moves the shared epoch
(``store.current_epoch``), which is part of every key, so every process's copies retire
at once; ``NASHRA_CACHE_STALENESS`` bounds how long a copy may outlive a change that no
purge announced. It is the one setting for all of them.
"""

from cache_memoize import cache_memoize
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .store import current_epoch


def remembered(name, *, seconds=None, version=None, key=None):
    """Cache a loader's result per arguments under ``nashra:<name>:…``.

    ``version``: a callable whose value is part of the key, to retire every entry at once.
    ``key``: a callable that turns the arguments into what tells entries apart (an
    article into its pk). The epoch is read before loading, so a change made meanwhile
    retires the new copy too. The decorated function has ``get_cache_key(*args)`` for
    ``forget``.
    """

    def cache_key(*args, **kwargs):
        # A plain string: several of these are read on every page, and the library's own
        # keys (JSON, then an MD5 of it) cost a page about half a millisecond.
        parts = key(*args) if key else args
        stamp = version() if version else ""
        return ":".join(("nashra", name, *map(str, parts), str(stamp), repr(current_epoch())))

    return cache_memoize(
        seconds or settings.NASHRA_CACHE_STALENESS, key_generator_callable=cache_key
    )


def forget(*keys):
    """Delete ``keys`` now and again once the change is committed.

    Now, so this transaction's own later reads see the change; again on commit, since
    another request may have cached the old value in between. Outside a transaction, once.
    """
    cache.delete_many(keys)
    if not transaction.get_autocommit():
        transaction.on_commit(lambda: cache.delete_many(keys))
