"""A live page in the lite edition: its updates as plain text, paged, and fresh after a post."""

import pytest
from django.contrib.auth import get_user_model

from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.lite.addresses import lite_url
from nashra.live import services
from nashra.live.models import LiveUpdate
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_page(two_editions):
    return LivePageFactory(parent=two_editions.en.middle_east, title="Storm on the coast")


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_lite_live_page_lists_its_updates_newest_first_and_pages_older_ones(client, live_page):
    for number in range(12):
        LiveUpdateFactory(page=live_page, body=paragraph(f"Bulletin {number:02}."))
    LiveUpdateFactory(
        page=live_page,
        status=LiveUpdate.Status.DRAFT,
        published_at=None,
        body=paragraph("Not yet checked."),
    )
    url = lite_url(live_page)

    first = text_of(client, url)
    shown = [n for n in range(12) if f"Bulletin {n:02}." in first]
    assert shown == list(range(2, 12))  # the newest ten
    assert first.index("Bulletin 11.") < first.index("Bulletin 02.")
    assert "Not yet checked." not in first
    assert "<script" not in first and "<img" not in first
    older = first.split("Older updates")[0].rsplit('href="', 1)[1].split('"')[0]

    second = text_of(client, url + older.replace("&amp;", "&"))
    assert "Bulletin 01." in second and "Bulletin 00." in second
    assert "Bulletin 02." not in second and "Older updates" not in second


def test_a_post_reaches_the_lite_live_page_at_once(client, commit, page_cache, live_page):
    url = lite_url(live_page)
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    editor = get_user_model().objects.create_superuser("desk", "desk@example.org", "x")

    commit(services.post_update, live_page, editor, body=paragraph("Winds ease."), publish=True)

    response = client.get(url)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "Winds ease." in response.content.decode()


def test_an_ended_coverage_says_so_in_the_lite_edition(client, live_page):
    LiveUpdateFactory(page=live_page)
    services.set_coverage_end(
        live_page,
        get_user_model().objects.create_superuser("chief", "chief@example.org", "x"),
        live_page.coverage_starts_at.replace(microsecond=0),
    )

    assert "This live coverage has ended." in text_of(client, lite_url(live_page))
