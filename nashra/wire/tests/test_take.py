"""Taking a wire item: a draft article in a section the taker writes in, then review as usual."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from nashra.news.models import ArticlePage
from nashra.newsroom import roles
from nashra.newsroom.services import section_groups
from nashra.newsroom.tests.factories import make_member
from nashra.newsroom.tests.test_workflow import awaiting_review
from nashra.wire.models import WireItem
from nashra.wire.services import take_item

from .factories import PartnerFeedFactory, WireItemFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Ships berthed at <b>Aden</b> on Monday, the port authority said.</p>"
    "<h2>What changes</h2><p>Cranes work again.</p>"
)


def take_url(item):
    return reverse("wire_inbox:take", args=[item.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def feed(two_editions, middle_east):
    return PartnerFeedFactory(
        name="Reuters wire",
        locale=two_editions.en.locale,
        source=two_editions.en.source,
        default_section=middle_east,
        enabled=False,
    )


@pytest.fixture
def item(feed):
    return WireItemFactory(
        title="Port of Aden reopens",
        link="https://reuters.example/aden-port",
        summary="Ships berthed on Monday.",
        body=BODY,
        authors=["Huda Mansour"],
        feed=feed,
    )


def test_the_item_offers_only_the_sections_the_user_writes_in(
    client_for, writer, item, culture, middle_east
):
    page = BeautifulSoup(
        client_for(writer).get(reverse("wire_inbox:item", args=[item.pk])).content, "html.parser"
    )

    options = {
        o.get_text(strip=True): o.get("selected") is not None
        for o in page.select("select[name=section] option")
        if o["value"]
    }
    assert options == {"News › Middle East": True}  # the feed's default section, chosen


def test_a_writer_of_the_section_takes_the_item_as_a_draft(
    client_for, writer, item, middle_east, two_editions
):
    response = client_for(writer).post(take_url(item), {"section": middle_east.pk})

    page = ArticlePage.objects.get(title="Port of Aden reopens")
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    assert page.get_parent().pk == middle_east.pk and page.locale == middle_east.locale
    assert not page.live and page.has_unpublished_changes
    assert page.lead == "Ships berthed on Monday."
    assert [block.block_type for block in page.body] == ["paragraph", "subheading", "paragraph"]
    assert "<b>Aden</b>" in page.body[0].value.source
    assert list(page.sources.all()) == [two_editions.en.source]
    assert [author.name for author in page.authors.all()] == ["Huda Mansour"]
    assert page.wire_uri == "https://reuters.example/aden-port"
    assert page.owner == writer
    item.refresh_from_db()
    assert (item.taken_page_id, item.taken_by) == (page.pk, writer)
    assert item.taken_at is not None
    taken = PageLogEntry.objects.get(page=page, action="nashra.wire.take")
    assert taken.user == writer and taken.data["original"] == "https://reuters.example/aden-port"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=writer).exists()


def test_the_draft_goes_through_the_newsroom_review(client_for, writer, editor, item, middle_east):
    client_for(writer).post(take_url(item), {"section": middle_east.pk})
    page = ArticlePage.objects.get(title="Port of Aden reopens")
    assert page.get_workflow().name == "Newsroom review"

    page.get_workflow().start(page, writer)  # the writer submits it for review

    assert "Port of Aden reopens" in awaiting_review(client_for(editor))
    page.refresh_from_db()
    assert not page.live


def test_someone_who_cannot_write_in_the_section_cannot_take_into_it(
    client_for, writer, item, culture
):
    response = client_for(writer).post(take_url(item), {"section": culture.pk})

    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not ArticlePage.objects.filter(title="Port of Aden reopens").exists()
    item.refresh_from_db()
    assert not item.is_taken and item.taken_by is None


def test_an_item_in_another_language_is_refused_with_a_message(
    client_for, writer, feed, middle_east
):
    french = WireItemFactory(
        title="Le port rouvre", language_code="fr", locale=feed.locale, feed=feed
    )

    response = client_for(writer).post(take_url(french), {"section": middle_east.pk})

    assert response["Location"] == reverse("wire_inbox:item", args=[french.pk])
    assert "“fr”" in messages_of(response)[0]
    assert not ArticlePage.objects.filter(title="Le port rouvre").exists()
    french.refresh_from_db()
    assert not french.is_taken


def test_an_item_cannot_go_to_a_section_of_another_edition(
    client_for, item, middle_east, ar_middle_east
):
    both = make_member(
        "editor-both",
        roles.EDITORS,
        section_groups(middle_east)[1],
        section_groups(ar_middle_east)[1],
    )

    response = client_for(both).post(take_url(item), {"section": ar_middle_east.pk})

    assert "edition" in messages_of(response)[0]
    assert not ArticlePage.objects.filter(title="Port of Aden reopens").exists()


def test_taking_twice_sends_the_second_to_the_first_draft(
    client_for, writer, editor, item, middle_east
):
    client_for(editor).post(take_url(item), {"section": middle_east.pk})
    draft = ArticlePage.objects.get(title="Port of Aden reopens")

    response = client_for(writer).post(take_url(item), {"section": middle_east.pk})

    assert response["Location"] == edit_url(draft)
    assert messages_of(response)[-1] == (
        "editor took this item already: here is the draft it became."
    )
    assert ArticlePage.objects.filter(title="Port of Aden reopens").count() == 1
    # Whatever the form says: the item is taken.
    assert client_for(writer).post(take_url(item), {})["Location"] == edit_url(draft)


def test_two_takes_at_once_make_one_draft(writer, editor, item, middle_east):
    """The second, whose view read the item before the first committed, still gets the first."""
    stale = WireItem.objects.get(pk=item.pk)
    first = take_item(item, middle_east, editor)
    second = take_item(stale, middle_east, writer)

    assert first.created and not second.created
    assert second.page.pk == first.page.pk and second.taken_by == editor
    assert ArticlePage.objects.filter(title="Port of Aden reopens").count() == 1


def test_take_is_a_post_with_a_csrf_token(writer, item, middle_east):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    assert client.get(take_url(item)).status_code == 405
    assert client.post(take_url(item), {"section": middle_east.pk}).status_code == 403
    assert not WireItem.objects.get(pk=item.pk).is_taken


def test_an_arabic_item_from_an_english_feed_credits_the_arabic_source(
    client_for, feed, two_editions, ar_news, writer_ar
):
    arabic = WireItemFactory(
        title="إعادة فتح ميناء عدن", language_code="ar", body="<p>رست السفن.</p>", feed=feed
    )

    client_for(writer_ar).post(take_url(arabic), {"section": ar_news.pk})

    page = ArticlePage.objects.get(title="إعادة فتح ميناء عدن")
    assert page.locale == ar_news.locale and page.slug == "إعادة-فتح-ميناء-عدن"
    assert list(page.sources.all()) == [two_editions.ar.source]  # «رويترز», Reuters' translation
