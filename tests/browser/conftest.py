"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

The pages are served by pytest-django's ``live_server``. Its data must be visible to the
server thread, so every browser test runs in a real transaction (``transactional_db``) with
``serialized_rollback``, which restores what the migrations created (the page tree root,
the locales) after the flush that ends each transactional test.
"""

import mimetypes
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GALLERY_SIZE = 8
ARTIFACTS_DIR = "test-artifacts"

# Distinct colours, so that screenshots show which image is which.
COLOURS = [
    (164, 22, 26),
    (11, 79, 138),
    (46, 125, 50),
    (239, 108, 0),
    (106, 27, 154),
    (0, 131, 143),
    (121, 85, 72),
    (84, 110, 122),
]


@pytest.fixture(scope="package", autouse=True)
def _allow_async_unsafe():
    """Let Django run ORM calls in the test thread while Playwright's event loop runs there.

    Set for this package only: a process-wide setting would leak into every other test, and
    into the subprocesses some of them start (``manage.py check --deploy`` rejects it).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def _playwright(django_db_setup):
    """Start Playwright once the test databases exist.

    Playwright's sync API marks its event loop as running in the test thread. From then on
    Django's ``connections`` hands this thread a second set of connection objects (it keeps
    "async" code apart from sync code), and those lack the snapshot of the migrated database
    that ``serialized_rollback`` restores; the snapshot is copied across, or the restore
    would silently be skipped whenever an ordinary test set up the database first.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        yield playwright


@pytest.fixture(scope="package")
def browser(_playwright):
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM_PATH}, and it is missing. "
            "Run `make test` as root (it installs Debian's chromium), or "
            "`sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary.",
            pytrace=False,
        )
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _serve_media(route):
    """Answer /media/… from MEDIA_ROOT.

    The test settings run with DEBUG off, so the URLconf does not serve uploads and the live
    server only serves static files; in production the web server does this job.
    """
    from django.conf import settings

    relative = unquote(urlsplit(route.request.url).path)[len(settings.MEDIA_URL) :]
    media_root = Path(settings.MEDIA_ROOT).resolve()
    path = (media_root / relative).resolve()
    if media_root not in path.parents or not path.is_file():
        route.fulfill(status=404, body="Not found")
        return
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    route.fulfill(status=200, path=str(path), content_type=content_type)


class _RequestsInFlight:
    """Count the live server's unfinished requests, so a test can wait until it is idle.

    Closing a browser context does not stop the server thread working on what the browser
    asked for last (a favicon, a beacon). Left running, that request reaches the database
    while the test's flush runs ("couldn't be flushed") or after the test's database access
    has ended, and it may cache what it read from a half-flushed database for the next test.
    """

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count = max(0, self.count - 1)
            self.changed.notify_all()

    def wait_until_idle(self, timeout=10):
        with self.changed:
            return self.changed.wait_for(lambda: self.count == 0, timeout=timeout)


@pytest.fixture(scope="package")
def _requests_in_flight():
    from django.core.signals import request_finished, request_started

    in_flight = _RequestsInFlight()
    request_started.connect(in_flight.started, weak=False)
    # Connected after Django's own close_old_connections, so it runs once that is done.
    request_finished.connect(in_flight.finished, weak=False)
    yield in_flight
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)


@pytest.fixture
def make_context(browser, live_server, _requests_in_flight):
    """Open browser contexts that fetch /media/ from MEDIA_ROOT; all closed after the test.

    After closing them, wait until the live server has answered every request they made.
    """
    from django.conf import settings

    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_server.url, **options)
        context.route(f"{live_server.url}{settings.MEDIA_URL}**", _serve_media)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    _requests_in_flight.wait_until_idle()


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen by a page."""

    def __init__(self, page):
        self.page = page
        self.console_errors = []
        self.page_errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        # Init scripts run outside the page's CSP, so this listener is always installed.
        page.add_init_script(
            "window.__cspViolations = [];"
            "document.addEventListener('securitypolicyviolation', function (e) {"
            "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);"
            "});"
        )

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location})")

    def csp_violations(self):
        return self.page.evaluate("window.__cspViolations || []")

    def assert_none(self):
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.csp_violations() == []


@pytest.fixture
def page(make_context):
    return make_context().new_page()


@pytest.fixture
def problems(page):
    """What went wrong on ``page``; request it before the page navigates."""
    return PageProblems(page)


@pytest.fixture
def artifacts_dir(request):
    path = Path(request.config.rootpath) / ARTIFACTS_DIR
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def gallery_images(transactional_db, image_factory):
    return [
        image_factory(
            f"Gallery {n}",
            caption=f"Scene {n}",
            credit=f"Photo: Nashra {n}",
            size=(1200, 800),
            color=COLOURS[n - 1],
        )
        for n in range(1, GALLERY_SIZE + 1)
    ]


@pytest.fixture
def gallery_article(transactional_db, middle_east, image_factory, article_factory, gallery_images):
    """An English article in News › Middle East whose body ends with an 8-image gallery."""
    hero = image_factory(
        "Hero", caption="Trucks queue at Mandali", credit="Photo: A. Saleh", size=(1600, 900)
    )
    return article_factory(
        middle_east,
        "Iraq and Iran agree on border crossing hours",
        lead="Trucks will cross at Mandali from dawn to midnight under the new deal.",
        hero_image=hero,
        body=[
            ("paragraph", "<p>The agreement was signed on Sunday.</p>"),
            ("subheading", "What changes for traders"),
            ("quote", {"quote": "This opens the road again.", "attribution": "A customs officer"}),
            (
                "gallery",
                {
                    "title": "At the crossing",
                    "images": [
                        {"image": image, "caption": "", "credit": ""} for image in gallery_images
                    ],
                },
            ),
        ],
    )


@pytest.fixture
def large_urls(gallery_article, gallery_images):
    """The URL of each gallery image's large (width-1600) rendition, in gallery order."""
    return [image.get_rendition("width-1600").url for image in gallery_images]
