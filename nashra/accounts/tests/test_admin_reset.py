"""A lost phone: administrators of users reset the second step, in the admin or with
``manage.py reset_2fa``; nobody else can, and every reset is in the user's history."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from nashra.accounts import services

from .helpers import HERE, THERE, client_at, code_for, enrol, sign_in

pytestmark = pytest.mark.django_db


def reset_url(user):
    return f"/admin/2fa/reset/{user.pk}/"


def devices(user):
    return (
        TOTPDevice.objects.filter(user=user).count()
        + StaticDevice.objects.filter(user=user).count()
    )


def signed_in_with_code(user, address=THERE):
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    client = client_at(address)
    sign_in(client, user.username)
    client.post("/admin/2fa/verify/", {"code": code_for(device, 1), "next": "/admin/"})
    return client


def test_an_administrator_resets_a_lost_phone(reporter, admin, require_2fa):
    enrol(reporter)
    reporters_session = signed_in_with_code(reporter, HERE)
    assert reporters_session.get("/admin/").status_code == 200
    enrol(admin)
    office = signed_in_with_code(admin)

    listing = office.get("/admin/users/").text
    assert reset_url(reporter) in listing and "Reset two-step verification" in listing
    confirm = office.get(reset_url(reporter))
    assert confirm.status_code == 200 and "lost their phone" in confirm.text
    response = office.post(reset_url(reporter))

    assert response.url == "/admin/users/"
    assert devices(reporter) == 0
    entry = ModelLogEntry.objects.get(action="nashra.two_factor.reset")
    assert (entry.object_id, entry.user, entry.data) == (
        str(reporter.pk),
        admin,
        {"devices": 2, "via": "admin"},
    )
    assert "Two-step verification reset" in office.get(f"/admin/users/history/{reporter.pk}/").text
    # The reporter's open session lost its verification with the phone: set up again.
    assert reporters_session.get("/admin/").url.startswith("/admin/2fa/set-up/")


def test_staff_who_do_not_administer_users_cannot_reset(reporter, colleague):
    enrol(reporter)
    snoop = client_at(HERE)
    snoop.force_login(colleague)

    assert snoop.get(reset_url(reporter)).status_code == 302
    assert snoop.post(reset_url(reporter)).url == "/admin/"
    assert devices(reporter) == 2
    assert not ModelLogEntry.objects.filter(action="nashra.two_factor.reset").exists()


def test_only_a_superuser_resets_a_superuser(reporter, admin, user_admin):
    enrol(reporter)
    enrol(admin)
    client = client_at(HERE)
    client.force_login(user_admin)

    assert client.post(reset_url(admin)).url == "/admin/"
    assert devices(admin) == 2
    assert client.post(reset_url(reporter)).url == "/admin/users/"
    assert devices(reporter) == 0
    assert services.may_reset_two_factor(admin, admin)


def test_reset_from_the_command_line(reporter):
    enrol(reporter)
    out = io.StringIO()
    call_command("reset_2fa", "reporter", stdout=out)

    assert "Two-step verification of reporter was reset." in out.getvalue()
    assert devices(reporter) == 0
    entry = ModelLogEntry.objects.get(action="nashra.two_factor.reset")
    assert (entry.user, entry.data) == (None, {"devices": 2, "via": "manage.py reset_2fa"})

    call_command("reset_2fa", "reporter", stdout=out)
    assert "reporter had no two-step verification set up." in out.getvalue()
    with pytest.raises(CommandError, match="No user is called ghost"):
        call_command("reset_2fa", "ghost")
