"""A topic has no revisions: its edit form carries an edit token, and a stale save is refused."""

import pytest

from nashra.core.tests.admin_forms import form_data
from nashra.core.tests.snippets import (
    guarded_url,
    login_colleague,
    messages_text,
    open_form,
    save,
    snippet_url,
    stale_save,
    traces,
)
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(en_home):
    return Topic.objects.create(name="Yemen", slug="yemen", locale=en_home.locale)


def assert_refused(response, before, topic):
    assert response.status_code == 200
    assert "Layla Haddad changed this on" in messages_text(response)
    assert traces(topic) == before  # no log entry
    topic.refresh_from_db()
    assert (topic.name, topic.aliases) == ("Yemen", "Aden")  # the colleague's save stands


def test_stale_save_is_refused_and_nothing_written(admin_client, topic):
    """Needs the viewset's edit view to mix in StaleEditGuardMixin."""
    colleague, _layla = login_colleague()
    url = snippet_url(topic, "edit")

    response, before = stale_save(
        admin_client, colleague, url, {"name": "Yemen war"}, {"aliases": "Aden"}, topic
    )

    assert_refused(response, before, topic)


@pytest.mark.urls("nashra.core.tests.guarded_urls")
def test_stale_edit_guard_refuses_a_form_loaded_before_a_change(admin_client, topic):
    colleague, _layla = login_colleague()
    url = guarded_url(topic)

    response, before = stale_save(
        admin_client, colleague, url, {"name": "Yemen war"}, {"aliases": "Aden"}, topic
    )

    assert_refused(response, before, topic)
    again = form_data(response)
    assert again["name"] == "Yemen war"  # the editor's input, shown again
    assert save(admin_client, url, again).status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Yemen war"


@pytest.mark.urls("nashra.core.tests.guarded_urls")
def test_stale_edit_guard_lets_a_current_form_save(admin_client, topic):
    url = guarded_url(topic)
    first = save(admin_client, url, open_form(admin_client, url), name="Yemen war")
    assert first.status_code == 302
    second = save(admin_client, url, open_form(admin_client, url), name="Yemen")
    assert second.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Yemen"


@pytest.mark.urls("nashra.core.tests.guarded_urls")
def test_change_made_outside_the_admin_is_a_conflict_too(admin_client, topic):
    url = guarded_url(topic)
    form = open_form(admin_client, url)
    Topic.objects.filter(pk=topic.pk).update(aliases="Aden")  # an import, say: no log entry

    response = save(admin_client, url, form, name="Yemen war")

    assert response.status_code == 200
    assert "Someone else changed this after you opened it" in messages_text(response)
    topic.refresh_from_db()
    assert topic.name == "Yemen"
