"""Scheduled publishing that waits for embargoes and says so when it falls behind.

Publishing and unpublishing go through Wagtail's own actions (as its ``publish_scheduled``
command does), so signals, workflows, aliases and caches behave exactly as for an editor's
publish. Each item is one transaction: the row is locked and read again, the object changed
and its audit entry written together, so a worker killed at any moment leaves the item either
done or untouched, and one that starts again (or a second one) does nothing twice.

What is due is decided by the database's clock, read once a pass (``database_now``), so a
worker host whose clock is off agrees with the web hosts. The dashboard and ``/health/`` still
read their own host's clock; tests move it with
``unittest.mock.patch("django.utils.timezone.now")``.
"""

import datetime
import logging
import os
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models.functions import Now
from django.utils import dateparse, timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, PageLogEntry, Revision
from wagtail.utils.timestamps import ensure_utc

from nashra.caching import purge
from nashra.caching.signals import purge_for_page

from .models import WorkerHeartbeat

logger = logging.getLogger("nashra.scheduling")

# An item this late past its time means the worker is down or failing on it.
OVERDUE_AFTER = datetime.timedelta(seconds=60)
# The worker runs every 15 s by default; five minutes without a pass is a dead worker.
STALE_AFTER = datetime.timedelta(minutes=5)
HEARTBEAT_NAME = "scheduler"
SCHEDULED_ACTIONS = ("wagtail.publish.scheduled", "wagtail.unpublish.scheduled")
# Test only: seconds the worker lingers inside each item's transaction, so that the crash
# test's SIGKILLs land in the middle of a publish. Never set outside that test.
TEST_PAUSE_VARIABLE = "NASHRA_TEST_PAUSE_IN_PUBLISH"


@dataclass
class RunResult:
    published: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    waiting: list = field(default_factory=list)  # due, but under embargo
    failed: list = field(default_factory=list)


@dataclass
class OverdueItem:
    object: object
    action: str  # "publish" or "unpublish"
    due: datetime.datetime


def database_now():
    """Return the time by the database's clock, the one every host compares due times with."""
    now = Now()
    compiler = WorkerHeartbeat.objects.none().query.get_compiler(using=DEFAULT_DB_ALIAS)
    sql, params = compiler.compile(now)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        value = cursor.fetchone()[0]
    for converter in connection.ops.get_db_converters(now) + now.get_db_converters(connection):
        value = converter(value, now, connection)
    return value


def draft_state_models():
    """Return Page and every other model that can be scheduled (snippets with drafts)."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _as_datetime(value):
    if isinstance(value, str):
        value = dateparse.parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def embargo_of(revision):
    """Return the embargo a revision must wait for: the later of its own and its object's."""
    times = [_as_datetime(revision.content.get("embargo_until"))]
    current = revision.content_object
    if current is not None:
        times.append(getattr(current, "embargo_until", None))
    times = [moment for moment in times if moment is not None]
    return max(times) if times else None


def due_time(revision):
    """Return when a scheduled revision may go live: its go-live, or its embargo if later."""
    embargo = embargo_of(revision)
    go_live = revision.approved_go_live_at
    return max(go_live, embargo) if embargo else go_live


def _pause_for_crash_test():
    pause = float(os.environ.get(TEST_PAUSE_VARIABLE) or 0)
    if pause:
        logger.warning("Test pause inside an item's transaction")
        time.sleep(pause)


def _locked(queryset):
    """Lock the rows; skip those another worker holds (it is doing them). SQLite has no row
    locks, but its writes are serialised (transactions begin IMMEDIATE), which does as well."""
    return queryset.select_for_update(skip_locked=True, of=("self",))


def publish_due_revisions(now=None, result=None):
    """Publish every revision whose go-live has come, unless its embargo has not."""
    now = now or database_now()
    result = result or RunResult()
    due = (
        Revision.objects.filter(approved_go_live_at__lte=now)
        .select_related("content_type")
        .order_by("approved_go_live_at", "pk")
    )
    for revision in list(due):
        embargo = embargo_of(revision)
        if embargo and embargo > now:
            result.waiting.append(revision)
            continue
        try:
            with transaction.atomic():
                published = _publish_revision(revision, now)
        except Exception:
            logger.exception("Scheduled publishing of revision %s failed", revision.pk)
            result.failed.append(revision)
            continue
        if published:
            logger.info('Published on schedule: "%s" revision %s', published, revision.pk)
            result.published.append(revision)
    return result


def _publish_revision(candidate, now):
    """Publish a due revision and log it; return the object, or None if nothing was to do.

    Read again under the lock: since it was listed, another worker may have published it,
    an editor unscheduled or replaced it, or its embargo been extended.
    """
    revision = _locked(
        Revision.objects.filter(pk=candidate.pk, approved_go_live_at__lte=now)
    ).first()
    if revision is None:
        return None
    embargo = embargo_of(revision)
    if embargo and embargo > now:
        return None
    go_live_at = revision.approved_go_live_at
    obj = _publish_now(revision)
    if obj.live_revision_id != revision.pk or not obj.live:
        raise RuntimeError(f"Revision {revision.pk} was scheduled but did not go live.")
    _pause_for_crash_test()
    log(
        instance=obj,
        action="wagtail.publish.scheduled",
        user=None,
        revision=revision,
        timestamp=database_now(),
        data={
            "scheduled": True,
            "by": "worker",
            "go_live_at": ensure_utc(go_live_at),
            "embargo_until": ensure_utc(embargo) if embargo else None,
        },
    )
    return obj


