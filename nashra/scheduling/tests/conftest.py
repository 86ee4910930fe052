import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone


@contextmanager
def clock(moment):
    """Move the clock Django and Wagtail read to moment."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def schedule(page, go_live_at, **fields):
    """Schedule the page's next revision for go_live_at, as an editor's Publish would."""
    page.go_live_at = go_live_at
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    return revision


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def scheduled_article(middle_east, article_factory, now):
    article = article_factory(middle_east, "Ceasefire talks resume in Muscat", publish=False)
    revision = schedule(article, now + datetime.timedelta(hours=1))
    assert revision.approved_go_live_at == now + datetime.timedelta(hours=1)
    return article
