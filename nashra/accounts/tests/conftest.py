import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django_otp.oath import totp

from nashra.accounts import services

PASSWORD = "correct horse 42"
HERE, THERE = "203.0.113.7", "198.51.100.9"


def make_user(username, *permissions, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def reporter(db):
    """A member of staff: may use the admin, nothing more."""
    return make_user("reporter", "wagtailadmin.access_admin")


@pytest.fixture
def colleague(db):
    return make_user("colleague", "wagtailadmin.access_admin")


@pytest.fixture
def admin(db):
    return make_user("admin", superuser=True)


@pytest.fixture
def user_admin(db):
    """Administers users (as the Administrators group does) without being a superuser."""
    return make_user("useradmin", "wagtailadmin.access_admin", "auth.change_user")


@pytest.fixture
def require_2fa(settings):
    settings.NASHRA_REQUIRE_2FA = True


@pytest.fixture
def no_back_off(settings):
    """django-otp's own back-off (1 s, 2 s, 4 s… after wrong codes), off where a test tries
    codes faster than a person."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def client_at(address):
    return Client(REMOTE_ADDR=address)


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def enrol(user):
    """Set up an authenticator app for the user as the set-up page does; return it and the
    recovery codes."""
    device = services.pending_authenticator(user)
    codes = services.confirm_authenticator(user, device, code_for(device))
    device.refresh_from_db()
    return device, codes


def code_for(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or that many steps later)."""
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def signed_in_to_admin(client):
    response = client.get("/admin/")
    return response.status_code == 200