def _publish_now(revision):
    """Publish a due revision through Wagtail's action, whatever this host's clock says.

    Wagtail compares the go-live with this host's clock and would only schedule the revision
    again if that clock lags behind the database's: the go-live is set aside while it
    publishes, then put back.
    """
    content_object = revision.content_object
    action_class = (
        PublishPageRevisionAction if isinstance(content_object, Page) else PublishRevisionAction
    )
    action = action_class(revision, user=None, log_action=False)
    obj = action.object
    go_live_at = obj.go_live_at
    host_lags = go_live_at is not None and go_live_at > timezone.now()
    if host_lags:
        obj.go_live_at = None
    action.execute(skip_permission_checks=True)
    if host_lags:
        obj.go_live_at = go_live_at
        type(obj)._base_manager.filter(pk=obj.pk).update(go_live_at=go_live_at)
    return obj


def unpublish_expired(now=None, result=None):
    """Unpublish every live object whose expiry has come, marking it expired."""
    now = now or database_now()
    result = result or RunResult()
    for model in draft_state_models():
        expired = model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at", "pk")
        for pk in list(expired.values_list("pk", flat=True)):
            try:
                with transaction.atomic():
                    obj = _unpublish_expired(model, pk, now)
            except Exception:
                logger.exception("Scheduled unpublishing of %s %s failed", model._meta.label, pk)
                result.failed.append(model.objects.filter(pk=pk).first())
                continue
            if obj is not None:
                logger.info('Unpublished on expiry: "%s"', obj)
                result.unpublished.append(obj)
    return result


def _unpublish_expired(model, pk, now):
    """Unpublish an expired object and log it; return it, or None if nothing was to do."""
    obj = _locked(model.objects.filter(pk=pk, live=True, expire_at__lte=now)).first()
    if obj is None:
        return None
    if model is Page:
        obj = obj.specific
    expire_at = obj.expire_at
    obj.unpublish(set_expired=True, log_action=False)
    _pause_for_crash_test()
    log(
        instance=obj,
        action="wagtail.unpublish.scheduled",
        user=None,
        timestamp=database_now(),
        data={"scheduled": True, "by": "worker", "expire_at": ensure_utc(expire_at)},
    )
    return obj


def run_scheduled(now=None):
    """Do one pass of the worker: publish what is due, then expire, then beat the heart.

    Publishing comes first so that an item both due and expired ends the pass unpublished.
    """
    moment = now or database_now()
    result = publish_due_revisions(moment)
    unpublish_expired(moment, result)
    # Stamped as the pass ends, after every audit entry it wrote: see
    # purge_after_unfinished_pass.
    record_heartbeat(result, now)
    return result


def purge_after_unfinished_pass():
    """Purge again the pages changed since the last finished pass; return how many.

    A change's purge of the caches and front proxies is sent once its transaction commits: a
    worker killed in between has changed the page but left the old version cached. Run when
    the worker starts; purging a page twice is harmless.
    """
    since = last_heartbeat() or database_now() - STALE_AFTER
    entries = PageLogEntry.objects.filter(action__in=SCHEDULED_ACTIONS, timestamp__gt=since)
    page_ids = set(entries.values_list("page_id", flat=True))
    pages = Page.objects.filter(pk__in=page_ids).specific()
    for page in pages:
        purge.send(purge_for_page(page))
    return len(pages)


def record_heartbeat(result, now=None):
    WorkerHeartbeat.objects.update_or_create(
        name=HEARTBEAT_NAME,
        defaults={
            "last_run": now or database_now(),
            "published": len(result.published),
            "unpublished": len(result.unpublished),
            "failed": len(result.failed),
        },
    )


def last_heartbeat():
    return (
        WorkerHeartbeat.objects.filter(name=HEARTBEAT_NAME)
        .values_list("last_run", flat=True)
        .first()
    )


def overdue_items(now=None):
    """Return what should have been published or unpublished over a minute ago, oldest first."""
    now = now or timezone.now()
    cutoff = now - OVERDUE_AFTER
    items = []
    late = Revision.objects.filter(approved_go_live_at__lt=cutoff).select_related("content_type")
    for revision in late:
        obj = revision.content_object
        due = due_time(revision)
        if obj is not None and due < cutoff:
            items.append(OverdueItem(obj, "publish", due))
    for model in draft_state_models():
        expired = model.objects.filter(live=True, expire_at__lt=cutoff)
        if model is Page:
            expired = expired.specific()
        items.extend(OverdueItem(obj, "unpublish", obj.expire_at) for obj in expired)
    return sorted(items, key=lambda item: item.due)


def scheduled_count():
    """Return how many publishes and expiries are waiting for the worker."""
    count = Revision.objects.filter(approved_go_live_at__isnull=False).count()
    for model in draft_state_models():
        count += model.objects.filter(live=True, expire_at__isnull=False).count()
    return count


def health(now=None):
    """Return (healthy, report): the database answers, the worker beats, nothing is late."""
    now = now or timezone.now()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False, {"status": "fail", "checks": {"database": "fail"}}

    last_run = last_heartbeat()
    stale = last_run is None or now - last_run > STALE_AFTER
    scheduled = scheduled_count()
    overdue = len(overdue_items(now))
    healthy = not overdue and not (stale and scheduled)
    return healthy, {
        "status": "ok" if healthy else "fail",
        "checks": {
            "database": "ok",
            "worker": {
                "last_run": last_run.isoformat() if last_run else None,
                "stale": stale,
            },
            "scheduled": scheduled,
            "overdue": overdue,
        },
    }
