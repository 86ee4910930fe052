"""Live pages and their updates, built as the live desk builds them."""

import datetime

import factory
from django.utils import timezone

from nashra.live.models import LivePage, LiveUpdate
from nashra.news.tests.factories import ArticlePageFactory


def paragraph(text):
    """An update's body of one paragraph, as the block editor stores it."""
    return [("paragraph", f"<p>{text}</p>")]


class LivePageFactory(ArticlePageFactory):
    """A published live page (on the air for an hour) in the English "News" by default."""

    class Meta:
        model = LivePage

    title = factory.Sequence(lambda n: f"Live coverage {n}")
    coverage_starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class LiveUpdateFactory(factory.django.DjangoModelFactory):
    """A published update, a minute old unless told otherwise."""

    class Meta:
        model = LiveUpdate

    page = factory.SubFactory(LivePageFactory)
    status = LiveUpdate.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    body = factory.Sequence(lambda n: paragraph(f"Update number {n}."))
