import pytest

from nashra.caching.tests.caches import redis_caches, redis_server  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _forget_adhoc_pages(settings):
    """No search, not-found page or redirect kept from another test."""
    from django.core.cache import caches

    if "pages_adhoc" in settings.CACHES:
        caches["pages_adhoc"].clear()
