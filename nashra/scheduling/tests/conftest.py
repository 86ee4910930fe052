import datetime

import pytest
from django.utils import timezone

from nashra.news.tests.factories import ArticlePageFactory

from .helpers import schedule


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def scheduled_article(middle_east, now):
    article = ArticlePageFactory(
        parent=middle_east, title="Ceasefire talks resume in Muscat", draft=True
    )
    revision = schedule(article, now + datetime.timedelta(hours=1))
    assert revision.approved_go_live_at == now + datetime.timedelta(hours=1)
    return article
