"""The person's own second step: verify it after the password, set it up, keep its recovery
codes; and a password reset that cannot be used to flood a mailbox. Passkeys have their own
module (passkeys.py)."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin import messages
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from nashra.core.clients import client_address

from . import services
from .forms import AppCodeForm, PasskeyNameForm, RecoveryCodeForm, SetUpAuthenticatorForm
from .lockout import (
    LOCKOUT_SHOWN,
    count_failed_code,
    forget_failures,
    is_locked_out,
    lockout_message,
)

# New recovery codes wait here between the request that makes them and the one page that
# shows them, once.
RECOVERY_CODES_SESSION_KEY = "nashra_recovery_codes"


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def url_with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def locked_out(request):
    """End the half-done sign-in and say why; django-axes keeps this page (lockout.py)."""
    setattr(request, LOCKOUT_SHOWN, True)
    message = lockout_message(request)
    logout(request)
    return render(request, "accounts/locked.html", {"error": message}, status=429)


def sign_in_with(request, device):
    """Complete the sign-in with the device that passed the second step: an authenticator
    app, a recovery code or a passkey."""
    django_otp.login(request, device)
    # A new session key for the session that now opens the admin.
    request.session.cycle_key()
    forget_failures(request, request.user)
    if isinstance(device, StaticDevice):
        left = services.unused_recovery_codes(request.user)
        messages.warning(
            request,
            ngettext(
                "You signed in with a recovery code; %(count)d is left. Make new ones in "
                "your account settings.",
                "You signed in with a recovery code; %(count)d are left. Make new ones in "
                "your account settings.",
                left,
            )
            % {"count": left},
        )


def complete_sign_in(request, device, next_url):
    sign_in_with(request, device)
    return redirect(next_url)


def verify(request):
    """The second step after the password: a passkey, a code of the authenticator app, or a
    recovery code. Wrong codes (and refused passkeys) count towards the same lockout as wrong
    passwords."""
    user = request.user
    goto = next_url(request)
    if user.is_verified():
        return redirect(goto)
    if not services.has_two_factor(user):
        return redirect(url_with_next("nashra_two_factor_set_up", goto))

    app_form, recovery_form = AppCodeForm(user), RecoveryCodeForm(user)
    with_recovery_code = "recovery_code" in request.POST
    if request.method == "POST":
        if is_locked_out(request, user):
            return locked_out(request)
        if with_recovery_code:
            form = recovery_form = RecoveryCodeForm(user, request.POST)
        else:
            form = app_form = AppCodeForm(user, request.POST)
        if form.is_valid():
            return complete_sign_in(request, form.device, goto)
        if form.failed and count_failed_code(request, user):
            return locked_out(request)
    return render(
        request,
        "accounts/verify.html",
        {
            "app_form": app_form,
            "recovery_form": recovery_form,
            "with_recovery_code": with_recovery_code,
            "has_app": services.has_authenticator_app(user),
            "has_passkey": services.passkeys_of(user).exists(),
            "next": goto,
        },
    )


def qr_code_svg(device):
    return segno.make_qr(device.config_url, error="m").svg_inline(
        scale=5,
        border=2,
        dark="#000",
        light="#fff",
        svgclass="two-factor-qr",
        title=_("QR code for your authenticator app"),
    )


def secret_in_groups(device):
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def set_up(request):
    """Set up an authenticator app (or a new one, replacing the old), then show the recovery
    codes; a first set-up may add a passkey instead. Someone with a second step already set up
    must pass it first."""
    user = request.user
    goto = next_url(request)
    first = not services.has_two_factor(user)
    if not first and not user.is_verified():
        return redirect(url_with_next("nashra_two_factor_verify", goto))
    replacing = services.has_authenticator_app(user)
    device = services.pending_authenticator(user)
    form = SetUpAuthenticatorForm(user, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        request.session.cycle_key()
        request.session[RECOVERY_CODES_SESSION_KEY] = form.recovery_codes
        messages.success(request, _("Two-step verification is on."))
        return redirect(url_with_next("nashra_two_factor_recovery_codes", goto))
    return render(
        request,
        "accounts/set_up.html",
        {
            "form": form,
            "qr_code": qr_code_svg(device),
            "secret": secret_in_groups(device),
            "required": settings.NASHRA_REQUIRE_2FA,
            "replacing": replacing,
            "passkey_form": PasskeyNameForm() if first else None,
            "next": goto,
        },
    )


def recovery_codes(request):
    """Show the recovery codes just made, once: a reload shows them no more."""
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": request.session.pop(RECOVERY_CODES_SESSION_KEY, None),
            "next": next_url(request),
        },
    )


class AccountPageView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one's own second step, reached from the account."""

    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]


class AccountActionView(AccountPageView):
    """A confirmation page for a change of one's own second step."""

    def dispatch(self, request, *args, **kwargs):
        if not services.has_two_factor(request.user):
            return redirect("wagtailadmin_account")
        return super().dispatch(request, *args, **kwargs)


class NewRecoveryCodesView(AccountActionView):
    template_name = "accounts/new_recovery_codes.html"
    page_title = gettext_lazy("New recovery codes")

    def post(self, request):
        request.session[RECOVERY_CODES_SESSION_KEY] = services.new_recovery_codes(request.user)
        return redirect(
            url_with_next("nashra_two_factor_recovery_codes", reverse("wagtailadmin_account"))
        )


class TurnOffView(AccountActionView):
    template_name = "accounts/turn_off.html"
    page_title = gettext_lazy("Turn off two-step verification")

    def dispatch(self, request, *args, **kwargs):
        if settings.NASHRA_REQUIRE_2FA:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        services.turn_off_two_factor(request.user)
        messages.success(request, _("Two-step verification is off."))
        return redirect("wagtailadmin_account")


class PasswordResetView(WagtailPasswordResetView):
    """Wagtail's password reset, limited per client address and e-mail address. The refusal
    reads the same whether an account has that address or not."""

    def form_valid(self, form):
        if not services.allow_password_reset(
            client_address(self.request), form.cleaned_data["email"]
        ):
            form.add_error(
                None,
                _("Too many password reset requests. Please try again later."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
