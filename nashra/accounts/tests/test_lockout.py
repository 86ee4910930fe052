"""Five wrong passwords lock an account from one address for 15 minutes, and say so."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.utils import translation
from wagtail.models import ModelLogEntry

from nashra.accounts.lockout import lockout_message

from .factories import PASSWORD
from .helpers import HERE, THERE, client_at, sign_in, signed_in_to_admin

pytestmark = pytest.mark.django_db


def fail(client, username, times):
    return [sign_in(client, username, "wrong password") for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_from_that_address(reporter, colleague):
    here = client_at(HERE)
    responses = fail(here, "reporter", 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "didn&#x27;t match" in responses[3].content.decode()
    assert lockout_message() in responses[4].content.decode()

    refused = sign_in(here, "reporter")
    assert refused.status_code == 429
    assert lockout_message() in refused.content.decode()
    assert 'class="login-form"' in refused.content.decode()  # Wagtail's sign-in page, not a 403
    assert not signed_in_to_admin(here)

    # Not the address: the same account from elsewhere, another account from here.
    there = client_at(THERE)
    assert sign_in(there, "reporter").status_code == 302
    assert signed_in_to_admin(there)
    colleague_here = client_at(HERE)
    assert sign_in(colleague_here, "colleague").status_code == 302
    assert signed_in_to_admin(colleague_here)


def test_the_lockout_ends_after_15_minutes(reporter):
    here = client_at(HERE)
    fail(here, "reporter", 5)
    assert "15 minutes" in lockout_message()

    # 14 minutes later: still locked (the refused attempt counts, and starts the 15 again).
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert sign_in(here, "reporter").status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    assert sign_in(here, "reporter").status_code == 302
    assert signed_in_to_admin(here)


def test_a_complete_sign_in_forgets_earlier_failures(reporter):
    here = client_at(HERE)
    fail(here, "reporter", 4)
    assert sign_in(here, "reporter").status_code == 302
    here.post("/admin/logout/")

    assert [r.status_code for r in fail(here, "reporter", 4)] == [200] * 4


def test_the_lockout_is_told_in_the_readers_language(reporter):
    here = client_at(HERE)
    fail(here, "reporter", 4)
    response = sign_in(here, "reporter", "wrong", HTTP_ACCEPT_LANGUAGE="ar")

    page = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    with translation.override("ar"):
        assert lockout_message() in page


def test_the_address_is_the_one_behind_our_proxies(reporter, settings):
    settings.NASHRA_TRUSTED_PROXIES = "127.0.0.1"
    proxy = client_at("127.0.0.1")
    for _ in range(5):
        sign_in(proxy, "reporter", "wrong", HTTP_X_FORWARDED_FOR=HERE)
    assert sign_in(proxy, "reporter", HTTP_X_FORWARDED_FOR=HERE).status_code == 429
    # A forged hop at the left changes nothing: the proxy saw HERE.
    forged = f"{THERE}, {HERE}"
    assert sign_in(proxy, "reporter", HTTP_X_FORWARDED_FOR=forged).status_code == 429
    # Another reader behind the same proxy is not locked.
    assert sign_in(proxy, "reporter", HTTP_X_FORWARDED_FOR=THERE).status_code == 302


def test_an_untrusted_forwarded_for_is_ignored(reporter):
    here = client_at(HERE)
    for number in range(5):
        sign_in(here, "reporter", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert sign_in(here, "reporter", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_lockout_is_logged_with_account_and_address(reporter, caplog):
    with caplog.at_level(logging.WARNING, logger="nashra.accounts"):
        fail(client_at(HERE), "reporter", 5)
    lockouts = [r.getMessage() for r in caplog.records if "locked" in r.getMessage()]
    assert lockouts == [
        f"Signing in as reporter from {HERE} locked for 15 minutes after 5 failures "
        "(last at /admin/login/)"
    ]


def test_administrators_see_the_failures_and_unlock(reporter, admin):
    fail(client_at(HERE), "reporter", 5)
    fail(client_at(THERE), "reporter", 2)
    office = client_at(THERE)
    office.force_login(admin)

    report = office.get("/admin/reports/sign-in-failures/")
    assert report.status_code == 200
    page = report.content.decode()
    assert HERE in page and THERE in page and page.count("reporter") >= 2

    attempt = AccessAttempt.objects.get(ip_address=HERE)
    response = office.post(f"/admin/reports/sign-in-failures/{attempt.pk}/unlock/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(ip_address=HERE).exists()
    assert AccessAttempt.objects.filter(ip_address=THERE).exists()
    entry = ModelLogEntry.objects.get(action="nashra.sign_in.unlock")
    assert (entry.object_id, entry.user, entry.data) == (str(reporter.pk), admin, {"address": HERE})
    assert sign_in(client_at(HERE), "reporter").status_code == 302


def test_staff_who_do_not_administer_users_see_no_failures_and_unlock_nothing(reporter, colleague):
    fail(client_at(HERE), "reporter", 5)
    snoop = client_at(THERE)
    snoop.force_login(colleague)

    assert snoop.get("/admin/reports/sign-in-failures/").status_code == 302
    attempt = AccessAttempt.objects.get()
    assert snoop.post(f"/admin/reports/sign-in-failures/{attempt.pk}/unlock/").status_code == 302
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert "sign-in-failures" not in snoop.get("/admin/").content.decode()


def test_the_right_password_was_never_enough_before(reporter):
    """The regression of issue 11: thirty wrong passwords, then the right one, signed in."""
    here = client_at(HERE)
    fail(here, "reporter", 30)
    assert sign_in(here, "reporter", PASSWORD).status_code == 429
    assert not signed_in_to_admin(here)
