/* Passkeys on the second step's pages (nashra/accounts/passkeys.py). django-otp-webauthn's
 * scripts run the WebAuthn ceremonies; this one gives their messages in the reader's
 * language, names a new passkey, and stops at a lockout. Loaded before them. */
(function () {
  "use strict";

  var texts = JSON.parse(document.getElementById("passkey-texts").textContent);
  var adminGettext = window.gettext;
  window.gettext = function (message) {
    if (Object.prototype.hasOwnProperty.call(texts, message)) {
      return texts[message];
    }
    return adminGettext ? adminGettext(message) : message;
  };

  // The form holding the register button names the passkey once the browser has made it.
  // Enter in its name field adds the passkey rather than sending the form empty-handed.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-passkey-add]") && !form.dataset.added) {
      event.preventDefault();
      var button = form.querySelector("#passkey-register-button");
      if (button && !button.disabled) {
        button.click();
      }
    }
  });
  document.addEventListener("otp_webauthn.register_complete", function (event) {
    var form = event.target.closest("form[data-passkey-add]");
    if (form) {
      form.dataset.added = "true";
      form.submit();
    }
  });

  // Locked out: the sign-in has ended (the message says so), and the button would be refused.
  document.addEventListener("otp_webauthn.verification_failed", function (event) {
    var response = event.detail && event.detail.response;
    if (response && response.status === 429) {
      event.target.disabled = true;
    }
  });
})();
