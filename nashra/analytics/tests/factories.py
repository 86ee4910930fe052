import datetime

import factory
from django.utils import timezone

from nashra.analytics.models import ArticleViews
from nashra.news.tests.factories import ArticlePageFactory


class ArticleViewsFactory(factory.django.DjangoModelFactory):
    """A flushed hourly bucket of an article's views, as the flush stores it: the hour of ``at``."""

    class Meta:
        model = ArticleViews

    class Params:
        at = factory.LazyFunction(timezone.now)

    page = factory.SubFactory(ArticlePageFactory)
    locale = factory.SelfAttribute("page.locale")
    hour = factory.LazyAttribute(
        lambda o: o.at.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    )
    views = 1


def add_views(article, views, *, at):
    """Store a flushed hourly bucket of views, as the flush would have."""
    return ArticleViewsFactory(page=article, views=views, at=at)
