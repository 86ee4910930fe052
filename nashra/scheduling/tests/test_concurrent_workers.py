"""Two workers, or one run twice, do each publish and expiry once: never twice, never half.

The race is played in one process: between the moment this worker lists what is due and the
moment it takes the first item, "another worker" does the whole pass.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import transaction
from wagtail.models import PageLogEntry

from nashra.news.models import ArticlePage
from nashra.scheduling import services
from nashra.scheduling.models import WorkerHeartbeat

from .helpers import clock, schedule
from .test_database_clock import expiring, scheduled

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def another_worker_goes_first(monkeypatch):
    """Run a whole pass, as another worker would, just before this one's first item."""
    state = {"done": False}

    def atomic(*args, **kwargs):
        if not state["done"]:
            state["done"] = True
            state["result"] = services.run_scheduled()
        return transaction.atomic(*args, **kwargs)

    monkeypatch.setattr(services, "transaction", SimpleNamespace(atomic=atomic), raising=True)
    return state


@pytest.fixture
def due_items(middle_east, article_factory):
    db_now = services.database_now()
    article, _ = scheduled(article_factory, middle_east, "Due", db_now - MINUTE)
    expired = expiring(article_factory, middle_east, "Expired", db_now - MINUTE)
    return article, expired


def entries(action):
    return list(PageLogEntry.objects.filter(action=action).values_list("page_id", flat=True))


def test_a_revision_another_worker_published_meanwhile_is_not_published_again(
    middle_east, article_factory, another_worker_goes_first
):
    db_now = services.database_now()
    article, revision = scheduled(article_factory, middle_east, "Due", db_now - MINUTE)

    result = services.publish_due_revisions()

    assert [r.pk for r in another_worker_goes_first["result"].published] == [revision.pk]
    assert result.published == [] and result.failed == []
    assert entries("wagtail.publish.scheduled") == [article.pk]
    assert ArticlePage.objects.get(pk=article.pk).live_revision_id == revision.pk


def test_an_expiry_another_worker_carried_out_meanwhile_is_not_carried_out_again(
    middle_east, article_factory, another_worker_goes_first
):
    article = expiring(article_factory, middle_east, "Expired", services.database_now() - MINUTE)

    result = services.unpublish_expired()

    assert [page.pk for page in another_worker_goes_first["result"].unpublished] == [article.pk]
    assert result.unpublished == [] and result.failed == []
    assert entries("wagtail.unpublish.scheduled") == [article.pk]
    assert entries("wagtail.unpublish") == []


def test_a_second_pass_finds_nothing_left_to_do(due_items):
    article, expired = due_items
    first = services.run_scheduled()
    second = services.run_scheduled()

    assert (len(first.published), len(first.unpublished)) == (1, 1)
    assert (second.published, second.unpublished, second.failed) == ([], [], [])
    assert entries("wagtail.publish.scheduled") == [article.pk]
    assert entries("wagtail.unpublish.scheduled") == [expired.pk]


def test_a_failing_publish_leaves_nothing_half_done(due_items, monkeypatch):
    """The audit entry fails after Wagtail has changed the page: the page is left as it was."""
    article, _ = due_items

    def broken_log(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "log", broken_log)
    result = services.run_scheduled()

    assert len(result.failed) == 2
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live and article.live_revision_id is None
    assert services.scheduled_count() == 2  # both still waiting for the next pass
    assert WorkerHeartbeat.objects.get().failed == 2

    monkeypatch.undo()
    result = services.run_scheduled()
    assert (len(result.published), len(result.unpublished)) == (1, 1)


def test_a_restarted_worker_purges_what_an_unfinished_pass_changed(due_items, monkeypatch):
    article, _ = due_items
    services.run_scheduled()  # a finished pass: its purges were sent
    assert services.purge_after_unfinished_pass() == 0

    db_now = services.database_now()
    with clock(db_now - HOUR):
        schedule(ArticlePage.objects.get(pk=article.pk), db_now - MINUTE, title="Corrected")
    sent = []
    monkeypatch.setattr(services.purge, "send", sent.append)
    services.publish_due_revisions()  # a pass killed once this commit was done, before its purge

    assert services.purge_after_unfinished_pass() == 1
    assert len(sent) == 1 and sent[0].tags
