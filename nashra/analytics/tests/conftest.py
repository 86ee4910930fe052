import datetime

import pytest
from bs4 import BeautifulSoup
from django.db.models import Sum
from django.utils import timezone

from nashra.analytics.models import ArticleViews
from nashra.caching.tests.caches import redis_caches, redis_server  # noqa: F401 (fixtures)

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _flush_only_when_asked(settings):
    """Views stay in the cache until a test flushes them, unless it turns this back on."""
    settings.NASHRA_VIEWS_FLUSH_INTERVAL = 0


@pytest.fixture(autouse=True)
def _forget_counts():
    """No reader seen and no count pending from another test."""
    from nashra.analytics.counting import counters

    counters().clear()


def beacon_url(client, article):
    """Return the beacon URL the article page hands the reader's browser."""
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    return html.select_one("[data-view-beacon]")["data-view-beacon"]


def send_beacon(client, url, *, ip="203.0.113.5", user_agent=BROWSER, **headers):
    return client.post(url, REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent, **headers)


def stored_views(article):
    return ArticleViews.objects.filter(page=article).aggregate(total=Sum("views"))["total"] or 0


def add_views(article, views, *, at):
    """Store a flushed hourly bucket of views, as the flush would have."""
    hour = at.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    return ArticleViews.objects.create(page=article, locale=article.locale, hour=hour, views=views)


@pytest.fixture
def now():
    return timezone.now()
