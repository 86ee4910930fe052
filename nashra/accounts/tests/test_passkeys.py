"""Passkeys as a second step: added at the set-up step or from the account, asked for after
the password instead of a code, refused when they are not the account's own (and counted as a
wrong code), and removed by the person or by an administrator's reset.

The WebAuthn ceremonies run end to end against the real endpoints, answered by a software
authenticator (authenticator.py); the last test drives Chromium's virtual authenticator.
"""

import io
import json
import os
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from nashra.accounts import services
from nashra.accounts.lockout import lockout_message
from tests.browser.helpers import (
    ARTIFACTS_DIR,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    PageProblems,
    RequestsInFlight,
)

from .authenticator import SoftwareAuthenticator, b64url
from .factories import PASSWORD, make_user
from .helpers import HERE, THERE, client_at, code_for, enrol, sign_in, signed_in_to_admin

pytestmark = pytest.mark.django_db

SET_UP, VERIFY = "/admin/2fa/set-up/", "/admin/2fa/verify/"
PASSKEYS = "/admin/2fa/passkeys/"
REGISTER_BEGIN, REGISTER_COMPLETE = (
    "/admin/passkeys/register/begin/",
    "/admin/passkeys/register/complete/",
)
VERIFY_BEGIN, VERIFY_COMPLETE = "/admin/passkeys/verify/begin/", "/admin/passkeys/verify/complete/"


def new_authenticator():
    return SoftwareAuthenticator(
        settings.OTP_WEBAUTHN_RP_ID, settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
    )


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def add_passkey(client, authenticator, name="Work laptop", next="/admin/"):
    """Add a passkey as the page's scripts do: begin, answer, then send the name."""
    options = client.post(REGISTER_BEGIN).json()
    made = post_json(client, REGISTER_COMPLETE, authenticator.register(options))
    assert made.status_code == 200, made.content
    return client.post(f"{PASSKEYS}added/", {"passkey-name": name, "next": next})


def use_passkey(client, authenticator, next="/admin/", **answer):
    options = client.post(VERIFY_BEGIN)
    if options.status_code != 200:
        return options
    return post_json(
        client, f"{VERIFY_COMPLETE}?next={next}", authenticator.assert_(options.json(), **answer)
    )


def with_passkey(user, authenticator, address=THERE):
    """Give the user a passkey (set up from a session of their own, then signed out)."""
    client = client_at(address)
    sign_in(client, user.username)
    add_passkey(client, authenticator)
    client.post("/admin/logout/")


def test_a_passkey_is_set_up_at_the_first_sign_in(reporter, require_2fa):
    here = client_at(HERE)
    sign_in(here, "reporter")
    page = here.get(f"{SET_UP}?next=/admin/pages/").text
    assert "Or use a passkey" in page and 'id="passkey-register-button"' in page
    config = json.loads(re.search(r'id="otp_webauthn_config"[^>]*>(.*?)</script>', page)[1])
    assert config["beginRegistrationUrl"] == REGISTER_BEGIN
    assert "django_otp_webauthn/otp_webauthn_register.js" in page

    response = add_passkey(here, new_authenticator(), name=" Work   laptop ", next="/admin/pages/")

    assert response.url == "/admin/2fa/recovery-codes/?next=%2Fadmin%2Fpages%2F"
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", here.get(response.url).text)
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=reporter).count() == 10
    passkey = WebAuthnCredential.objects.get(user=reporter)
    assert passkey.name == "Work laptop"
    assert services.has_two_factor(reporter)
    assert signed_in_to_admin(here)
    assert ModelLogEntry.objects.filter(action="nashra.passkey.add", user=reporter).exists()


