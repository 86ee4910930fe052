"""The admin works under its own Content-Security-Policy and asks no third party for anything.

The headers themselves are checked request by request in tests/test_security_headers.py; this
shows that a real browser, holding the admin to them, meets no violation on the screens
editors use most, the preview panel included: Wagtail renders the previewed page through the
public site's middleware, so the public policy's frame-ancestors must let the site's own admin
frame it (and only it).
"""

import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

from nashra.sources.models import Source

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def chief(transactional_db):
    return get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)


@pytest.fixture
def outside_requests(page, live_server):
    """Every request the admin makes to another host: refused, and kept to be looked at."""
    own = urlsplit(live_server.url).netloc
    seen = []

    def refuse(route):
        seen.append(route.request.url)
        route.abort()

    page.route(lambda url: urlsplit(url).netloc not in (own, ""), refuse)
    yield seen
    # Leaving the editor sends a beacon that ends the editing session: wait for it, or it
    # reaches the server while the test's database is being emptied.
    page.goto("about:blank")
    deadline = time.monotonic() + 5
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_admin_meets_no_policy_violation_and_calls_no_one(
    page, problems, outside_requests, chief, middle_east, article_factory
):
    source = Source.objects.create(name="Saba", locale=middle_east.locale)
    article = article_factory(
        middle_east, "Port of Aden reopens to container ships", sources=[source]
    )
    page.goto("/admin/login/")
    page.locator("#id_username").fill(chief.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")
    # The avatar is drawn here, not fetched from Gravatar.
    expect(page.locator(".avatar img").first).to_be_visible()

    for path in ("/admin/images/", "/admin/documents/", "/admin/reports/site-history/"):
        assert page.goto(path).status == 200, path

    assert page.goto(f"/admin/pages/{article.pk}/edit/").status == 200
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("Port of Aden reopens")

    assert problems.csp_violations() == []
    assert problems.page_errors == []
    assert outside_requests == []
