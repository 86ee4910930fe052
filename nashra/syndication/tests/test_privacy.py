"""Private stays private: no draft, unpublished or view-restricted article is ever syndicated."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from nashra.news.tests.factories import SectionPageFactory

from .conftest import get_items, get_json, headlines

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/en/ninjs/",
    "/en/ninjs/sections/news/",
    "/en/ninjs/sections/news/middle-east/",
    "/en/ninjs/topics/iraq/",
    "/en/ninjs/authors/huda-mansour/",
]


@pytest.fixture
def hidden(two_editions, article_factory):
    """A public story, and four that must never be shown, all on #Iraq by Huda Mansour."""
    en = two_editions.en
    tagged = {"topics": [en.topic], "authors": [en.author]}
    public = article_factory(en.middle_east, "Public story", **tagged)
    restricted = article_factory(en.middle_east, "Password story", **tagged)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    members = SectionPageFactory(parent=en.news, title="Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    below_private = article_factory(members, "Members story", **tagged)
    draft = article_factory(en.middle_east, "Draft story", publish=False, **tagged)
    withdrawn = article_factory(en.middle_east, "Withdrawn story", **tagged)
    withdrawn.unpublish()
    return {
        "public": public,
        "restricted": restricted,
        "below_private": below_private,
        "draft": draft,
        "withdrawn": withdrawn,
    }


@pytest.mark.parametrize("url", LISTINGS)
def test_only_the_public_story_is_listed(client, hidden, url):
    assert headlines(get_items(client, url)) == ["Public story"]


@pytest.mark.parametrize("name", ["restricted", "below_private", "draft", "withdrawn"])
def test_a_hidden_story_is_not_found_by_its_id(client, hidden, name):
    response = client.get(f"/en/ninjs/items/{hidden[name].pk}/")

    assert response.status_code == 404
    assert hidden[name].title.encode() not in response.content
    assert response.json()["status"] == 404


def test_not_even_a_signed_in_editor_gets_a_draft(client, hidden):
    # Any cache may keep an answer of this API: it never depends on who asks.
    admin = get_user_model().objects.create_superuser("chief", "chief@example.com", "x")
    client.force_login(admin)

    get_json(client, f"/en/ninjs/items/{hidden['draft'].pk}/", status=404)
    assert headlines(get_items(client, "/en/ninjs/")) == ["Public story"]


def test_a_private_section_has_no_listing(client, hidden):
    get_json(client, "/en/ninjs/sections/news/members/", status=404)


def test_the_other_editions_id_is_not_found(client, translated_article):
    original, translation = translated_article

    get_json(client, f"/en/ninjs/items/{translation.pk}/", status=404)
    get_json(client, f"/ar/ninjs/items/{original.pk}/", status=404)
    get_json(client, f"/ar/ninjs/items/{translation.pk}/")


def test_a_private_translation_is_not_linked(client, translated_article):
    original, translation = translated_article
    PageViewRestriction.objects.create(page=translation, restriction_type="login")

    item = get_json(client, f"/en/ninjs/items/{original.pk}/")

    assert [a for a in item["associations"] if a["name"] == "translation"] == []


@pytest.mark.parametrize("page_id", ["0", "2147483648", "99999999999999999999999"])
def test_an_id_no_page_can_have_is_not_found(client, hidden, page_id):
    get_json(client, f"/en/ninjs/items/{page_id}/", status=404)


def test_a_private_edition_publishes_nothing(client, hidden, two_editions):
    PageViewRestriction.objects.create(page=two_editions.en.home, restriction_type="login")

    get_json(client, "/en/ninjs/", status=404)
    get_json(client, f"/en/ninjs/items/{hidden['public'].pk}/", status=404)
