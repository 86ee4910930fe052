"""A small bilingual site: translated and untranslated articles, drafts, an embargo, a secret."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from nashra.news.tests.factories import ArticlePageFactory, SectionPageFactory
from nashra.pages.tests.factories import StandardPageFactory


@dataclass
class SiteContent:
    """What the sitemaps must list (live, public) and what they must not."""

    live_articles: list = field(default_factory=list)
    hidden_articles: list = field(default_factory=list)
    hidden_pages: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    translated: tuple = ()
    old_article: object = None
    topics: tuple = ()
    authors: tuple = ()


@pytest.fixture
def site_content(two_editions, translated_article):
    en, ar = two_editions
    now = timezone.now()
    crossing, crossing_ar = translated_article
    members = SectionPageFactory(parent=en.news, title="Members only", slug="members")
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    members_article = ArticlePageFactory(parent=members, title="Behind the password")
    market = ArticlePageFactory(parent=en.news, title="Markets open higher")
    old = ArticlePageFactory(
        parent=en.news,
        title="Last week's election results",
        published_at=now - datetime.timedelta(days=3),
    )
    draft = ArticlePageFactory(parent=en.news, title="A draft nobody may read", draft=True)
    embargoed = ArticlePageFactory(
        parent=en.news, title="Embargoed budget", embargo_until=now + datetime.timedelta(days=1)
    )
    about = StandardPageFactory(parent=en.home, title="About us", slug="about")
    return SiteContent(
        live_articles=[crossing, crossing_ar, market, old],
        hidden_articles=[draft, embargoed, members_article],
        hidden_pages=[members],
        pages=[en.home, ar.home, en.news, en.middle_east, ar.news, ar.middle_east, about],
        translated=(crossing, crossing_ar),
        old_article=old,
        topics=(en.topic, ar.topic),
        authors=(en.author, ar.author),
    )
