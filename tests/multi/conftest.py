"""The cluster the two-instance tests share, started once for the module and always stopped.

It needs PostgreSQL (two servers cannot share SQLite): the server of DATABASE_URL, in which
it creates a database ``nashra_multi_<random>`` and drops it afterwards. On SQLite, or when
that server cannot be reached, the tests are skipped, saying so.
"""

import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from nashra.caching.tests.caches import redis_server  # noqa: F401 (fixture)

from .cluster import ROOT, VARNISHD, Cluster, StartupError, application_env, fetch

MANAGE = [sys.executable, "manage.py"]
# One demo article, with its picture, source, topic and author, to start from.
DEMO_ARTICLE = ROOT / "demo/ninjs/en/news--middle-east/beirut-port-container-berth-reopens.json"


@dataclass
class Server:
    """The PostgreSQL server of DATABASE_URL, for creating and dropping a database."""

    url: str

    def execute(self, sql):
        """Run sql on the server's own database: DATABASE_URL's may not exist (the tests'
        runner makes test_<name> beside it)."""
        import psycopg

        maintenance = self.url_of("postgres")
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as connection:
            connection.execute(sql)

    def url_of(self, name):
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def postgres():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "needs PostgreSQL, which both instances share: set DATABASE_URL to a postgres:// "
            "URL (CI's PostgreSQL pass does); SQLite cannot be shared by two servers"
        )
    server = Server(url)
    try:
        server.execute("SELECT 1")
    except Exception as error:  # psycopg's errors for a server that is down or refuses us
        pytest.skip(f"PostgreSQL at DATABASE_URL is not reachable: {error}")
    return server


def _require_tools():
    if not Path(VARNISHD).exists():
        pytest.fail(
            "This test needs Debian's varnish and varnish-modules: run scripts/ensure-varnish "
            "(as root it installs them) or `sudo apt-get install varnish varnish-modules`.",
            pytrace=False,
        )
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
        import storages  # noqa: F401
    except ImportError as error:
        pytest.fail(f"This test needs moto and django-storages ({error}): run make install.")


@pytest.fixture(scope="module")
def cluster(postgres, redis_server, tmp_path_factory):  # noqa: F811
    """Everything running, with the demo's editions and newsroom accounts (load_demo lives in
    the development settings only) and one article imported from the demo's ninjs."""
    _require_tools()
    redis_url, _private = redis_server
    cluster = Cluster(tmp_path_factory.mktemp("multi"))
    database = f"nashra_multi_{secrets.token_hex(6)}"
    cluster.env = application_env(cluster, postgres.url_of(database), redis_url)
    try:
        postgres.execute(f'CREATE DATABASE "{database}"')
        cluster.start_s3()
        with cluster.phase("deploy: migrate, demo content, collectstatic"):
            # The static files are collected beside the database work, on the other core.
            collecting = cluster.start("collectstatic", [*MANAGE, "collectstatic", "--noinput"])
            # With the demo's settings, whose apps (the demo's, stock Wagtail's bare page)
            # are production's and more: load_demo runs with them.
            cluster.manage("migrate", "--noinput", "-v0", settings="nashra.settings.dev")
            cluster.manage("load_demo", "--no-articles", settings="nashra.settings.dev")
            cluster.create_bucket()
            cluster.manage(
                "import_ninjs",
                str(DEMO_ARTICLE),
                "--section=news/middle-east",
                "--edition=en",
                "--publish",
                f"--pictures-from={ROOT / 'demo'}",
            )
            if collecting.process.wait() != 0:
                raise StartupError(f"collectstatic failed\n{collecting.tail()}")
        with cluster.phase("servers up"):
            for name in ("a", "b"):
                cluster.start_app(name)
            cluster.start("worker", [*MANAGE, "run_worker", "--interval", "2"])
            cluster.start_varnish(["a", "b"])
            for name in ("a", "b"):
                cluster.wait_until_up(name, cluster.url(name) + "/health/live/")
            cluster.wait_until_up("varnish", cluster.url("varnish") + "/health/live/")
            _wait_for_the_worker(cluster)
        print(f"\ncluster started: {cluster.timings}")
        yield cluster
    except StartupError as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        cluster.stop_all()
        postgres.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _wait_for_the_worker(cluster, seconds=30):
    """/health/ answers 200 once the worker's first pass is recorded (its heartbeat)."""
    deadline = time.monotonic() + seconds
    while True:
        status, _headers, body = fetch(cluster.url("a") + "/health/")
        if status == 200:
            return
        if time.monotonic() > deadline:
            raise StartupError(f"/health/ still says {status}: {body[:300]!r}\n{cluster.logs()}")
        time.sleep(0.2)
