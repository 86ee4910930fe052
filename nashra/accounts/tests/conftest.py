import pytest

from .factories import make_user


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
