import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.curation.models import FeaturedSlot, HomeCuration

pytestmark = pytest.mark.django_db


def front(client, home):
    """Return the parsed front page, having checked that no article appears on it twice."""
    html = BeautifulSoup(client.get(home.url).content, "html.parser")
    titles = titles_on(html)
    assert len(titles) == len(set(titles)), titles
    return html


def titles_on(html):
    return [a.get_text() for a in html.select("main .teaser__title a")]


def texts(html, selector):
    return [a.get_text() for a in html.select(f"{selector} .teaser__title a")]


@pytest.fixture
def stories(middle_east, article_factory):
    now = timezone.now()
    return [
        article_factory(
            middle_east, f"Story {number}", published_at=now - datetime.timedelta(hours=number)
        )
        for number in range(14)
    ]


def pin(home, top_story=None, slots=()):
    curation = HomeCuration(locale=home.locale, top_story=top_story)
    curation.featured_slots = [FeaturedSlot(article=article) for article in slots]
    curation.save()
    return curation


def test_pinned_top_story_leads_and_appears_once(client, en_home, stories):
    pin(en_home, top_story=stories[0])  # also the latest article
    html = front(client, en_home)
    assert texts(html, ".top-story") == ["Story 0"]
    assert texts(html, ".latest")[0] == "Story 1"
    pin_older = HomeCuration.objects.get()
    pin_older.top_story = stories[9]
    pin_older.save()
    html = front(client, en_home)
    assert texts(html, ".top-story") == ["Story 9"]
    assert texts(html, ".latest") == [f"Story {n}" for n in range(6)]


def test_featured_slots_in_order_and_empty_ones_fall_back(client, en_home, stories):
    pin(en_home, top_story=stories[5], slots=[stories[8], None, stories[2]])
    html = front(client, en_home)
    assert texts(html, ".top-story") == ["Story 5"]
    assert texts(html, ".featured") == ["Story 8", "Story 0", "Story 2"]
    assert texts(html, ".latest") == [
        "Story 1",
        "Story 3",
        "Story 4",
        "Story 6",
        "Story 7",
        "Story 9",
    ]
    assert texts(html, ".section-block") == ["Story 10", "Story 11", "Story 12", "Story 13"]


def test_draft_or_repeated_pins_are_skipped(client, en_home, middle_east, stories, article_factory):
    draft = article_factory(middle_east, "Unpublished", publish=False)
    pin(en_home, top_story=draft, slots=[stories[3], stories[3], draft])
    html = front(client, en_home)
    assert "Unpublished" not in titles_on(html)
    assert texts(html, ".top-story") == ["Story 0"]
    assert texts(html, ".featured") == ["Story 3", "Story 1", "Story 2"]


def test_pins_of_another_edition_are_ignored(client, en_home, ar_home, stories):
    pin(ar_home, top_story=stories[7])
    assert titles_on(front(client, ar_home)) == []
    html = front(client, en_home)
    assert texts(html, ".top-story") == ["Story 0"]
    assert not html.select(".featured")


def test_curation_is_editable_in_the_admin(admin_client, en_home):
    assert admin_client.get("/admin/snippets/curation/homecuration/add/").status_code == 200


def test_pins_and_banner_cost_the_same_for_any_archive_size(client, en_home, middle_east, stories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nashra.curation.models import BreakingNews
    from nashra.news.models import ArticlePage

    BreakingNews.objects.create(
        locale=en_home.locale,
        text="Live",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    pin(en_home, top_story=stories[3], slots=[stories[5], None])

    def count():
        client.get(en_home.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(en_home.url)
        return len(queries)

    before = count()
    for number in range(20):
        middle_east.add_child(instance=ArticlePage(title=f"Extra {number}", lead="Lead", live=True))
    assert count() == before