def test_after_the_password_the_passkey_opens_the_admin(reporter, require_2fa):
    authenticator = new_authenticator()
    with_passkey(reporter, authenticator)
    here = client_at(HERE)
    sign_in(here, "reporter")
    assert here.get("/admin/pages/").url == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    page = here.get(f"{VERIFY}?next=/admin/pages/").text
    assert "Use a passkey" in page and "django_otp_webauthn/otp_webauthn_auth.js" in page
    assert "Code from your authenticator app" not in page  # no app to ask a code of
    assert "Lost your passkey? Use a recovery code" in page

    options = here.post(VERIFY_BEGIN).json()
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(authenticator.credential_id)]
    session_before = here.session.session_key
    response = post_json(
        here, f"{VERIFY_COMPLETE}?next=/admin/pages/", authenticator.assert_(options)
    )

    assert response.status_code == 200
    assert response.json()["redirect_url"] == "/admin/pages/"
    assert here.session.session_key != session_before  # a new key for the verified session
    assert signed_in_to_admin(here)
    passkey = WebAuthnCredential.objects.get(user=reporter)
    assert passkey.sign_count == authenticator.sign_count and passkey.last_used_at is not None


def test_a_wrong_signature_is_refused(reporter, require_2fa):
    authenticator = new_authenticator()
    with_passkey(reporter, authenticator)
    here = client_at(HERE)
    sign_in(here, "reporter")

    refused = use_passkey(here, authenticator, tamper=True)

    assert refused.status_code == 422
    assert "That passkey was not accepted" in refused.json()["detail"]
    assert not signed_in_to_admin(here)
    assert here.get("/admin/").url.startswith(VERIFY)
    assert AccessAttempt.objects.get().failures_since_start == 1  # counted as a wrong code
    # Nor does a right signature made for another site or address pass.
    assert use_passkey(here, authenticator, origin="https://evil.example").status_code == 422
    assert use_passkey(here, authenticator, rp_id="evil.example").status_code == 422
    assert not signed_in_to_admin(here)
    # The real answer still works, and forgets the failures.
    assert use_passkey(here, authenticator).status_code == 200
    assert signed_in_to_admin(here)
    assert not AccessAttempt.objects.exists()


def test_another_users_passkey_is_refused(reporter, colleague, require_2fa):
    mine, theirs = new_authenticator(), new_authenticator()
    with_passkey(reporter, mine)
    with_passkey(colleague, theirs)
    here = client_at(HERE)
    sign_in(here, "reporter")

    refused = use_passkey(here, theirs)

    assert refused.status_code == 403 and refused.json()["code"] == "credential_user_mismatch"
    assert not signed_in_to_admin(here)
    assert AccessAttempt.objects.get().username == "reporter"
    # An unknown passkey, neither.
    unknown = use_passkey(here, new_authenticator())
    assert unknown.status_code == 403 and unknown.json()["code"] == "credential_not_found"
    assert not signed_in_to_admin(here)


def test_refused_passkeys_lock_signing_in_as_wrong_codes_do(reporter, require_2fa):
    authenticator = new_authenticator()
    with_passkey(reporter, authenticator)
    here = client_at(HERE)
    sign_in(here, "reporter")
    answers = [use_passkey(here, authenticator, tamper=True) for _ in range(5)]

    assert [a.status_code for a in answers] == [422] * 4 + [429]
    assert answers[4].json()["detail"] == lockout_message()
    assert not signed_in_to_admin(here)  # signed out
    assert sign_in(here, "reporter").status_code == 429


def test_no_passkey_is_tried_while_signing_in_is_locked(reporter, require_2fa):
    authenticator = new_authenticator()
    with_passkey(reporter, authenticator)
    here, also_here = client_at(HERE), client_at(HERE)
    sign_in(here, "reporter")
    sign_in(also_here, "reporter")  # half signed in before the lockout
    for _ in range(5):
        use_passkey(here, authenticator, tamper=True)

    refused = use_passkey(also_here, authenticator)
    assert refused.status_code == 429 and refused.json()["code"] == "locked_out"
    assert not signed_in_to_admin(also_here)


