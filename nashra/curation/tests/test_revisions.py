"""Breaking news and front pages keep revisions, and a stale save of either is refused."""

import datetime

import pytest
from django.utils import timezone

from nashra.core.tests.snippets import (
    history_text,
    login_colleague,
    message_links,
    messages_text,
    open_form,
    save,
    snippet_url,
    stale_save,
    traces,
)
from nashra.curation.models import BreakingNews, FeaturedSlot, HomeCuration
from nashra.curation.services import withdraw_breaking_news

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def breaking(en_home):
    now = timezone.now()
    item = BreakingNews(
        locale=en_home.locale,
        text="Quake hits the coast",
        starts_at=now - HOUR,
        expires_at=now + HOUR,
    )
    item.save()  # no revision yet, as for a line saved before revisions existed
    return item


@pytest.fixture
def curation(en_home, middle_east, article_factory):
    top, featured = article_factory(middle_east, "Top"), article_factory(middle_east, "Featured")
    curation = HomeCuration(locale=en_home.locale, top_story=top)
    curation.featured_slots = [FeaturedSlot(article=featured)]
    curation.save()
    curation.save_revision()
    return curation


def test_admin_save_of_breaking_news_makes_a_revision_shown_in_the_history(breaking):
    client, nadia = login_colleague("nadia", "Nadia", "Saleh")
    url = snippet_url(breaking, "edit")

    response = save(client, url, open_form(client, url), text="Quake: tsunami warning lifted")

    assert response.status_code == 302, messages_text(response)
    breaking.refresh_from_db()
    assert breaking.latest_revision.user == nadia
    assert breaking.latest_revision.as_object().text == "Quake: tsunami warning lifted"
    assert "Nadia Saleh" in history_text(client, breaking)


def test_withdrawal_leaves_a_revision_by_who_withdrew(breaking, admin_user):
    withdraw_breaking_news(breaking, admin_user)
    revision = BreakingNews.objects.get(pk=breaking.pk).latest_revision
    assert revision.user == admin_user
    assert revision.as_object().withdrawn is True


def test_breaking_news_can_be_restored(admin_client, breaking):
    url = snippet_url(breaking, "edit")
    save(admin_client, url, open_form(admin_client, url), text="Quake: warning lifted")
    first = BreakingNews.objects.get(pk=breaking.pk).latest_revision
    save(admin_client, url, open_form(admin_client, url), text="Quake: 40 dead")
    second = BreakingNews.objects.get(pk=breaking.pk).latest_revision
    compare = admin_client.get(snippet_url(breaking, "revisions_compare", first.pk, second.pk))
    assert compare.status_code == 200

    revert_url = snippet_url(breaking, "revisions_revert", first.pk)
    assert save(admin_client, revert_url, open_form(admin_client, revert_url)).status_code == 302
    breaking.refresh_from_db()
    assert breaking.text == "Quake: warning lifted"


def test_front_page_curation_revisions_keep_its_slots(admin_client, admin_user, curation):
    url = snippet_url(curation, "edit")
    form = open_form(admin_client, url)
    first = curation.latest_revision
    assert save(admin_client, url, form, **{"featured_slots-0-DELETE": "1"}).status_code == 302
    curation.refresh_from_db()
    assert curation.featured_slots.count() == 0
    assert curation.latest_revision.user == admin_user
    assert "admin" in history_text(admin_client, curation)

    revert_url = snippet_url(curation, "revisions_revert", first.pk)
    assert save(admin_client, revert_url, open_form(admin_client, revert_url)).status_code == 302
    curation.refresh_from_db()
    assert [slot.article.title for slot in curation.featured_slots.all()] == ["Featured"]


@pytest.mark.parametrize("name", ["breaking", "curation"])
def test_stale_save_is_refused_and_nothing_written(admin_client, request, name, middle_east):
    """Needs the viewsets' edit views to mix in StaleEditGuardMixin."""
    obj = request.getfixturevalue(name)
    colleague, _layla = login_colleague()
    url = snippet_url(obj, "edit")
    if name == "breaking":
        mine, theirs = {"text": "Mine"}, {"text": "Theirs"}
    else:
        mine, theirs = {"top_story": ""}, {"top_story": str(middle_east.get_children()[1].pk)}

    response, before = stale_save(admin_client, colleague, url, mine, theirs, obj)

    assert response.status_code == 200
    assert "Layla Haddad saved a newer version" in messages_text(response)
    assert traces(obj) == before
    obj.refresh_from_db()
    stored = obj.latest_revision.as_object()
    if name == "breaking":
        assert (obj.text, stored.text) == ("Theirs", "Theirs")
        # Loaded before its first revision: the history, not a comparison, is offered.
        assert "History" in message_links(response)
    else:
        assert obj.top_story.title == stored.top_story.title == "Featured"
        assert admin_client.get(message_links(response)["Compare versions"]).status_code == 200
