from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import services
from .lockout import LOCKOUT_SHOWN, lockout_message


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, saying so when django-axes refused the attempt as locked out
    (the password is then not even tried)."""

    def get_invalid_login_error(self):
        if self.request is not None and getattr(self.request, "axes_locked_out", False):
            setattr(self.request, LOCKOUT_SHOWN, True)
            return forms.ValidationError(lockout_message(self.request), code="locked_out")
        return super().get_invalid_login_error()


class CodeForm(forms.Form):
    """A code of the second step, checked against the user's devices.

    ``failed`` tells a wrong code (which counts towards the lockout) from no code at all or a
    device still waiting out its back-off (which do not).
    """

    field_name = "code"
    error_messages = {
        "wrong": _("That code is not right. Please try again."),
        "too_soon": _("Please wait a few seconds before trying another code."),
    }

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        self.failed = False
        super().__init__(*args, **kwargs)

    def check(self, code):
        raise NotImplementedError

    def clean(self):
        code = self.cleaned_data.get(self.field_name)
        if not code:
            return self.cleaned_data
        try:
            self.device = self.check(code)
        except services.TooSoon:
            raise forms.ValidationError(self.error_messages["too_soon"], code="too_soon") from None
        if self.device is None:
            self.failed = True
            raise forms.ValidationError(self.error_messages["wrong"], code="wrong")
        return self.cleaned_data


def app_code_field():
    return forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "dir": "ltr",
                "autofocus": "",
            }
        ),
    )


class AppCodeForm(CodeForm):
    code = app_code_field()

    def check(self, code):
        return services.check_app_code(self.user, code)


class RecoveryCodeForm(CodeForm):
    field_name = "recovery_code"
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )

    def check(self, code):
        return services.check_recovery_code(self.user, code)


class SetUpAuthenticatorForm(CodeForm):
    """The first code of a new authenticator app, which proves it was set up right."""

    code = app_code_field()
    error_messages = {
        **CodeForm.error_messages,
        "wrong": _(
            "That code is not right. Check that the time on your phone is correct and try again."
        ),
    }

    def __init__(self, user, device, *args, **kwargs):
        self.pending = device
        self.recovery_codes = None
        super().__init__(user, *args, **kwargs)

    def check(self, code):
        self.recovery_codes = services.confirm_authenticator(self.user, self.pending, code)
        return self.pending if self.recovery_codes is not None else None


class PasskeyNameForm(forms.Form):
    """The name of a passkey being added, sent once the browser has made it."""

    prefix = "passkey"
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=services.PASSKEY_NAME_LENGTH,
        required=False,
        help_text=_("To tell your passkeys apart: for example “work laptop” or “security key”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
