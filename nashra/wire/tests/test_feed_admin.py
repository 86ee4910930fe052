"""Partner feeds in the admin: the edition's chief editors (and administrators) manage them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from nashra.accounts.tests.factories import make_user
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups
from nashra.newsroom.tests.factories import make_member
from nashra.wire.models import PartnerFeed

from .factories import PartnerFeedFactory

pytestmark = pytest.mark.django_db

LIST = reverse("wire_feeds:index")
ADD = reverse("wire_feeds:add")


def refused(response):
    if response.status_code in (301, 302):
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def rows(response):
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    return (
        [] if table is None else [row.get_text(" ", strip=True) for row in table.select("tbody tr")]
    )


def form_data(edition, section, **values):
    return {
        "name": "Gulf Daily",
        "url": "https://gulf.example/feed.xml",
        "locale": edition.locale.pk,
        "default_section": section.pk,
        "source": edition.source.pk,
        "poll_interval": "15",
        "enabled": "on",
        **values,
    }


@pytest.fixture
def feeds(two_editions):
    return {
        "en": PartnerFeedFactory(name="Gulf Daily", locale=two_editions.en.locale, enabled=False),
        "ar": PartnerFeedFactory(name="صحيفة الخليج", locale=two_editions.ar.locale, enabled=False),
    }


def test_a_chief_lists_and_edits_only_their_editions_feeds(client_for, chief, feeds):
    client = client_for(chief)

    listing = rows(client.get(LIST))
    assert len(listing) == 1 and "Gulf Daily" in listing[0]
    assert client.get(reverse("wire_feeds:edit", args=[feeds["en"].pk])).status_code == 200
    for view in ("edit", "delete", "history"):
        assert refused(client.get(reverse(f"wire_feeds:{view}", args=[feeds["ar"].pk]))), view
    assert refused(client.post(reverse("wire_feeds:delete", args=[feeds["ar"].pk])))
    assert PartnerFeed.objects.filter(pk=feeds["ar"].pk).exists()


def test_a_chief_adds_a_feed_of_their_edition(client_for, chief, two_editions):
    en = two_editions.en

    response = client_for(chief).post(ADD, form_data(en, en.middle_east))

    assert response.status_code == 302, response.context["form"].errors
    feed = PartnerFeed.objects.get()
    assert (feed.locale, feed.default_section.pk, feed.source) == (
        en.locale,
        en.middle_east.pk,
        en.source,
    )
    assert feed.next_poll_at is None  # polled on the worker's next pass


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("section of the other edition", "default_section"),
        ("source of the other edition", "source"),
        ("another edition", "locale"),
        ("ftp address", "url"),
        ("poll every 0 minutes", "poll_interval"),
    ],
)
def test_the_feed_form_refuses(client_for, chief, two_editions, change, field):
    en, ar = two_editions
    values = {
        "section of the other edition": {"default_section": ar.middle_east.pk},
        "source of the other edition": {"source": ar.source.pk},
        "another edition": {"locale": ar.locale.pk},
        "ftp address": {"url": "ftp://gulf.example/feed.xml"},
        "poll every 0 minutes": {"poll_interval": "0"},
    }[change]

    response = client_for(chief).post(ADD, form_data(en, en.middle_east, **values))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not PartnerFeed.objects.exists()


def test_writers_and_editors_do_not_manage_feeds(client_for, writer, editor, feeds, two_editions):
    for user in (writer, editor):
        client = client_for(user)
        assert refused(client.get(LIST)), user
        assert refused(client.get(reverse("wire_feeds:edit", args=[feeds["en"].pk]))), user
        assert refused(client.post(ADD, form_data(two_editions.en, two_editions.en.middle_east)))
    assert PartnerFeed.objects.count() == 2


def test_administrators_manage_every_editions_feeds(client_for, feeds):
    administrator = make_member("administrator", roles.ADMINISTRATORS)

    assert len(rows(client_for(administrator).get(LIST))) == 2


def test_a_chief_made_after_the_migration_gets_the_rights_too(client_for, feeds, ar_home):
    chief_ar = make_member("chief-ar", edition_groups(ar_home))  # the edition's group alone

    listing = rows(client_for(chief_ar).get(LIST))

    assert len(listing) == 1 and "صحيفة الخليج" in listing[0]


def test_the_listing_says_which_feeds_fail_since_when_and_why(client_for, chief, two_editions):
    PartnerFeedFactory(
        name="Failing feed",
        locale=two_editions.en.locale,
        consecutive_failures=3,
        failing_since=timezone.now(),
        last_error="the server answered 500 Internal Server Error",
    )
    PartnerFeedFactory(
        name="Working feed", locale=two_editions.en.locale, last_success_at=timezone.now()
    )
    PartnerFeedFactory(name="New feed", locale=two_editions.en.locale)

    listing = " | ".join(rows(client_for(chief).get(LIST)))

    assert "Failing since" in listing
    assert "the server answered 500 Internal Server Error" in listing
    assert "Working feed" in listing and "OK" in listing
    assert "Not polled yet" in listing


@pytest.mark.parametrize("field", ["default_section", "source"])
def test_even_an_administrator_keeps_a_feeds_section_and_source_in_its_edition(
    client_for, two_editions, field
):
    en, ar = two_editions
    superuser = make_user("root", superuser=True)
    other = {"default_section": ar.middle_east.pk, "source": ar.source.pk}[field]

    response = client_for(superuser).post(ADD, form_data(en, en.middle_east, **{field: other}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        {
            "default_section": "Choose a section of the feed's edition.",
            "source": "Choose a source of the feed's edition.",
        }[field]
    ]
