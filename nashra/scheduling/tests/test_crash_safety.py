"""SIGKILL the worker again and again while it publishes: every page still ends right, once.

The real worker runs as a subprocess against a real database (a copy of the SQLite test
database in a file, or PostgreSQL's test database), two at a time, and is killed at random
moments. ``NASHRA_TEST_PAUSE_IN_PUBLISH`` makes it linger inside each item's transaction so
that most kills land in the middle of a publish.
"""

import datetime
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from nashra.news.models import ArticlePage
from nashra.scheduling.services import TEST_PAUSE_VARIABLE, database_now

from .helpers import clock, schedule

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCHEDULED = 40  # articles with a revision due: half never live, half live with an update
EXPIRING = 10  # live articles whose expiry has come
KILLS = 30
PAUSE = 0.08  # seconds the worker lingers inside each item's transaction
MINUTE = datetime.timedelta(minutes=1)


@contextmanager
def database_for_workers(tmp_path):
    """Yield the DATABASE_URL a worker process should use to see this test's data.

    SQLite's test database lives in this process's memory: the workers get a file copy,
    and what they leave in it is copied back for the assertions.
    """
    db = connection.settings_dict
    if connection.vendor != "sqlite":
        user = quote(db["USER"] or "", safe="")
        password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
        yield f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        return
    path = tmp_path / "workers.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    yield f"sqlite:///{path}"
    with sqlite3.connect(path) as copy:  # also replays what a killed worker left in the WAL
        copy.backup(connection.connection)


class Workers:
    """Start ``manage.py run_worker`` processes, kill them, and tell where the kills landed."""

    def __init__(self, database_url, log_dir):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "nashra.settings.test",
            "PYTHONUNBUFFERED": "1",
        }
        self.log_dir = log_dir
        self.logs = []
        self.processes = []
        self.kills = 0
        self.kills_mid_item = 0  # inside an item's transaction, or between its commit and log

    def start(self, *args, pause=PAUSE):
        log_path = self.log_dir / f"worker-{len(self.logs)}.log"
        self.logs.append(log_path)
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--skip-checks", *args],
                cwd=settings.BASE_DIR,
                env={**self.env, TEST_PAUSE_VARIABLE: str(pause)},
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        process.log_path = log_path
        self.processes.append(process)
        return process

    def started(self, process):
        """Wait until the worker has set up Django and begins its first pass."""
        for line in process.stdout:  # after any purges left by the killed one
            if "worker started" in line:
                return
        raise AssertionError(process.log_path.read_text())

    def kill_during_items(self, processes, rng):
        """Kill each worker at a random moment of an item: the first to start a new one, then
        the other. Mostly in its transaction, else just after it commits; a worker that starts
        no item within seconds (nothing left, or SQLite's lock kept by the other) is killed all
        the same."""
        seen = {process: self.pauses(process) for process in processes}
        while seen:
            deadline = time.monotonic() + 3
            busy = None
            while busy is None and time.monotonic() < deadline:
                busy = next((p for p in seen if self.pauses(p) > seen[p]), None)
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 1.2 * PAUSE))
            process = busy or next(iter(seen))
            self.kill(process)
            del seen[process]
            seen = {p: self.pauses(p) for p in seen}

    def pauses(self, process):
        return process.log_path.read_text().count("Test pause")

    def kill(self, process):
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        assert process.returncode == -signal.SIGKILL
        self.kills += 1
        markers = [
            line
            for line in process.log_path.read_text().splitlines()
            if line.startswith(("Test pause", "Published on schedule", "Unpublished on expiry"))
        ]
        if markers and markers[-1].startswith("Test pause"):
            self.kills_mid_item += 1

    def stop_all(self):
        """Kill whatever a failing test left running."""
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()

    def errors(self):
        return "".join(
            text
            for text in (path.read_text() for path in self.logs)
            if "Traceback" in text or "failed" in text
        )


def make_scheduled_articles(section, due):
    """Build the articles an editor scheduled an hour ago for ``due`` (which has passed)."""
    scheduled, expiring = {}, []
    with clock(due - 59 * MINUTE):
        for number in range(SCHEDULED):
            live = number % 2 == 1
            article = ArticlePage(
                title=f"Draft {number}",
                lead=f"The draft lead {number}.",
                live=False,
                published_at=timezone.now(),
            )
            section.add_child(instance=article)
            if live:
                article.save_revision().publish()
                article.refresh_from_db()
            revision = schedule(
                article, due, title=f"Scheduled {number}", lead=f"The scheduled lead {number}."
            )
            assert revision.approved_go_live_at == due
            scheduled[article.pk] = revision.pk
        for number in range(EXPIRING):
            article = ArticlePage(
                title=f"Expiring {number}",
                lead="It expires.",
                live=False,
                published_at=timezone.now(),
                expire_at=due,
            )
            section.add_child(instance=article)
            article.save_revision().publish()
            expiring.append(article.pk)
    return scheduled, expiring


def test_killed_workers_publish_every_page_exactly_once(middle_east, tmp_path):
    due = database_now().replace(microsecond=0) - MINUTE
    scheduled, expiring = make_scheduled_articles(middle_east, due)
    revisions_before = Counter(
        Revision.page_revisions.values_list("object_id", flat=True).iterator()
    )
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    started_at = time.monotonic()

    with database_for_workers(tmp_path) as database_url:
        workers = Workers(database_url, tmp_path)
        try:
            # Two workers at a time, as when a second one is started by mistake; each is
            # killed in the middle of an item, then another takes its place.
            while workers.kills < KILLS:
                pair = [workers.start("--interval", "0.05") for _ in range(2)]
                for process in pair:
                    workers.started(process)
                workers.kill_during_items(pair, rng)
            # Then one is left to finish.
            last = workers.start("--once", pause=0)
            assert last.wait(timeout=60) == 0, last.log_path.read_text()
        finally:
            workers.stop_all()
    elapsed = time.monotonic() - started_at

    assert not workers.errors(), workers.errors()
    articles = ArticlePage.objects.filter(pk__in=[*scheduled, *expiring]).in_bulk()
    for page_id, revision_id in scheduled.items():
        article = articles[page_id]
        number = article.title.removeprefix("Scheduled ")
        assert article.live, article
        assert article.live_revision_id == revision_id
        assert not article.has_unpublished_changes
        assert article.lead == f"The scheduled lead {number}."
        published = Revision.objects.get(pk=revision_id).as_object()
        assert (published.title, published.lead) == (article.title, article.lead)
    for page_id in expiring:
        assert not articles[page_id].live
        assert articles[page_id].expired
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    # No revision lost, none made twice.
    assert Counter(Revision.page_revisions.values_list("object_id", flat=True)) == revisions_before
    # One audit entry per page for what the worker did, and nothing else from it.
    worker_entries = Counter(
        PageLogEntry.objects.filter(action__endswith=".scheduled").values_list("page_id", "action")
    )
    expected = {(pk, "wagtail.publish.scheduled"): 1 for pk in scheduled}
    expected.update({(pk, "wagtail.unpublish.scheduled"): 1 for pk in expiring})
    assert worker_entries == expected
    for entry in PageLogEntry.objects.filter(action="wagtail.publish.scheduled"):
        assert entry.revision_id == scheduled[entry.page_id]
    print(
        f"\n{workers.kills} kills ({workers.kills_mid_item} in the middle of an item) over "
        f"{SCHEDULED} scheduled and {EXPIRING} expiring pages in {elapsed:.1f} s "
        f"(seed {seed}, {connection.vendor})"
    )
    assert workers.kills_mid_item >= KILLS // 2
