"""The production front end for real: Debian's nginx with deploy/nginx/nashra.conf, then
Debian's Varnish with deploy/varnish/nashra.vcl, in front of the application on loopback.

Shows what readers and editors rely on: readers share a cached copy (their cookies and
stray query parameters don't split it), an editor's publish is visible within a second,
readers keep getting the last good page while the application is stopped, and no reader
can purge the cache, fetch a document's file past Wagtail, or pass for another address.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections
from django.test import RequestFactory
from django.test.testcases import (
    LiveServerThread,
    QuietWSGIRequestHandler,
    _StaticFilesHandler,
)

from nashra.caching import varnishd
from nashra.core.clients import client_address
from nashra.news.models import ArticlePage

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEPLOY = Path(settings.BASE_DIR) / "deploy"
VCL = DEPLOY / "varnish" / "nashra.vcl"
NGINX_SITE = DEPLOY / "nginx" / "nashra.conf"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# What a reader could try: purge the whole of both editions.
EVERYTHING = {"xkey-purge": "e:en e:ar sitemaps"}


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


def wait_until_up(process, url, name):
    deadline = time.monotonic() + 20
    while True:
        try:
            return fetch(url)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"{name} did not start: {output}")
            time.sleep(0.1)


def stop(process):
    process.terminate()
    process.wait(timeout=10)


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


def recording(seen):
    """The application's handler, noting the address and query of every request it gets."""

    class RecordingHandler(_StaticFilesHandler):
        def __call__(self, environ, start_response):
            keys = ("PATH_INFO", "QUERY_STRING", "REMOTE_ADDR", "HTTP_X_FORWARDED_FOR")
            seen.append({key: environ.get(key, "") for key in keys})
            return super().__call__(environ, start_response)

    return RecordingHandler


@pytest.fixture
def origin():
    """The application on its own port, which a test can stop as a crash would."""
    shared = {
        connection.alias: connection
        for connection in connections.all()
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
    }
    seen = []
    thread = OriginThread("127.0.0.1", static_handler=recording(seen), connections_override=shared)
    thread.seen = seen
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


@dataclass
class Varnish:
    public: str  # where nginx sends readers
    purge: str  # where the application sends purges


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
    front = Varnish(f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}")
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-T", "none"]
        + ["-a", f"public={front.public[7:]}", "-a", f"purge={front.purge[7:]}"]
        + ["-f", str(vcl), "-s", "malloc,32m", *varnishd.params()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_until_up(process, front.public + "/health/live/", "varnishd")
    # The application's own purges go where production sends them: VARNISH_URL, the purge
    # listener.
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "nashra.caching.backends.VarnishBackend", "LOCATION": front.purge}
    }
    settings.NASHRA_PAGE_CACHE = True
    yield front
    stop(process)


def nginx_config(directory, port, varnish_port, media_root):
    """deploy/nginx/nashra.conf on a loopback port without TLS, with its files in directory."""
    site = NGINX_SITE.read_text()
    for pattern, replacement, expected in (
        (r"server \{[^{}]*return 301[^{}]*\}\n", "", 1),  # the redirect to https
        (r"listen 443 ssl http2;\s*listen \[::\]:443 ssl http2;", f"listen 127.0.0.1:{port};", 1),
        (r"\n\s*ssl_certificate(_key)? [^;]*;", "", 2),
        (r"http://127\.0\.0\.1:6081;", f"http://127.0.0.1:{varnish_port};", 1),
        (r"/srv/nashra/var/media/", f"{media_root}/", 1),
    ):
        site, count = re.subn(pattern, replacement, site)
        assert count == expected, f"{NGINX_SITE} no longer matches {pattern!r}: update the test"
    # As root, nginx's workers would be nobody, who cannot read the test's directories.
    user = "user root;" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {directory}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temp_paths}
{site}
}}
"""


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    for path in ("documents/annual-report.pdf", "images/photo.txt"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"the file {path}")
    return root


@pytest.fixture
def nginx(varnish, tmp_path, media):
    """Readers' way in: nginx, configured as in production, in front of Varnish."""
    if not Path(NGINX).exists():
        pytest.fail(
            "This test needs Debian's nginx: run `make test` as root (scripts/ensure-nginx "
            "installs it) or `sudo apt-get install nginx-light`.",
            pytrace=False,
        )
    directory = tmp_path / "nginx"
    directory.mkdir()
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(nginx_config(directory, port, urlsplit(varnish.public).port, media))
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(conf), "-e", str(directory / "error.log")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url + "/health/live/", "nginx")
    yield url
    stop(process)


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def test_readers_share_one_cached_copy_whatever_their_cookies(varnish, article):
    status, first, _ = fetch(varnish.public + article.url)
    assert status == 200 and first["X-Cache"] == "MISS"
    cookies = {"Cookie": "_ga=GA1.2.3; theme=dark"}
    status, again, body = fetch(varnish.public + article.url, headers=cookies)
    assert status == 200 and again["X-Cache"] == "HIT"
    assert "Ceasefire holds in Taiz" in body
    assert "Set-Cookie" not in again and "xkey" not in again


