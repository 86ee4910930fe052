"""The wire inbox in the admin: who sees which items, searching and filtering, its cost."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nashra.accounts.tests.factories import make_user

from .factories import PartnerFeedFactory, WireItemFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("wire_inbox:index")
# The session and the user (5, with the second step's devices and the profile), the count,
# the items and their deliveries with their feeds (3), the filters' feeds and editions (3) and
# the admin's own menus (2): the same for a page of 5 items as of 30.
EXPECTED_LISTING_QUERIES = 13


def item_url(item):
    return reverse("wire_inbox:item", args=[item.pk])


def refused(response):
    """Refused: a 403, or Wagtail's way of saying it, a redirect to the dashboard."""
    if response.status_code in (301, 302):
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def listed(response):
    """The headlines the inbox lists."""
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    return (
        []
        if table is None
        else [a.get_text(strip=True) for a in table.select("tbody td:first-child a")]
    )


@pytest.fixture
def items(two_editions):
    return {
        "en": WireItemFactory(title="Port reopens in Aden"),
        "ar": WireItemFactory(title="إعادة فتح ميناء عدن", language_code="ar"),
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, items):
    for url in (INBOX, item_url(items["en"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_staff_see_only_their_editions_items(client_for, writer, writer_ar, items):
    assert listed(client_for(writer).get(INBOX)) == ["Port reopens in Aden"]
    assert refused(client_for(writer).get(item_url(items["ar"])))

    client = client_for(writer_ar)
    assert listed(client.get(INBOX)) == ["إعادة فتح ميناء عدن"]
    assert refused(client.get(item_url(items["en"])))
    assert client.get(item_url(items["ar"])).status_code == 200


def test_an_editor_and_a_chief_of_the_edition_see_it_too(client_for, editor, chief, items):
    for user in (editor, chief):
        assert listed(client_for(user).get(INBOX)) == ["Port reopens in Aden"]


def test_someone_on_no_desk_may_not_open_the_inbox(client_for, items):
    staff = make_user("staff", "wagtailadmin.access_admin")
    client = client_for(staff)

    assert refused(client.get(INBOX))
    assert refused(client.get(item_url(items["en"])))


def test_the_wire_menu_shows_the_inbox_to_the_desk_and_the_feeds_to_chiefs(
    client_for, writer, chief, items
):
    def menu(user):
        return client_for(user).get(reverse("wagtailadmin_home")).content.decode()

    writer_menu = menu(writer)
    assert INBOX in writer_menu and reverse("wire_feeds:index") not in writer_menu
    assert reverse("wire_feeds:index") in menu(chief)


def test_newest_first_and_searched_in_headline_summary_and_body(client_for, two_editions):
    feed = PartnerFeedFactory(name="Saba", locale=two_editions.en.locale, enabled=False)
    WireItemFactory(title="Oldest", body="<p>Fishing boats return to Hodeidah.</p>", feed=feed)
    WireItemFactory(title="Middle", summary="A summary about HODEIDAH port.")
    WireItemFactory(title="Newest")
    client = client_for(make_user("admin", superuser=True))

    assert listed(client.get(INBOX)) == ["Newest", "Middle", "Oldest"]
    assert listed(client.get(INBOX, {"q": "hodeidah"})) == ["Middle", "Oldest"]
    assert listed(client.get(INBOX, {"feed": feed.pk})) == ["Oldest"]


def test_filtered_by_edition_and_by_taken(client_for, items, middle_east, article_factory):
    items["en"].taken_page = article_factory(middle_east, "Draft", publish=False)
    items["en"].save()
    client = client_for(make_user("admin", superuser=True))

    ar = items["ar"].locale
    assert listed(client.get(INBOX, {"locale": ar.pk})) == ["إعادة فتح ميناء عدن"]
    assert listed(client.get(INBOX, {"taken": "yes"})) == ["Port reopens in Aden"]
    assert listed(client.get(INBOX, {"taken": "no"})) == ["إعادة فتح ميناء عدن"]


def test_a_feed_of_another_edition_is_no_filter_choice(client_for, writer, items):
    other = PartnerFeedFactory(locale=items["ar"].locale, enabled=False)

    response = client_for(writer).get(INBOX, {"feed": other.pk})

    assert response.context["form"].errors["feed"]


def test_the_item_shows_its_sanitized_body_sources_and_original(client_for, writer, two_editions):
    feed = PartnerFeedFactory(name="Saba News", locale=two_editions.en.locale, enabled=False)
    item = WireItemFactory(
        title="Port reopens",
        link="https://saba.example/port",
        # Stored sanitized; shown sanitized again, whoever stored it.
        body='<p>Ships <b>berthed</b>.</p><script>alert(1)</script><img src="x" onerror="y">',
        feed=feed,
    )

    page = BeautifulSoup(client_for(writer).get(item_url(item)).content, "html.parser")

    story = page.find("article")
    assert "Ships berthed." in story.get_text()
    assert story.find("b") and not page.find("img") and "alert(1)" not in str(page)
    assert "Saba News" in page.get_text()
    assert page.find("a", href="https://saba.example/port")


@pytest.mark.parametrize("count", [5, 50])
def test_the_listing_costs_the_same_for_5_or_50_items(client_for, two_editions, count, request):
    feeds = [PartnerFeedFactory(locale=two_editions.en.locale, enabled=False) for _ in range(3)]
    for number in range(count):
        WireItemFactory(feed=feeds[number % 3])
    client = client_for(make_user("reader", superuser=True))
    client.get(INBOX)  # the session, the site and the menus are read once

    with CaptureQueriesContext(connection) as queries:
        response = client.get(INBOX)

    assert response.status_code == 200
    assert len(listed(response)) == min(count, 30)
    assert len(queries) == EXPECTED_LISTING_QUERIES, [q["sql"] for q in queries]
