"""Passkeys (WebAuthn) as a second step: django-otp-webauthn's ceremonies on our terms, and
the pages where staff add, name and remove their passkeys.

The package's views check the WebAuthn answers. Ours add what the second step asks of every
way in: staff only and never without the password (no passwordless sign-in); a refused
passkey counts towards the lockout as a wrong code does; a passkey completes the sign-in as a
code does (``views.sign_in_with``); a first passkey brings recovery codes as a first app does.
"""

import logging

import django_otp
from django.contrib.auth import logout
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp_webauthn import exceptions
from django_otp_webauthn.utils import rewrite_exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)
from wagtail.admin import messages
from wagtail.admin.localization import get_localized_response

from . import services
from .forms import PasskeyNameForm
from .lockout import LOCKOUT_SHOWN, count_failed_code, is_locked_out, lockout_message
from .views import (
    RECOVERY_CODES_SESSION_KEY,
    AccountPageView,
    next_url,
    sign_in_with,
    url_with_next,
)

logger = logging.getLogger(__name__)

# The passkey just added, between the ceremony that makes it and the form that names it.
NEW_PASSKEY_SESSION_KEY = "nashra_new_passkey"

SIGNED_OUT = gettext_lazy("Your sign-in has ended. Please sign in again.")
NOT_ACCEPTED = gettext_lazy(
    "That passkey was not accepted: it is not one of this account's passkeys, or it could "
    "not be checked. Try again, or verify another way."
)
NOT_ADDED = gettext_lazy("The passkey could not be added. Please try again.")
# What the reader is told, by the code of the package's error; else the view's failure.
ERRORS = {
    "not_authenticated": SIGNED_OUT,
    "passwordless_login_disabled": SIGNED_OUT,
    "not_staff": gettext_lazy("Passkeys are for the people who use the admin."),
    "user_not_verified": gettext_lazy(
        "Verify with your second step first; then you can add a passkey."
    ),
    "invalid_state": gettext_lazy("That took too long, or began elsewhere. Please try again."),
    "malformed_request": gettext_lazy("Something went wrong. Please try again."),
}


# Errors that are no answer at all (no ceremony begun, no JSON, nobody signed in): the rest
# are answers the package refused, and a refused answer at the second step is a wrong code.
NO_ANSWER = {*ERRORS, "user_disabled"}


class NotStaff(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "not_staff"


class PasskeyApiMixin:
    """The ceremonies for staff only, in their admin language, and their errors too."""

    failure = NOT_ADDED

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_exception(exceptions.NotAuthenticated())
        if not services.is_staff(user):
            return self.handle_exception(NotStaff())
        return get_localized_response(super().dispatch, request, *args, **kwargs)

    def handle_exception(self, exc):
        if not isinstance(exc, exceptions.OTPWebAuthnApiError):
            return super().handle_exception(exc)
        if exc.code not in NO_ANSWER:
            # Why (an origin or RP id that does not match, a bad signature…): what an
            # administrator needs when passkeys fail for everyone.
            logger.warning(
                "Passkey refused for %s: %s (%s)",
                self.request.user.get_username(),
                exc.code,
                exc.__cause__ or exc,
            )
            response = self.refused(exc)
            if response is not None:
                return response
        detail = ERRORS.get(exc.code, self.failure)
        # Not 404 for a passkey not found: LocaleMiddleware would send a 404 on to the
        # edition's URL (/en/admin/…), and the script would read a page instead of JSON.
        status = 403 if exc.status_code == 404 else exc.status_code
        return JsonResponse({"detail": str(detail), "code": exc.code}, status=status)

    def refused(self, exc):
        """Return a response of its own to a refused answer, or None."""
        return None


class BeginRegistrationView(PasskeyApiMixin, BeginCredentialRegistrationView):
    pass


class CompleteRegistrationView(PasskeyApiMixin, CompleteCredentialRegistrationView):
    def post(self, request):
        user = request.user
        state = self.get_state()
        with transaction.atomic(), rewrite_exceptions():
            device = self.get_helper().register_complete(user=user, state=state, data=request.data)
            codes = services.passkey_added(user, device)
        if not user.is_verified():
            # Added at the set-up step: the passkey has just proved itself, as the first code
            # of an app does.
            django_otp.login(request, device)
            request.session.cycle_key()
        request.session[NEW_PASSKEY_SESSION_KEY] = device.pk
        if codes:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
        return JsonResponse({"id": device.pk})


def locked_out(request):
    """End the half-done sign-in and say why, as views.locked_out does after a code."""
    setattr(request, LOCKOUT_SHOWN, True)
    message = lockout_message(request)
    logout(request)
    return JsonResponse({"detail": message, "code": "locked_out"}, status=429)


class VerificationMixin(PasskeyApiMixin):
    """Only after the password (dispatch), with the user's own passkeys (the package), and
    not while signing in is locked."""

    failure = NOT_ACCEPTED

    def post(self, request):
        if is_locked_out(request, request.user):
            return locked_out(request)
        return super().post(request)


class BeginVerificationView(VerificationMixin, BeginCredentialAuthenticationView):
    pass


class CompleteVerificationView(VerificationMixin, CompleteCredentialAuthenticationView):
    def refused(self, exc):
        if count_failed_code(self.request, self.request.user, what="passkey"):
            return locked_out(self.request)
        return None

    def complete_auth(self, device):
        sign_in_with(self.request, device)

    def get_success_url(self):
        return next_url(self.request)


class PasskeysView(AccountPageView):
    """Account › Passkeys: the person's passkeys, to add and to remove."""

    template_name = "accounts/passkeys.html"
    page_title = gettext_lazy("Passkeys")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            passkeys=services.passkeys_of(self.request.user),
            passkey_form=PasskeyNameForm(),
            next=reverse("nashra_two_factor_passkeys"),
            **kwargs,
        )


@require_POST
def passkey_added(request):
    """Name the passkey just added, then go on: to the recovery codes when it is the first
    second step, else where the person was going."""
    goto = next_url(request)
    pk = request.session.pop(NEW_PASSKEY_SESSION_KEY, None)
    if pk is None:
        return redirect(goto)
    form = PasskeyNameForm(request.POST)
    if form.is_valid():
        services.rename_passkey(request.user, pk, form.cleaned_data["name"])
    if RECOVERY_CODES_SESSION_KEY in request.session:
        messages.success(request, _("Two-step verification is on."))
        return redirect(url_with_next("nashra_two_factor_recovery_codes", goto))
    messages.success(request, _("Passkey added."))
    return redirect(goto)


class RemovePasskeyView(AccountPageView):
    template_name = "accounts/remove_passkey.html"
    page_title = gettext_lazy("Remove a passkey")

    def dispatch(self, request, pk):
        self.passkey = get_object_or_404(services.passkeys_of(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.passkey.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            passkey=self.passkey,
            may_remove=services.may_remove_passkey(self.request.user, self.passkey),
            **kwargs,
        )

    def post(self, request, pk):
        if not services.may_remove_passkey(request.user, self.passkey):
            messages.error(request, _("Your only second step cannot be removed."))
        else:
            verified_with_it = request.user.otp_device == self.passkey
            services.remove_passkey(request.user, self.passkey)
            other = services.second_step_device(request.user)
            if verified_with_it and other is not None:
                # This session passed the second step with the passkey now gone: it stays
                # verified, as it was, rather than asking again on the next page.
                django_otp.login(request, other)
            messages.success(
                request, _("Passkey “%(name)s” removed.") % {"name": self.passkey.name}
            )
        return redirect("nashra_two_factor_passkeys")
