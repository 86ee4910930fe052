import pytest
from django.utils import timezone

from nashra.caching.tests.caches import redis_caches, redis_server  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _flush_only_when_asked(settings):
    """Views stay in the cache until a test flushes them, unless it turns this back on."""
    settings.NASHRA_VIEWS_FLUSH_INTERVAL = 0


@pytest.fixture(autouse=True)
def _forget_counts():
    """No reader seen and no count pending from another test."""
    from nashra.analytics.counting import counters

    counters().clear()


@pytest.fixture
def now():
    return timezone.now()
