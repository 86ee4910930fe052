"""Password-reset mail: three per hour for one e-mail address from one client address, and a
refusal that tells nothing about accounts."""

import re
from datetime import timedelta

import pytest
from django.db.models import F

from nashra.accounts.models import PasswordResetRequest

from .helpers import HERE, THERE, client_at

pytestmark = pytest.mark.django_db

REFUSAL = "Too many password reset requests. Please try again later."


def page_without_tokens(response):
    """The page as a reader sees it: CSRF tokens are masked afresh for every response."""
    return re.sub(r'(csrfmiddlewaretoken" value=|CSRF_TOKEN": )"[^"]+"', "", response.text)


def ask(client, email):
    return client.post("/admin/password_reset/", {"email": email})


def test_three_reset_mails_an_hour_then_a_refusal(reporter, mailoutbox):
    here = client_at(HERE)
    answers = [ask(here, "reporter@example.org") for _ in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert answers[0].url == "/admin/password_reset/done/"
    assert REFUSAL in answers[3].content.decode()
    assert len(mailoutbox) == 3


def test_the_refusal_is_the_same_whether_the_account_exists_or_not(reporter, mailoutbox):
    here = client_at(HERE)
    known = [ask(here, "reporter@example.org") for _ in range(4)]
    unknown = [ask(here, "nobody@example.org") for _ in range(4)]

    assert [a.status_code for a in known] == [a.status_code for a in unknown]
    assert [getattr(a, "url", None) for a in known] == [getattr(a, "url", None) for a in unknown]
    assert page_without_tokens(known[3]).replace("reporter", "nobody") == page_without_tokens(
        unknown[3]
    )
    assert len(mailoutbox) == 3


def test_the_limit_is_per_address_and_email(reporter, colleague, mailoutbox):
    here = client_at(HERE)
    for _ in range(4):
        ask(here, "reporter@example.org")

    assert ask(client_at(THERE), "reporter@example.org").status_code == 302
    assert ask(here, "colleague@example.org").status_code == 302
    assert ask(here, "Reporter@Example.org ").status_code == 429
    assert len(mailoutbox) == 5


def test_requests_older_than_the_window_no_longer_count(reporter, mailoutbox):
    here = client_at(HERE)
    for _ in range(3):
        ask(here, "reporter@example.org")
    PasswordResetRequest.objects.update(requested_at=F("requested_at") - timedelta(minutes=61))

    assert ask(here, "reporter@example.org").status_code == 302
    assert len(mailoutbox) == 4
    # What is past the window is gone, not only uncounted.
    assert PasswordResetRequest.objects.count() == 1


def test_only_a_keyed_hash_is_kept(reporter):
    ask(client_at(HERE), "reporter@example.org")
    kept = PasswordResetRequest.objects.get()
    assert HERE not in kept.fingerprint and "reporter" not in kept.fingerprint
    assert len(kept.fingerprint) == 64