def test_a_passkey_opens_nothing_without_the_password(reporter):
    authenticator = new_authenticator()
    with_passkey(reporter, authenticator)
    anonymous = client_at(HERE)
    begin = anonymous.post(VERIFY_BEGIN)
    assert begin.status_code == 403 and begin.json()["code"] == "not_authenticated"
    assert anonymous.post(REGISTER_BEGIN).status_code == 403
    assert not signed_in_to_admin(anonymous)


def test_a_passkey_is_added_only_after_the_second_step(reporter, require_2fa):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    refused = here.post(REGISTER_BEGIN)
    assert refused.status_code == 403 and refused.json()["code"] == "user_not_verified"
    assert here.get(PASSKEYS).url.startswith(VERIFY)

    here.post(VERIFY, {"code": code_for(device, 1), "next": "/admin/"})
    response = add_passkey(here, new_authenticator(), name="Phone", next=PASSKEYS)
    assert response.url == PASSKEYS  # recovery codes kept from the app: none to show
    assert "Passkey added." in here.get(PASSKEYS).text
    assert StaticToken.objects.filter(device__user=reporter).count() == 10


def test_passkeys_are_listed_and_removed_from_the_account(reporter):
    here = client_at(HERE)
    here.force_login(reporter)
    assert "Add a passkey" in here.get("/admin/account/").text
    add_passkey(here, new_authenticator(), name="Laptop", next=PASSKEYS)
    add_passkey(here, new_authenticator(), name="Security key", next=PASSKEYS)

    page = here.get(PASSKEYS).text
    assert "<bdi>Laptop</bdi>" in page and "<bdi>Security key</bdi>" in page
    assert "one of your 2 passkeys" in here.get("/admin/account/").text
    laptop, key = services.passkeys_of(reporter)

    assert "will no longer sign you in" in here.get(f"{PASSKEYS}{laptop.pk}/remove/").text
    assert here.post(f"{PASSKEYS}{laptop.pk}/remove/").url == PASSKEYS
    assert list(services.passkeys_of(reporter)) == [key]
    # The session passed the second step with the laptop's passkey; it stays verified.
    assert here.get(PASSKEYS).status_code == 200
    entry = ModelLogEntry.objects.get(action="nashra.passkey.remove")
    assert entry.data == {"name": "Laptop"}

    # The last one goes with the recovery codes: nothing is left for them to stand in for.
    here.post(f"{PASSKEYS}{key.pk}/remove/")
    assert not services.has_two_factor(reporter)
    assert not StaticDevice.objects.filter(user=reporter).exists()


def test_nobody_removes_anothers_passkey(reporter, colleague):
    with_passkey(colleague, new_authenticator())
    theirs = WebAuthnCredential.objects.get(user=colleague)
    here = client_at(HERE)
    here.force_login(reporter)
    # Not found (which LocaleMiddleware sends on to /en/admin/…, where it is not found either).
    assert here.get(f"{PASSKEYS}{theirs.pk}/remove/").status_code in (302, 404)
    assert here.post(f"{PASSKEYS}{theirs.pk}/remove/").status_code in (302, 404)
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()


def test_where_required_the_only_passkey_stays(reporter, require_2fa):
    authenticator = new_authenticator()
    here = client_at(HERE)
    sign_in(here, "reporter")
    add_passkey(here, authenticator)
    passkey = WebAuthnCredential.objects.get(user=reporter)

    assert "your only second step" in here.get(f"{PASSKEYS}{passkey.pk}/remove/").text
    here.post(f"{PASSKEYS}{passkey.pk}/remove/")
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_the_admin_reset_removes_passkeys(reporter, admin, require_2fa):
    authenticator = new_authenticator()
    reporters_session = client_at(HERE)
    sign_in(reporters_session, "reporter")
    add_passkey(reporters_session, authenticator)
    assert signed_in_to_admin(reporters_session)
    admins_key = new_authenticator()
    with_passkey(admin, admins_key)
    office = client_at(THERE)
    sign_in(office, "admin")
    assert use_passkey(office, admins_key).status_code == 200

    confirm = office.get(f"/admin/2fa/reset/{reporter.pk}/")
    assert "passkeys and recovery codes" in confirm.text
    assert office.post(f"/admin/2fa/reset/{reporter.pk}/").url == "/admin/users/"

    assert not WebAuthnCredential.objects.filter(user=reporter).exists()
    assert ModelLogEntry.objects.get(action="nashra.two_factor.reset").data == {
        "devices": 2,  # the passkey and the recovery codes
        "via": "admin",
    }
    assert reporters_session.get("/admin/").url.startswith(SET_UP)
    assert use_passkey(reporters_session, authenticator).status_code == 403
    assert not signed_in_to_admin(reporters_session)


