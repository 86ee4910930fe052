"""The second step after the password: set up on the first sign-in where it is required,
asked for at every sign-in once set up, locked after five wrong codes."""

import re
from base64 import b32encode

import pytest
from axes.models import AccessAttempt
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from nashra.accounts import services
from nashra.accounts.lockout import lockout_message
from nashra.accounts.middleware import BEFORE_SECOND_STEP

from .helpers import HERE, THERE, client_at, code_for, enrol, sign_in, signed_in_to_admin

pytestmark = pytest.mark.django_db

VERIFY, SET_UP = "/admin/2fa/verify/", "/admin/2fa/set-up/"


def plain_admin_urls():
    """Every admin URL that takes no argument, read from the URL configuration."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name not in BEFORE_SECOND_STEP
                and route.startswith("admin/")
                and not re.search(r"[<^$(\\]", route)
            ):
                yield "/" + route

    return sorted(set(walk(get_resolver(), "")))


def verify(client, code, **data):
    return client.post(VERIFY, {"code": code, "next": "/admin/", **data})


def use_recovery_code(client, code):
    return client.post(VERIFY, {"recovery_code": code, "next": "/admin/"})


def test_a_password_alone_never_reaches_the_admin(reporter, require_2fa):
    urls = plain_admin_urls()
    assert len(urls) > 40 and "/admin/pages/" in urls and "/admin/account/" in urls

    here = client_at(HERE)
    sign_in(here, "reporter")
    for url in urls:
        if url == SET_UP:
            continue
        response = here.get(url)
        assert response.status_code == 302 and response.url.startswith(SET_UP), url

    enrol(reporter)
    for url in urls:
        if url == VERIFY:
            continue
        response = here.get(url)
        assert response.status_code == 302 and response.url.startswith(VERIFY), url
    assert here.post("/admin/pages/add/news/articlepage/1/").url.startswith(VERIFY)


def test_setting_up_on_the_first_sign_in(reporter, require_2fa, no_back_off):
    here = client_at(HERE)
    response = sign_in(here, "reporter")
    response = here.get(response.url)
    assert response.url == f"{SET_UP}?next=%2Fadmin%2F"

    page = here.get(response.url).content.decode()
    device = TOTPDevice.objects.get(user=reporter, confirmed=False)
    assert 'class="two-factor-qr"' in page
    secret = b32encode(device.bin_key).decode()
    assert " ".join(re.findall(".{4}", secret)) in page
    assert here.get(SET_UP).content.decode().count(secret[:4]) == 1  # the same key on reload
    assert TOTPDevice.objects.filter(user=reporter).count() == 1

    wrong = here.post(SET_UP, {"code": "000000", "next": "/admin/"})
    assert "That code is not right." in wrong.content.decode()
    assert not services.has_two_factor(reporter)

    response = here.post(SET_UP, {"code": code_for(device), "next": "/admin/"})
    assert response.url == "/admin/2fa/recovery-codes/?next=%2Fadmin%2F"
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", here.get(response.url).text)
    assert len(codes) == 10
    assert sorted(c.replace("-", "") for c in codes) == sorted(
        StaticToken.objects.filter(device__user=reporter).values_list("token", flat=True)
    )
    assert "shown only once" in here.get("/admin/2fa/recovery-codes/").text
    assert signed_in_to_admin(here)
    assert ModelLogEntry.objects.filter(
        action="nashra.two_factor.enable", object_id=str(reporter.pk), user=reporter
    ).exists()


def test_every_sign_in_asks_for_a_code(reporter, require_2fa, no_back_off):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    assert here.get("/admin/pages/").url == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"

    wrong = verify(here, "123456")
    assert wrong.status_code == 200 and "That code is not right." in wrong.text
    response = here.post(VERIFY, {"code": code_for(device, 1), "next": "/admin/pages/"})
    assert response.url == "/admin/pages/"
    assert signed_in_to_admin(here)
    assert here.get(VERIFY).url == "/admin/"


def test_a_code_is_good_once(reporter, require_2fa):
    device, _codes = enrol(reporter)
    here, there = client_at(HERE), client_at(THERE)
    sign_in(here, "reporter")
    sign_in(there, "reporter")
    code = code_for(device, 1)
    assert verify(here, code).status_code == 302
    assert verify(there, code).status_code == 200


def test_a_recovery_code_works_once(reporter, require_2fa, no_back_off):
    _device, codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    response = use_recovery_code(here, codes[3].upper().replace("-", " "))
    assert response.url == "/admin/"
    assert "9 are left" in here.get("/admin/").text
    here.post("/admin/logout/")

    sign_in(here, "reporter")
    again = use_recovery_code(here, codes[3])
    assert again.status_code == 200 and "That code is not right." in again.text
    assert '<details class="two-factor-recovery" open>' in again.text
    assert not signed_in_to_admin(here)
    assert use_recovery_code(here, codes[4]).url == "/admin/"


def test_five_wrong_codes_lock_signing_in(reporter, require_2fa, no_back_off):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    answers = [verify(here, "000000") for _ in range(4)]
    assert [a.status_code for a in answers] == [200] * 4

    locked = use_recovery_code(here, "aaaa-aaaa")
    assert locked.status_code == 429
    assert lockout_message() in locked.text
    assert not signed_in_to_admin(here)  # signed out
    assert sign_in(here, "reporter").status_code == 429  # the password is refused too
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("reporter", HERE)
    assert "000000" not in attempt.post_data and "aaaa" not in attempt.post_data

    # From another address the account still signs in, with a code.
    there = client_at(THERE)
    sign_in(there, "reporter")
    assert verify(there, code_for(device, 1)).url == "/admin/"


def test_wrong_passwords_and_wrong_codes_count_together(reporter, require_2fa, no_back_off):
    enrol(reporter)
    here = client_at(HERE)
    for _ in range(3):
        sign_in(here, "reporter", "wrong")
    sign_in(here, "reporter")
    verify(here, "000000")
    assert verify(here, "000000").status_code == 429


def test_a_device_waits_a_moment_after_a_wrong_code(reporter, require_2fa):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    verify(here, "000000")
    too_soon = verify(here, code_for(device, 1))
    assert "Please wait a few seconds" in too_soon.text
    assert AccessAttempt.objects.get().failures_since_start == 1  # waiting is no failure


def test_setting_up_is_no_way_around_the_code(reporter, require_2fa):
    enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    assert here.get(SET_UP).url.startswith(VERIFY)
    assert here.post(SET_UP, {"code": "123456"}).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=reporter).count() == 1


def test_next_leads_only_to_this_site(reporter, require_2fa):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    response = verify(here, code_for(device, 1), next="https://evil.example/admin/")
    assert response.url == "/admin/"


def test_without_the_requirement_staff_choose(reporter):
    here = client_at(HERE)
    sign_in(here, "reporter")
    account = here.get("/admin/account/")
    assert account.status_code == 200
    assert "Set up two-step verification" in account.text

    page = here.get(SET_UP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=reporter)
    here.post(SET_UP, {"code": code_for(device), "next": "/admin/account/"})
    assert "10 recovery codes are left" in here.get("/admin/account/").text

    here.post("/admin/logout/")
    sign_in(here, "reporter")
    assert here.get("/admin/").url.startswith(VERIFY)
    verify(here, code_for(device, 1))

    assert here.get("/admin/2fa/turn-off/").status_code == 200
    assert here.post("/admin/2fa/turn-off/").url == "/admin/account/"
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert ModelLogEntry.objects.filter(action="nashra.two_factor.disable").exists()
    assert signed_in_to_admin(here)


def test_where_required_it_cannot_be_turned_off(reporter, require_2fa):
    device, _codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    verify(here, code_for(device, 1))
    assert "Turn off" not in here.get("/admin/account/").text
    here.post("/admin/2fa/turn-off/")
    assert services.has_two_factor(reporter)


def test_new_recovery_codes_replace_the_old(reporter, require_2fa):
    device, old_codes = enrol(reporter)
    here = client_at(HERE)
    sign_in(here, "reporter")
    verify(here, code_for(device, 1))

    response = here.post("/admin/2fa/recovery-codes/new/")
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", here.get(response.url).text)
    assert len(codes) == 10 and not set(codes) & set(old_codes)
    assert ModelLogEntry.objects.filter(action="nashra.two_factor.recovery_codes").exists()


def test_people_outside_the_admin_are_not_concerned(require_2fa, db):
    from .factories import make_user

    make_user("reader")
    here = client_at(HERE)
    sign_in(here, "reader")
    assert here.get("/admin/").url.startswith("/admin/login/")