def test_unknown_query_parameters_share_one_cached_copy(nginx, origin, article, en_home):
    assert fetch(nginx + article.url + "?x=1")[1]["X-Cache"] == "MISS"
    for query in ("?x=2", "?utm_source=feed&fbclid=abc", ""):
        status, headers, body = fetch(nginx + article.url + query)
        assert status == 200 and headers["X-Cache"] == "HIT", query
        assert "Ceasefire holds in Taiz" in body

    # The parameters a page reads are kept, in one order; the application never sees others.
    search = en_home.url + "search/"
    assert fetch(nginx + search + "?sort=newest&x=1&q=taiz")[1]["X-Cache"] == "MISS"
    assert fetch(nginx + search + "?q=taiz&x=2&sort=newest")[1]["X-Cache"] == "HIT"
    assert fetch(nginx + search + "?q=ceasefire")[1]["X-Cache"] == "MISS"
    queries = [seen["QUERY_STRING"] for seen in origin.seen if seen["PATH_INFO"] == search]
    assert queries == ["q=taiz&sort=newest", "q=ceasefire"]


def test_the_admin_and_editors_go_to_the_application(varnish, article):
    for _ in range(2):
        status, headers, _ = fetch(varnish.public + "/admin/login/")
        assert status == 200 and headers["X-Cache"] == "MISS"
    for _ in range(2):
        _, headers, _ = fetch(varnish.public + article.url, headers={"Cookie": "sessionid=abc"})
        assert headers["X-Cache"] == "MISS"


def test_readers_cannot_purge_through_nginx_or_varnish(nginx, varnish, article):
    fetch(nginx + article.url)
    assert fetch(nginx + "/", method="PURGE", headers=EVERYTHING)[0] == 405
    assert fetch(nginx + article.url, method="PURGE")[0] == 405
    # Varnish's public listener, which sees every reader come from nginx's 127.0.0.1.
    status, headers, _ = fetch(varnish.public + "/", method="PURGE", headers=EVERYTHING)
    assert status == 405 and "PURGE" not in headers["Allow"]
    assert fetch(nginx + article.url)[1]["X-Cache"] == "HIT"  # nothing was purged

    # nginx lets through what readers and the admin send, nothing else.
    for method in ("PUT", "PATCH", "DELETE", "OPTIONS"):
        assert fetch(nginx + article.url, method=method)[0] == 405, method
    assert fetch(nginx + "/admin/dismissibles/", method="PATCH")[0] != 405
    # The purge listener takes purges only.
    assert fetch(varnish.purge + article.url)[0] == 405


def test_a_publish_is_visible_through_nginx_and_varnish_within_a_second(
    nginx, article, middle_east
):
    for url in (article.url, middle_east.url):
        fetch(nginx + url)
        assert fetch(nginx + url)[1]["X-Cache"] == "HIT"

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Ceasefire broken in Taiz"
    page.save_revision().publish()  # purges once committed: at once here, outside a transaction
    published = time.monotonic()

    for url in (article.url, middle_east.url):
        while "Ceasefire broken in Taiz" not in fetch(nginx + url)[2]:
            assert time.monotonic() - published < 1, f"{url} still shows the old headline"
            time.sleep(0.02)
    assert time.monotonic() - published < 1


def test_document_files_are_served_only_by_wagtail(nginx, media):
    status, headers, _body = fetch(nginx + "/media/images/photo.txt")
    assert status == 200
    # Uploads get the headers every other response has: not sniffed, not run, not framed.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    for path in ("documents/annual-report.pdf", "%64ocuments/annual-report.pdf"):
        assert fetch(nginx + "/media/" + path)[0] == 404, path
    assert fetch(nginx + "/media//documents/annual-report.pdf")[0] == 404


def test_the_application_sees_the_readers_address_not_the_one_they_claim(nginx, origin, settings):
    # A reader at 127.0.0.5 who claims to be 203.0.113.9.
    target = urlsplit(nginx)
    connection = http.client.HTTPConnection(
        target.hostname, target.port, timeout=5, source_address=("127.0.0.5", 0)
    )
    connection.request("GET", "/admin/login/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert connection.getresponse().status == 200
    connection.close()

    seen = next(seen for seen in origin.seen if seen["PATH_INFO"] == "/admin/login/")
    # nginx appended the reader, Varnish appended nginx.
    assert seen["HTTP_X_FORWARDED_FOR"] == "203.0.113.9, 127.0.0.5, 127.0.0.1"
    settings.NASHRA_TRUSTED_PROXIES = "2"  # nginx and Varnish, as their configurations say
    request = RequestFactory().get(
        "/", REMOTE_ADDR=seen["REMOTE_ADDR"], HTTP_X_FORWARDED_FOR=seen["HTTP_X_FORWARDED_FOR"]
    )
    assert client_address(request) == "127.0.0.5"


def test_readers_get_the_last_good_page_while_the_application_is_stopped(varnish, origin, article):
    fetch(varnish.public + article.url)
    origin.terminate()
    # Were the application still answering, it would show this headline.
    ArticlePage.objects.filter(pk=article.pk).update(title="Changed behind the cache")
    status, headers, body = fetch(varnish.public + article.url)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Ceasefire holds in Taiz" in body

    # Even once purged, the old copy is what readers get until the application is back.
    status, _, _ = fetch(
        varnish.purge + "/", method="PURGE", headers={"xkey-purge": f"a:{article.pk}"}
    )
    assert status == 200
    status, headers, body = fetch(varnish.public + article.url)
    assert status == 200
    assert "Ceasefire holds in Taiz" in body
    # A page never cached has nothing to fall back on: an error, not someone else's page.
    assert fetch(varnish.public + "/en/never-published/")[0] >= 500
