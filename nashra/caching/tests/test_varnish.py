"""The production front end for real: Debian's Varnish, with deploy/varnish/nashra.vcl, in
front of the application on loopback.

Shows what readers and editors rely on: readers share a cached copy (their cookies don't
split it), an editor's publish is visible through Varnish within a second, and readers
keep getting the last good page while the application is stopped.
"""

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test.testcases import (
    LiveServerThread,
    QuietWSGIRequestHandler,
    _StaticFilesHandler,
)

from nashra.news.models import ArticlePage

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "nashra.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, method="GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class OneRequestPerConnection(QuietWSGIRequestHandler):
    """Close each connection after its answer, so that stopping the server stops it all."""

    protocol_version = "HTTP/1.0"


class OriginThread(LiveServerThread):
    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            OneRequestPerConnection,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


@pytest.fixture
def origin():
    """The application on its own port, which a test can stop as a crash would."""
    shared = {
        connection.alias: connection
        for connection in connections.all()
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
    }
    thread = OriginThread(
        "127.0.0.1", static_handler=_StaticFilesHandler, connections_override=shared
    )
    thread.daemon = True
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    yield thread
    if thread.is_alive():
        thread.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


@pytest.fixture
def varnish(origin, tmp_path, settings):
    if not Path(VARNISHD).exists():
        pytest.fail(
            "This test needs Debian's varnish and varnish-modules: run `make test` as root "
            "(it installs them) or `sudo apt-get install varnish varnish-modules`.",
            pytrace=False,
        )
    vcl = tmp_path / "nashra.vcl"
    vcl.write_text(
        re.sub(r'\.port = "\d+";', f'.port = "{origin.port}";', VCL.read_text(), count=1)
    )
    port = free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-T", "none"]
        + ["-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            fetch(url + "/health/live/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {process.stdout.read().decode()}")
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "nashra.caching.backends.VarnishBackend", "LOCATION": url}
    }
    settings.NASHRA_PAGE_CACHE = True
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def test_readers_share_one_cached_copy_whatever_their_cookies(varnish, article):
    status, first, _ = fetch(varnish + article.url)
    assert status == 200 and first["X-Cache"] == "MISS"
    cookies = {"Cookie": "_ga=GA1.2.3; theme=dark"}
    status, again, body = fetch(varnish + article.url, headers=cookies)
    assert status == 200 and again["X-Cache"] == "HIT"
    assert "Ceasefire holds in Taiz" in body
    assert "Set-Cookie" not in again and "xkey" not in again


def test_the_admin_and_editors_go_to_the_application(varnish, article):
    for _ in range(2):
        status, headers, _ = fetch(varnish + "/admin/login/")
        assert status == 200 and headers["X-Cache"] == "MISS"
    for _ in range(2):
        _, headers, _ = fetch(varnish + article.url, headers={"Cookie": "sessionid=abc"})
        assert headers["X-Cache"] == "MISS"


def test_a_publish_is_visible_through_varnish_within_a_second(varnish, article, middle_east):
    for url in (article.url, middle_east.url):
        fetch(varnish + url)
        assert fetch(varnish + url)[1]["X-Cache"] == "HIT"

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Ceasefire broken in Taiz"
    page.save_revision().publish()  # purges once committed: at once here, outside a transaction
    published = time.monotonic()

    for url in (article.url, middle_east.url):
        while "Ceasefire broken in Taiz" not in fetch(varnish + url)[2]:
            assert time.monotonic() - published < 1, f"{url} still shows the old headline"
            time.sleep(0.02)
    assert time.monotonic() - published < 1


def test_readers_get_the_last_good_page_while_the_application_is_stopped(varnish, origin, article):
    fetch(varnish + article.url)
    origin.terminate()
    # Were the application still answering, it would show this headline.
    ArticlePage.objects.filter(pk=article.pk).update(title="Changed behind the cache")
    status, headers, body = fetch(varnish + article.url)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Ceasefire holds in Taiz" in body

    # Even once purged, the old copy is what readers get until the application is back.
    status, _, _ = fetch(varnish + "/", method="PURGE", headers={"xkey-purge": f"a:{article.pk}"})
    assert status == 200
    status, headers, body = fetch(varnish + article.url)
    assert status == 200
    assert "Ceasefire holds in Taiz" in body
    # A page never cached has nothing to fall back on: an error, not someone else's page.
    assert fetch(varnish + "/en/never-published/")[0] >= 500
