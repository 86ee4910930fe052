from django import forms
from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.widgets.button import Button

from . import admin_views, passkeys, services, views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/verify/", never_cache(views.verify), name="nashra_two_factor_verify"),
        path("2fa/set-up/", never_cache(views.set_up), name="nashra_two_factor_set_up"),
        path(
            "2fa/recovery-codes/",
            never_cache(views.recovery_codes),
            name="nashra_two_factor_recovery_codes",
        ),
        path(
            "2fa/recovery-codes/new/",
            never_cache(views.NewRecoveryCodesView.as_view()),
            name="nashra_two_factor_new_recovery_codes",
        ),
        path(
            "2fa/turn-off/",
            never_cache(views.TurnOffView.as_view()),
            name="nashra_two_factor_turn_off",
        ),
        path(
            "2fa/passkeys/",
            never_cache(passkeys.PasskeysView.as_view()),
            name="nashra_two_factor_passkeys",
        ),
        path(
            "2fa/passkeys/added/",
            never_cache(passkeys.passkey_added),
            name="nashra_two_factor_passkey_added",
        ),
        path(
            "2fa/passkeys/<int:pk>/remove/",
            never_cache(passkeys.RemovePasskeyView.as_view()),
            name="nashra_two_factor_passkey_remove",
        ),
        path(
            "2fa/reset/<int:user_id>/",
            never_cache(admin_views.ResetTwoFactorView.as_view()),
            name="nashra_two_factor_reset",
        ),
        path(
            "reports/sign-in-failures/",
            never_cache(admin_views.SignInFailuresView.as_view()),
            name="nashra_sign_in_failures",
        ),
        path(
            "reports/sign-in-failures/results/",
            never_cache(admin_views.SignInFailuresView.as_view(results_only=True)),
            name="nashra_sign_in_failures_results",
        ),
        path(
            "reports/sign-in-failures/<int:attempt_id>/unlock/",
            admin_views.UnlockView.as_view(),
            name="nashra_sign_in_unlock",
        ),
    ]


class TwoFactorPanel(BaseSettingsPanel):
    """Account › Two-step verification: its state, and links to change it (the account
    page is one form, so the changes happen on pages of their own)."""

    name = "two_factor"
    title = _("Two-step verification")
    order = 550
    template_name = "accounts/account_panel.html"

    def get_form(self):
        return forms.Form(prefix=self.name)

    def get_context_data(self):
        enabled = services.has_two_factor(self.user)
        return {
            "enabled": enabled,
            "has_app": services.has_authenticator_app(self.user),
            "passkeys": services.passkeys_of(self.user).count(),
            "required": settings.NASHRA_REQUIRE_2FA,
            "recovery_codes": services.unused_recovery_codes(self.user) if enabled else 0,
        }


@hooks.register("register_account_settings_panel")
def two_factor_panel(request, user, profile):
    return TwoFactorPanel(request, user, profile)


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if services.may_reset_two_factor(request_user, user):
        yield Button(
            _("Reset two-step verification"),
            reverse("nashra_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


class SignInFailuresMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_administrators().user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def sign_in_failures_menu_item():
    return SignInFailuresMenuItem(
        _("Sign-in failures"),
        reverse("nashra_sign_in_failures"),
        name="sign-in-failures",
        icon_name="lock",
        order=1100,
    )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "nashra.two_factor.enable",
        _("Turn on two-step verification"),
        _("Two-step verification turned on"),
    )
    actions.register_action(
        "nashra.two_factor.recovery_codes",
        _("Make new recovery codes"),
        _("New recovery codes made"),
    )
    actions.register_action(
        "nashra.two_factor.disable",
        _("Turn off two-step verification"),
        _("Two-step verification turned off"),
    )
    actions.register_action(
        "nashra.passkey.add",
        _("Add a passkey"),
        _("Passkey added"),
    )
    actions.register_action(
        "nashra.passkey.remove",
        _("Remove a passkey"),
        _("Passkey removed"),
    )
    actions.register_action(
        "nashra.two_factor.reset",
        _("Reset two-step verification"),
        _("Two-step verification reset"),
    )
    actions.register_action(
        "nashra.sign_in.unlock", _("Unlock signing in"), _("Signing in unlocked")
    )
