"""A small bilingual site: translated and untranslated articles, drafts, an embargo, a secret."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from nashra.home.services import get_or_create_section
from nashra.news.translations import link_translation
from nashra.pages.models import StandardPage
from nashra.people.models import Author
from nashra.topics.models import Topic


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


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def ar_news(ar_home, news):
    return get_or_create_section(ar_home, "news", "أخبار", translation_key=news.translation_key)[0]


@pytest.fixture
def site_content(en_home, ar_home, news, middle_east, ar_news, article_factory):
    now = timezone.now()
    iraq = Topic.objects.create(name="Iraq", slug="iraq", locale=en_home.locale)
    iraq_ar = Topic.objects.create(
        name="العراق", slug="العراق", locale=ar_home.locale, translation_key=iraq.translation_key
    )
    saleh = Author.objects.create(name="Amal Saleh", locale=en_home.locale)
    saleh_ar = Author.objects.create(
        name="أمل صالح", locale=ar_home.locale, translation_key=saleh.translation_key
    )
    crossing = article_factory(
        middle_east, "Iraq & Iran agree on border hours", topics=[iraq], authors=[saleh]
    )
    crossing_ar = article_factory(
        ar_news, "العراق وإيران يتفقان على ساعات المعبر", topics=[iraq_ar], authors=[saleh_ar]
    )
    link_translation(crossing_ar, crossing)
    crossing_ar.refresh_from_db()
    members = get_or_create_section(en_home, "news/members", "Members only")[0]
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    members_article = article_factory(members, "Behind the password")
    news.refresh_from_db()  # its sub-sections were added through another instance
    market = article_factory(news, "Markets open higher")
    old = article_factory(
        news, "Last week's election results", published_at=now - datetime.timedelta(days=3)
    )
    draft = article_factory(news, "A draft nobody may read", publish=False)
    embargoed = article_factory(
        news, "Embargoed budget", embargo_until=now + datetime.timedelta(days=1)
    )
    about = publish(en_home, StandardPage(title="About us", slug="about"))
    return SiteContent(
        live_articles=[crossing, crossing_ar, market, old],
        hidden_articles=[draft, embargoed, members_article],
        hidden_pages=[members],
        pages=[en_home, ar_home, news, middle_east, ar_news, about],
        translated=(crossing, crossing_ar),
        old_article=old,
        topics=(iraq, iraq_ar),
        authors=(saleh, saleh_ar),
    )
