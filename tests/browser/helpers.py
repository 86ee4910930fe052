"""What the browser tests and the one passkey test in Chromium share: where Chromium is,
how it is started, serving uploads to it, and watching a page and the live server."""

import mimetypes
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
# The lightbox's large picture (blocks/gallery_block.html): WebP, like every other picture.
LARGE = "width-1600|format-webp|webpquality-75"
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


def serve_media(route):
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


class RequestsInFlight:
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
