"""What is due is decided by the database's clock, whatever the worker host's clock says.

The worker's host clock is moved hours off (``clock`` patches ``django.utils.timezone.now``,
which Django, Wagtail and the worker read); the database's clock is left alone.
"""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, Revision

from nashra.news.models import ArticlePage
from nashra.scheduling import services
from nashra.scheduling.models import WorkerHeartbeat

from .helpers import clock, schedule

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
SKEW = 3 * HOUR


def scheduled(article_factory, section, title, go_live_at, **fields):
    """Return an article an editor scheduled, an hour before go_live_at, to go live then."""
    go_live_at = go_live_at.replace(microsecond=0)  # a revision keeps it to the millisecond
    with clock(go_live_at - HOUR):
        article = article_factory(section, title, publish=False)
        revision = schedule(article, go_live_at, title=f"{title} (scheduled)", **fields)
    assert revision.approved_go_live_at == go_live_at
    return article, revision


def under_embargo(article, embargo_until):
    """Put an embargo on a scheduled article, as an editor can after scheduling it."""
    article.embargo_until = embargo_until
    article.save()


def expiring(article_factory, section, title, expire_at):
    with clock(expire_at - HOUR):
        return article_factory(section, title, expire_at=expire_at)


def fresh(article):
    return ArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def db_now(db):
    return services.database_now().replace(microsecond=0)


def test_database_now_reads_the_database_clock_not_the_hosts(db):
    with clock(services.database_now() + SKEW):
        moment = services.database_now()
    assert abs(moment - services.database_now()) < MINUTE
    assert moment.tzinfo is not None


@pytest.mark.parametrize("skew", [SKEW, -SKEW], ids=["host ahead", "host behind"])
def test_a_worker_with_a_skewed_clock_publishes_what_the_database_says_is_due(
    middle_east, article_factory, db_now, skew
):
    due, due_revision = scheduled(article_factory, middle_east, "Due", db_now - MINUTE)
    early, _ = scheduled(article_factory, middle_east, "Not yet", db_now + HOUR)

    with clock(db_now + skew):
        call_command("run_worker", "--once")

    due = fresh(due)
    assert due.live
    assert due.live_revision_id == due_revision.pk
    assert due.title == "Due (scheduled)"
    assert due.go_live_at == db_now - MINUTE  # as scheduled, even when set aside to publish
    assert not Revision.objects.filter(pk=due_revision.pk, approved_go_live_at__isnull=False)
    entry = PageLogEntry.objects.get(page=due, action="wagtail.publish.scheduled")
    assert abs(entry.timestamp - db_now) < MINUTE  # by the database's clock too

    assert not fresh(early).live
    assert Revision.objects.filter(object_id=str(early.pk), approved_go_live_at__isnull=False)
    assert abs(WorkerHeartbeat.objects.get().last_run - db_now) < MINUTE


@pytest.mark.parametrize("skew", [SKEW, -SKEW], ids=["host ahead", "host behind"])
def test_a_worker_with_a_skewed_clock_keeps_to_the_databases_embargo(
    middle_east, article_factory, db_now, skew
):
    passed, _ = scheduled(article_factory, middle_east, "Embargo passed", db_now - HOUR)
    under_embargo(passed, db_now - MINUTE)
    running, _ = scheduled(article_factory, middle_east, "Embargo running", db_now - HOUR)
    under_embargo(running, db_now + HOUR)

    with clock(db_now + skew):
        result = services.run_scheduled()

    assert fresh(passed).live
    assert not fresh(running).live
    assert [revision.object_id for revision in result.waiting] == [str(running.pk)]


@pytest.mark.parametrize("skew", [SKEW, -SKEW], ids=["host ahead", "host behind"])
def test_a_worker_with_a_skewed_clock_expires_what_the_database_says_has_expired(
    middle_east, article_factory, db_now, skew
):
    expired = expiring(article_factory, middle_east, "Expired", db_now - MINUTE)
    later = expiring(article_factory, middle_east, "Expires later", db_now + HOUR)

    with clock(db_now + skew):
        call_command("run_worker", "--once")

    assert not fresh(expired).live
    assert fresh(expired).expired
    assert fresh(later).live
