import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.home.services import get_or_create_section
from nashra.news.models import ArticlePage
from nashra.topics.models import Topic


def related_titles(client, article):
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [a.get_text() for a in html.select("aside.related .teaser__title a")]


@pytest.fixture
def hourly_article(article_factory):
    """Make articles each published an hour before the one made before it."""
    now = timezone.now()
    hours = iter(range(1, 100))

    def article(section, title, topics=()):
        when = now - datetime.timedelta(hours=next(hours))
        return article_factory(section, title, topics=list(topics), published_at=when)

    return article


def english_topics(en_home, *names):
    return [
        Topic.objects.create(name=name, slug=name.lower(), locale=en_home.locale) for name in names
    ]


def test_related_by_shared_topics_then_same_section(
    client, en_home, news, middle_east, hourly_article
):
    iraq, iran, oil = english_topics(en_home, "Iraq", "Iran", "Oil")
    sports = get_or_create_section(en_home, "sports", "Sports")[0]
    article = hourly_article
    newest_sibling = article(middle_east, "Sibling, no shared topic")
    one_shared = article(sports, "Shares Iraq", [iraq])
    two_shared = article(sports, "Shares Iraq and Oil", [iraq, oil])
    article(sports, "Other topic, other section", [iran])
    subject = article(middle_east, "Iraq oil exports", [iraq, oil])

    assert related_titles(client, subject) == [
        two_shared.title,  # most topics in common first
        one_shared.title,
        newest_sibling.title,  # then the section's latest
    ]


def test_related_stay_in_the_edition_and_leave_out_drafts(
    client, en_home, ar_home, middle_east, article_factory
):
    iraq = Topic.objects.create(name="Iraq", slug="iraq", locale=en_home.locale)
    ar_section = get_or_create_section(ar_home, "akhbar", "أخبار")[0]
    ar_iraq = Topic.objects.create(
        name="العراق", slug="العراق", locale=ar_home.locale, translation_key=iraq.translation_key
    )
    article_factory(ar_section, "العراق", topics=[ar_iraq])
    article_factory(middle_east, "Draft on Iraq", topics=[iraq], publish=False)
    subject = article_factory(middle_east, "Iraq votes", topics=[iraq])
    assert related_titles(client, subject) == []


def test_related_pass_over_withdrawn_articles_that_share_more_topics(
    client, en_home, middle_east, hourly_article, monkeypatch
):
    """Articles are first ranked among all that share a topic, withdrawn ones included: when
    the best-ranked have all been unpublished, the live articles sharing a topic still come
    before the section's latest."""
    monkeypatch.setattr(ArticlePage, "RELATED_CANDIDATES", 1)  # four ranked, then filtered
    iraq, oil = english_topics(en_home, "Iraq", "Oil")
    sports = get_or_create_section(en_home, "sports", "Sports")[0]
    article = hourly_article
    for number in range(4):
        article(sports, f"Withdrawn {number}, on Iraq and Oil", [iraq, oil]).unpublish()
    sibling = article(middle_east, "Sibling, no shared topic")
    older = article(sports, "Shares Iraq", [iraq])
    oldest = article(sports, "Shares Oil", [oil])
    subject = article(middle_east, "Iraq oil exports", [iraq, oil])

    assert related_titles(client, subject) == [older.title, oldest.title, sibling.title]