def test_reset_2fa_removes_passkeys_too(reporter):
    with_passkey(reporter, new_authenticator())
    call_command("reset_2fa", "reporter", stdout=io.StringIO())
    assert not WebAuthnCredential.objects.filter(user=reporter).exists()
    assert not services.has_two_factor(reporter)


@pytest.fixture
def chromium(live_server, transactional_db, monkeypatch):
    """A page of Debian's Chromium, for the one browser test here, set up as tests/browser's
    fixtures do (see their conftest for why each step), but for this test alone: Playwright
    marks the test thread as running an event loop, which the tests after it must not see."""
    from django.core.signals import request_finished, request_started
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM_PATH}.", pytrace=False)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    in_flight = RequestsInFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        yield page
        page.goto("about:blank")
        context.close()
        browser.close()
        # The connections this thread opened while Playwright ran are its own set: closed
        # here, or PostgreSQL refuses to drop the test database with them open.
        connections.close_all()
    in_flight.wait_until_idle()
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)


@pytest.fixture
def artifacts_dir(request):
    """Where the browser tests leave their screenshots (as tests/browser's do)."""
    path = request.config.rootpath / ARTIFACTS_DIR
    path.mkdir(exist_ok=True)
    return path


def add_virtual_authenticator(page):
    """Chromium's virtual authenticator (DevTools protocol): a platform passkey that holds its
    credentials and verifies the user, without a prompt."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable", {"enableUI": False})
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def type_password(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_passkey_in_chromium(chromium, live_server, settings, require_2fa, artifacts_dir):
    # WebAuthn wants a secure context: http://localhost is one (127.0.0.1 is no RP id).
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    make_user("reporter", "wagtailadmin.access_admin")
    page = chromium
    problems = PageProblems(page)
    add_virtual_authenticator(page)

    type_password(page, "reporter")
    page.wait_for_url("**/admin/2fa/set-up/**")
    page.get_by_role("button", name="Add a passkey").wait_for()
    page.screenshot(path=artifacts_dir / "passkey-set-up.png", full_page=True)
    page.get_by_label("Name of the passkey").fill("Chromium")
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_url("**/admin/2fa/recovery-codes/**")
    assert page.locator(".two-factor-codes code").count() == 10
    assert WebAuthnCredential.objects.get(user__username="reporter").name == "Chromium"
    problems.assert_none()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/admin/login/**")
    type_password(page, "reporter")
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_role("button", name="Use a passkey").wait_for()
    page.screenshot(path=artifacts_dir / "passkey-verify.png", full_page=True)
    # The package's script says what our catalogue says (static/accounts/passkeys.js).
    assert page.evaluate("gettext('Verifying...')") == "Waiting for your passkey…"
    assert page.evaluate("gettext('Dashboard')") == "Dashboard"  # the admin's own, untouched
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#wagtail.ready").count() == 1  # the admin's own scripts ran
    assert page.get_by_role("heading", level=1).inner_text().strip()
    assert "login" not in (page.locator("body").get_attribute("class") or "")

    page.goto(PASSKEYS)
    assert page.get_by_role("cell", name="Chromium", exact=True).count() == 1
    page.get_by_role("button", name="Add a passkey").wait_for()
    page.screenshot(path=artifacts_dir / "passkeys.png", full_page=True)
    problems.assert_none()
