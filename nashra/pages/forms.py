from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)
    # Hidden from people by CSS and aria-hidden; bots fill every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def message_fields(self):
        """Return what the reader wrote: name, email, subject and message."""
        return {key: self.cleaned_data[key] for key in ("name", "email", "subject", "message")}
