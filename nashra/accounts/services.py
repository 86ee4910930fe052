"""Two-step sign-in for staff: an authenticator app (TOTP), passkeys (WebAuthn) and
single-use recovery codes.

Every change of someone's second step goes through here, so that the views, the
``reset_2fa`` command and the tests change it the same way and leave the same audit entry.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.log_actions import log

from .models import PasswordResetRequest

logger = logging.getLogger(__name__)

RECOVERY_CODES = 10
PASSKEY_NAME_LENGTH = 64  # django-otp's Device.name


class TooSoon(Exception):
    """The device is waiting out its back-off after a wrong code (django-otp's throttling)."""


def is_staff(user):
    """Return whether the user may use the Wagtail admin: the people the second step guards."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_authenticator_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def passkeys_of(user):
    """Return the user's passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def second_step_device(user):
    """Return one of the user's passkeys or their authenticator app, or None."""
    return (
        passkeys_of(user).first()
        or TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    )


def has_two_factor(user):
    """Return whether the user has a second step: an authenticator app or a passkey."""
    return has_authenticator_app(user) or passkeys_of(user).exists()


def pending_authenticator(user):
    """Return the authenticator app being set up, the same one until it is confirmed, so a
    reload does not change the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def normalise_code(code):
    return "".join(code.split()).replace("-", "").lower()


def format_recovery_code(code):
    return f"{code[:4]}-{code[4:]}"


def _check(devices, code):
    """Return the device that accepts the code, None, or raise TooSoon if none may try."""
    allowed = [device for device in devices if device.verify_is_allowed()[0]]
    if devices and not allowed:
        raise TooSoon
    for device in allowed:
        if device.verify_token(code):
            return device
    return None


def check_app_code(user, code):
    """Return the user's authenticator app that accepts the six-digit code, or None."""
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    with transaction.atomic():
        return _check(list(devices.select_for_update()), normalise_code(code))


def check_recovery_code(user, code):
    """Return the user's recovery codes' device if the code is one of them (now used up)."""
    devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    with transaction.atomic():
        return _check(list(devices.select_for_update()), normalise_code(code))


def _replace_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [format_recovery_code(code) for code in codes]


@transaction.atomic
def confirm_authenticator(user, device, code):
    """Turn the authenticator on once it shows a right code, in place of any earlier one.

    Return the new recovery codes (shown once), or None when the code is wrong.
    """
    if _check([device], normalise_code(code)) is None:
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    log(user, "nashra.two_factor.enable", user=user)
    return codes


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes; return the new ones."""
    codes = _replace_recovery_codes(user)
    log(user, "nashra.two_factor.recovery_codes", user=user)
    return codes


@transaction.atomic
def passkey_added(user, device):
    """Record a passkey just registered (the WebAuthn ceremony saved it) under a name of its
    own until the user names it. A first second step also gets recovery codes: return them
    (shown once), or None."""
    codes = None
    if not StaticDevice.objects.filter(user=user, confirmed=True).exists():
        codes = _replace_recovery_codes(user)
    device.name = _("Passkey %(number)d") % {"number": passkeys_of(user).count()}
    device.save(update_fields=["name"])
    log(user, "nashra.passkey.add", user=user)
    return codes


def rename_passkey(user, pk, name):
    name = " ".join(name.split())[:PASSKEY_NAME_LENGTH]
    if name:
        passkeys_of(user).filter(pk=pk).update(name=name)


def may_remove_passkey(user, device):
    """Where the second step is required, the last one left (passkey or app) stays."""
    if not settings.NASHRA_REQUIRE_2FA:
        return True
    return has_authenticator_app(user) or passkeys_of(user).exclude(pk=device.pk).exists()


@transaction.atomic
def remove_passkey(user, device):
    """Remove one of the user's passkeys; with the last second step go the recovery codes,
    which would otherwise stand in for nothing."""
    name = device.name
    device.delete()
    if not has_two_factor(user):
        StaticDevice.objects.filter(user=user).delete()
    log(user, "nashra.passkey.remove", user=user, data={"name": name})


def unused_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _remove_devices(user):
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


@transaction.atomic
def turn_off_two_factor(user):
    """The user's own choice, where the second step is not required."""
    removed = _remove_devices(user)
    log(user, "nashra.two_factor.disable", user=user)
    logger.warning("Second step turned off by %s", user.get_username())
    return removed


@transaction.atomic
def reset_two_factor(user, *, by=None, via="admin"):
    """Remove the user's authenticator app, passkeys and recovery codes (a lost phone or
    passkey), so that they set the second step up again at their next sign-in. Return how many
    devices went."""
    removed = _remove_devices(user)
    log(user, "nashra.two_factor.reset", user=by, data={"devices": removed, "via": via})
    logger.warning(
        "Second step of %s reset by %s via %s (%d devices removed)",
        user.get_username(),
        by.get_username() if by is not None else "nobody signed in",
        via,
        removed,
    )
    return removed


def may_reset_two_factor(actor, user):
    """Administrators of users may reset a colleague's second step; only a superuser may
    reset a superuser's, as a reset leaves the password alone guarding the account."""
    if actor.is_superuser:
        return True
    opts = user._meta
    return actor.has_perm(f"{opts.app_label}.change_{opts.model_name}") and not user.is_superuser


def allow_password_reset(client_address, email):
    """Count a password-reset request; return False once this address has asked for this
    e-mail address ``NASHRA_PASSWORD_RESET_LIMIT`` times in the window. Counted whether or not
    an account has that address, so the answer tells nothing about accounts."""
    now = timezone.now()
    start = now - timedelta(seconds=settings.NASHRA_PASSWORD_RESET_WINDOW)
    fingerprint = PasswordResetRequest.fingerprint_of(client_address, email)
    with transaction.atomic():
        PasswordResetRequest.objects.before(start).delete()
        recent = PasswordResetRequest.objects.since(start).filter(fingerprint=fingerprint)
        if recent.count() >= settings.NASHRA_PASSWORD_RESET_LIMIT:
            return False
        PasswordResetRequest.objects.create(fingerprint=fingerprint, requested_at=now)
    return True
