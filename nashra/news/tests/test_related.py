import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    client, en_home, middle_east, hourly_article
):
    """Withdrawn articles that shared more topics never push the live ones that share fewer
    behind the section's latest."""
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


def topic_queries(queries):
    """The queries that look for articles by topic (not for the article's own topics)."""
    by_topic = '"news_articlepage_topics"."topic_id"'
    return [query["sql"] for query in queries if by_topic in query["sql"].partition("WHERE")[2]]


def test_articles_on_the_same_topic_share_its_newest_articles_once_found(
    client, en_home, middle_east, hourly_article
):
    """A search engine reading the archive asks for thousands of articles in a row: each
    topic's newest articles are found once, not again for every article on the topic."""
    iraq, oil = english_topics(en_home, "Iraq", "Oil")
    article = hourly_article
    newest = article(middle_east, "Newest on Iraq and Oil", [iraq, oil])
    first = article(middle_east, "First read, on Iraq and Oil", [iraq, oil])
    second = article(middle_east, "Read next, on Iraq and Oil", [iraq, oil])
    assert related_titles(client, first) == [newest.title, second.title]
    with CaptureQueriesContext(connection) as queries:
        assert related_titles(client, second) == [newest.title, first.title]
    assert topic_queries(queries) == []


def test_a_new_article_on_a_topic_is_related_to_the_next_article_read(
    client, en_home, middle_east, hourly_article, article_factory
):
    iraq = english_topics(en_home, "Iraq")[0]
    article = hourly_article
    newest = article(middle_east, "Newest on Iraq", [iraq])
    first = article(middle_east, "First read, on Iraq", [iraq])
    later = article(middle_east, "Read later, on Iraq", [iraq])
    assert related_titles(client, first) == [newest.title, later.title]
    just_published = article_factory(middle_east, "Just published on Iraq", topics=[iraq])
    assert related_titles(client, later) == [just_published.title, newest.title, first.title]


def test_related_are_ranked_among_each_topics_newest_articles(
    client, en_home, middle_east, hourly_article, monkeypatch
):
    """An old article sharing two topics, past the newest of either topic, does not outrank
    the recent ones sharing one: a related story is a recent one."""
    monkeypatch.setattr(ArticlePage, "RELATED_POOL", 2)
    iraq, oil = english_topics(en_home, "Iraq", "Oil")
    sports = get_or_create_section(en_home, "sports", "Sports")[0]
    article = hourly_article
    iraq_news = [article(sports, f"Iraq {number}", [iraq]) for number in range(2)]
    oil_news = [article(sports, f"Oil {number}", [oil]) for number in range(2)]
    ancient = article(sports, "Old story on Iraq and Oil", [iraq, oil])
    subject = article(middle_east, "Iraq oil exports", [iraq, oil])

    titles = related_titles(client, subject)
    assert ancient.title not in titles
    assert titles == [article.title for article in [*iraq_news, *oil_news]]
