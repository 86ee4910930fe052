"""Scheduled publishing that waits for embargoes and says so when it falls behind.

Publishing and unpublishing go through Wagtail's own model methods (as its
``publish_scheduled`` command does), so signals, workflows, aliases and caches behave
exactly as for an editor's publish. Wagtail's actions read the clock themselves; tests
move it with ``unittest.mock.patch("django.utils.timezone.now")``.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.utils import dateparse, timezone
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, Revision
from wagtail.utils.timestamps import ensure_utc

from .models import WorkerHeartbeat

logger = logging.getLogger("nashra.scheduling")

# An item this late past its time means the worker is down or failing on it.
OVERDUE_AFTER = datetime.timedelta(seconds=60)
# The worker runs every 15 s by default; five minutes without a pass is a dead worker.
STALE_AFTER = datetime.timedelta(minutes=5)
HEARTBEAT_NAME = "scheduler"


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
    times = [time for time in times if time is not None]
    return max(times) if times else None


def due_time(revision):
    """Return when a scheduled revision may go live: its go-live, or its embargo if later."""
    embargo = embargo_of(revision)
    go_live = revision.approved_go_live_at
    return max(go_live, embargo) if embargo else go_live


def publish_due_revisions(now=None, result=None):
    """Publish every revision whose go-live has come, unless its embargo has not."""
    now = now or timezone.now()
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
                published = _publish_revision(revision, embargo)
        except Exception:
            logger.exception("Scheduled publishing of revision %s failed", revision.pk)
            result.failed.append(revision)
            continue
        if published:
            result.published.append(revision)
    return result


def _publish_revision(revision, embargo):
    # Locked so that a second worker, or a double start, cannot publish it twice.
    revision = (
        Revision.objects.select_for_update(skip_locked=True)
        .filter(pk=revision.pk, approved_go_live_at__isnull=False)
        .first()
    )
    if revision is None:
        return False
    go_live_at = revision.approved_go_live_at
    revision.publish(user=None, log_action=False)
    obj = revision.content_object  # cached by publish() before it ran: read it again
    obj.refresh_from_db()
    if obj.live_revision_id != revision.pk:
        raise RuntimeError(f"Revision {revision.pk} was scheduled but did not go live.")
    log(
        instance=obj,
        action="wagtail.publish.scheduled",
        user=None,
        revision=revision,
        data={
            "scheduled": True,
            "by": "worker",
            "go_live_at": ensure_utc(go_live_at),
            "embargo_until": ensure_utc(embargo) if embargo else None,
        },
    )
    logger.info('Published on schedule: "%s" revision %s', obj, revision.pk)
    return True


def unpublish_expired(now=None, result=None):
    """Unpublish every live object whose expiry has come, marking it expired."""
    now = now or timezone.now()
    result = result or RunResult()
    for model in draft_state_models():
        expired = model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")
        if model is Page:
            expired = expired.specific()
        for obj in list(expired):
            expire_at = obj.expire_at
            try:
                with transaction.atomic():
                    obj.unpublish(set_expired=True, log_action=False)
                    log(
                        instance=obj,
                        action="wagtail.unpublish.scheduled",
                        user=None,
                        data={
                            "scheduled": True,
                            "by": "worker",
                            "expire_at": ensure_utc(expire_at),
                        },
                    )
            except Exception:
                logger.exception("Scheduled unpublishing of %r failed", obj)
                result.failed.append(obj)
                continue
            logger.info('Unpublished on expiry: "%s"', obj)
            result.unpublished.append(obj)
    return result


def run_scheduled(now=None):
    """Do one pass of the worker: publish what is due, then expire, then beat the heart.

    Publishing comes first so that an item both due and expired ends the pass unpublished.
    """
    now = now or timezone.now()
    result = publish_due_revisions(now)
    unpublish_expired(now, result)
    record_heartbeat(result, now)
    return result


def record_heartbeat(result, now=None):
    WorkerHeartbeat.objects.update_or_create(
        name=HEARTBEAT_NAME,
        defaults={
            "last_run": now or timezone.now(),
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
