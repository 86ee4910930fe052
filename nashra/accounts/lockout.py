"""Lockouts after repeated failures to sign in, kept by django-axes.

Failures count per account and client address (``AXES_LOCKOUT_PARAMETERS``): a wrong
password and a wrong second-step code count alike, so whoever holds a password has no more
guesses at the code than at the password; a refused passkey counts as a wrong code. The
lockout is told on the page where it happened, in the reader's language, and logged with the
account and the address.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off, get_credentials
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils.translation import ngettext

from .services import has_two_factor

logger = logging.getLogger(__name__)

# Set on the request by a page that told the reader it is locked out (the sign-in form, the
# second step): django-axes then keeps that page instead of answering with its own.
LOCKOUT_SHOWN = "nashra_lockout_shown"


def lockout_minutes(request=None):
    return max(1, round(get_cool_off(request).total_seconds() / 60))


def lockout_message(request=None):
    """Return what a locked-out person reads: that it is locked, from where, for how long."""
    minutes = lockout_minutes(request)
    return ngettext(
        "Too many failed attempts to sign in to this account from your network. Signing in "
        "is locked for %(minutes)d minute; try again then, or ask an administrator to unlock it.",
        "Too many failed attempts to sign in to this account from your network. Signing in "
        "is locked for %(minutes)d minutes; try again then, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: keep the page that already says so, else a page of our own;
    429 either way."""
    if original_response is not None and getattr(request, LOCKOUT_SHOWN, False):
        original_response.status_code = 429
        return original_response
    return render(request, "accounts/locked.html", {"error": lockout_message(request)}, status=429)


def is_locked_out(request, user):
    return AxesProxyHandler.is_locked(request, get_credentials(user.get_username()))


def count_failed_code(request, user, what="code"):
    """Count a wrong second-step code (or a refused passkey) as a failed sign-in; return True
    when it locks."""
    logger.warning(
        "Wrong second-step %s for %s from %s",
        what,
        user.get_username(),
        get_client_ip_address(request) or "an unknown address",
    )
    user_login_failed.send(
        sender=__name__, credentials=get_credentials(user.get_username()), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def forget_failures(request, user):
    """A complete sign-in clears the account's failures from this address (from this address
    only: without one, django-axes would clear them everywhere)."""
    address = get_client_ip_address(request)
    if address:
        AxesProxyHandler.reset_attempts(username=user.get_username(), ip_address=address)


def forget_failures_on_sign_in(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in``: the password completes the sign-in of someone without
    a second step; for the others the second step clears the count (views.verify)."""
    if request is not None and not has_two_factor(user):
        forget_failures(request, user)


def log_lockout(sender, request, username, ip_address, **kwargs):
    """Receiver of django-axes' ``user_locked_out``: axes masks the account and address in its
    own log lines; an administrator needs both."""
    logger.warning(
        "Signing in as %s from %s locked for %d minutes after %d failures (last at %s)",
        username,
        ip_address or "an unknown address",
        lockout_minutes(request),
        getattr(request, "axes_failures_since_start", None) or settings.AXES_FAILURE_LIMIT,
        request.path if request is not None else "?",
    )
