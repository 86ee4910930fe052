"""``{% passkey_scripts "register" %}`` / ``{% passkey_scripts "verify" %}``: django-otp-webauthn's
script for the page's ceremony, with its settings and its messages in the reader's language.

The package's scripts ask the admin's ``gettext`` for their messages, which no catalog of
ours translates: static/accounts/passkeys.js answers them with the sentences below, written
for our pages and translated with the rest of Nashra.
"""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

SCRIPTS = {
    "register": "django_otp_webauthn/otp_webauthn_register.js",
    "verify": "django_otp_webauthn/otp_webauthn_auth.js",
}

WAITING = _("Waiting for your passkey…")
NOT_ADDED = _("The passkey could not be added. Please try again.")
NOT_CHECKED = _("The passkey could not be checked. Please try again.")

# The package's message (its source text) → ours.
MESSAGES = {
    "Verify with Passkey": _("Use a passkey"),
    "Verifying...": WAITING,
    "Finishing verification...": _("Checking your passkey…"),
    "Verification successful!": _("Passkey accepted."),
    "Verification aborted.": _("The passkey check was cancelled."),
    "Verification canceled or not allowed.": _(
        "The passkey check was cancelled, or this browser did not allow it."
    ),
    "Verification failed. Could not retrieve parameters from the server.": NOT_CHECKED,
    "Verification failed. An unknown error occurred.": NOT_CHECKED,
    "Verification failed. An unknown server error occurred.": NOT_CHECKED,
    "Verification failed. A server error occurred.": NOT_CHECKED,
    "An error occurred during verification.": NOT_CHECKED,
    "Register a Passkey": _("Add a passkey"),
    "Registering...": WAITING,
    "Finishing registration...": _("Saving your passkey…"),
    "Registration successful!": _("Passkey added."),
    "Registration aborted.": _("Adding the passkey was cancelled."),
    "Registration aborted or not allowed.": _(
        "Adding the passkey was cancelled, or this browser did not allow it."
    ),
    "Registration failed. You most likely already have a Passkey registered for this site.": _(
        "This passkey is already added to your account."
    ),
    "Registration failed. A technical problem occurred that prevents you from registering a "
    "Passkey for this site.": _(
        "Passkeys cannot be added at this address. Open the admin at the site's own address "
        "and try again."
    ),
    "Registration failed. Unable to fetch registration options from server.": NOT_ADDED,
    "Registration failed. An unknown error occurred.": NOT_ADDED,
    "Registration failed. The server was unable to verify this passkey.": NOT_ADDED,
    "Registration failed. A server error occurred.": NOT_ADDED,
    "An error occurred during registration.": NOT_ADDED,
}


@register.inclusion_tag("accounts/passkey_scripts.html", takes_context=True)
def passkey_scripts(context, ceremony):
    return {
        "script": SCRIPTS[ceremony],
        "texts": {source: str(ours) for source, ours in MESSAGES.items()},
        "config": {
            "beginRegistrationUrl": reverse("nashra_two_factor_passkey_register_begin"),
            "completeRegistrationUrl": reverse("nashra_two_factor_passkey_register_complete"),
            "beginAuthenticationUrl": reverse("nashra_two_factor_passkey_verify_begin"),
            "completeAuthenticationUrl": reverse("nashra_two_factor_passkey_verify_complete"),
            # Passkeys are a second step only: no passkey offered in the username field.
            "autocompleteLoginFieldSelector": None,
            "nextFieldSelector": "input[name='next']",
            "csrfToken": get_token(context["request"]),
        },
    }
