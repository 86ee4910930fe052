from django.urls import path

from . import passkeys

# The WebAuthn ceremonies of passkeys.py, answered in JSON to django-otp-webauthn's scripts.
# Outside Wagtail's admin views (which answer someone signed out with the sign-in page, not
# JSON), and reached before the second step is passed (middleware.BEFORE_SECOND_STEP).
urlpatterns = [
    path(
        "register/begin/",
        passkeys.BeginRegistrationView.as_view(),
        name="nashra_two_factor_passkey_register_begin",
    ),
    path(
        "register/complete/",
        passkeys.CompleteRegistrationView.as_view(),
        name="nashra_two_factor_passkey_register_complete",
    ),
    path(
        "verify/begin/",
        passkeys.BeginVerificationView.as_view(),
        name="nashra_two_factor_passkey_verify_begin",
    ),
    path(
        "verify/complete/",
        passkeys.CompleteVerificationView.as_view(),
        name="nashra_two_factor_passkey_verify_complete",
    ),
]
