"""The worker publishes at the scheduled time, unpublishes at expiry, and waits for embargoes.

What is due is decided by the database's clock, which a test cannot move: a pass is given the
moment it stands for (and the host's clock is moved along with it).
"""

import datetime
import io
import os
import signal
import threading

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from nashra.news.models import ArticlePage
from nashra.scheduling import services
from nashra.scheduling.models import WorkerHeartbeat

from .helpers import clock, schedule

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)


def live(article):
    return ArticlePage.objects.get(pk=article.pk).live


def run_at(moment):
    with clock(moment):
        return services.run_scheduled(moment)


def test_worker_publishes_a_scheduled_article_at_its_time_and_not_before(scheduled_article, now):
    call_command("run_worker", "--once")
    assert not live(scheduled_article)
    run_at(now + HOUR - SECOND)
    assert not live(scheduled_article)

    run_at(now + HOUR + SECOND)
    assert live(scheduled_article)
    entry = PageLogEntry.objects.get(page=scheduled_article, action="wagtail.publish.scheduled")
    assert entry.user is None
    assert entry.data["scheduled"] is True
    assert abs(entry.timestamp - services.database_now()) < 60 * SECOND  # the database's clock


def test_worker_unpublishes_an_article_at_its_expiry(middle_east, article_factory, now):
    article = article_factory(middle_east, "Polling stations open", expire_at=now + HOUR)
    assert live(article)

    run_at(now + HOUR - SECOND)
    assert live(article)

    run_at(now + HOUR + SECOND)
    article.refresh_from_db()
    assert not article.live
    assert article.expired
    entry = PageLogEntry.objects.get(page=article, action="wagtail.unpublish.scheduled")
    assert entry.user is None
    assert entry.data["scheduled"] is True


def test_worker_waits_for_the_embargo_even_when_go_live_has_passed(
    middle_east, article_factory, now
):
    embargo = now + 2 * HOUR
    article = article_factory(middle_east, "Budget figures", publish=False)
    schedule(article, now + HOUR, embargo_until=embargo)
    article.embargo_until = embargo
    article.save()

    run_at(now + HOUR + 5 * SECOND)
    assert not live(article)

    # Waiting for an embargo is not falling behind.
    with clock(embargo - SECOND):
        assert services.overdue_items() == []

    run_at(embargo + SECOND)
    assert live(article)


def test_worker_records_a_heartbeat(db):
    call_command("run_worker", "--once")
    assert abs(WorkerHeartbeat.objects.get().last_run - services.database_now()) < 60 * SECOND


def test_a_failing_item_does_not_stop_the_others(scheduled_article, now, monkeypatch):
    from wagtail.actions.publish_revision import PublishRevisionAction

    def broken_publish(self, *args, **kwargs):
        raise RuntimeError("storage down")

    monkeypatch.setattr(PublishRevisionAction, "execute", broken_publish)
    result = run_at(now + HOUR + SECOND)
    assert len(result.failed) == 1
    assert WorkerHeartbeat.objects.get().failed == 1
    assert not live(scheduled_article)


def test_worker_loop_stops_cleanly_on_sigterm(db):
    previous = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
    out = io.StringIO()
    call_command("run_worker", "--interval", "0.05", stdout=out)
    assert "Scheduling worker stopped." in out.getvalue()
    assert WorkerHeartbeat.objects.exists()
    assert signal.getsignal(signal.SIGTERM) is previous


def test_no_publishing_path_puts_an_embargoed_article_live(middle_east, article_factory):
    """Code, bulk actions and workflow approval all publish a revision: none beats the embargo."""
    from django.utils import timezone

    article = article_factory(middle_east, "Under embargo", publish=False)
    article.embargo_until = timezone.now() + timezone.timedelta(hours=2)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at == article.embargo_until
