from functools import cache

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject
from django.utils.http import urlencode

from . import services

# Admin views a signed-in person reaches before the second step: signing in and out, the
# admin's script translations and icons (the second step's own pages use them), the password
# reset, and the passkey ceremonies (passkeys.py keeps them to the person's own passkeys, and
# to adding one only once the second step is passed, if there is one).
BEFORE_SECOND_STEP = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "nashra_password_reset",
    "nashra_two_factor_passkey_register_begin",
    "nashra_two_factor_passkey_register_complete",
    "nashra_two_factor_passkey_verify_begin",
    "nashra_two_factor_passkey_verify_complete",
}
VERIFY, SET_UP = "nashra_two_factor_verify", "nashra_two_factor_set_up"


def unwrapped(user):
    """Return the user itself. django-otp wraps Django's lazy user in a lazy user of its own;
    Wagtail's ``log()`` looks through one wrapper only, and silently logs nothing for an
    admin view that logs about ``request.user`` (the account settings, our second step)."""
    while isinstance(user, LazyObject):
        bool(user.is_authenticated)  # evaluates the wrapper
        user = user._wrapped
    return user


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


class TwoFactorMiddleware:
    """Staff who signed in with their password reach no admin page until they pass the second
    step: those who set one up are sent to it; where it is required (``NASHRA_REQUIRE_2FA``),
    those who have none are sent to set it up. The public site is not concerned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(admin_prefix()):
            return None
        request.user = user = unwrapped(request.user)
        if not user.is_authenticated or user.is_verified() or not services.is_staff(user):
            return None
        name = request.resolver_match.url_name
        if name in BEFORE_SECOND_STEP:
            return None
        if services.has_two_factor(user):
            return None if name == VERIFY else self.send_to(request, VERIFY)
        if not settings.NASHRA_REQUIRE_2FA or name == SET_UP:
            return None
        return self.send_to(request, SET_UP)

    @staticmethod
    def send_to(request, name):
        goto = request.get_full_path() if request.method == "GET" else admin_prefix()
        return redirect(f"{reverse(name)}?{urlencode({'next': goto})}")
