"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

The pages are served by pytest-django's ``live_server``. Its data must be visible to the
server thread, so every browser test runs in a real transaction (``transactional_db``) with
``serialized_rollback``, which restores what the migrations created (the page tree root,
the locales) after the flush that ends each transactional test.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from nashra.core.tests.factories import gallery

from .helpers import (
    ARTIFACTS_DIR,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    COLOURS,
    GALLERY_SIZE,
    LARGE,
    PageProblems,
    RequestsInFlight,
    serve_media,
)
from .site_pages import build_edition

# An assertion on the page waits this long for it to come true (Playwright's default is 5 s).
expect.set_options(timeout=15_000)


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


@pytest.fixture(scope="package")
def _requests_in_flight():
    from django.core.signals import request_finished, request_started

    in_flight = RequestsInFlight()
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
        context.route(f"{live_server.url}{settings.MEDIA_URL}**", serve_media)
        # Generous: CI runs the two databases' suites side by side on two cores, and a page
        # that loads in 300 ms alone can take ten times that there. Speed is measured by
        # `make bench`, never here.
        context.set_default_timeout(20_000)
        context.set_default_navigation_timeout(30_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    _requests_in_flight.wait_until_idle()


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
            gallery(gallery_images, title="At the crossing"),
        ],
    )


@pytest.fixture
def large_urls(gallery_article, gallery_images):
    """The URL of each gallery image's large (width-1600) rendition, in gallery order."""
    return [image.get_rendition(LARGE).url for image in gallery_images]


@pytest.fixture(params=["en", "ar"])
def edition(request, transactional_db, ar_home):
    """One edition's pages of every kind (site_pages.py); both homes exist, so the edition
    switch has somewhere to go."""
    return build_edition(request.param)


@pytest.fixture(params=["en", "ar"])
def plain_edition(request, transactional_db, ar_home):
    """One edition's pages without pictures: the header and the keyboard path look the same,
    and it costs less to build and visit."""
    return build_edition(request.param, pictures=False)
