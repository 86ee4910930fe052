from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from nashra.core.forms import ContentDirectionMixin
from nashra.people.models import Author

from .models import LiveUpdate


class LiveUpdateForm(ContentDirectionMixin, WagtailAdminModelForm):
    """An update as the live desk writes it; its text runs in the live page's direction."""

    class Meta:
        model = LiveUpdate
        fields = ["title", "body", "author", "is_key_event", "is_pinned"]

    def __init__(self, *args, page, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # A paragraph open and waiting: most updates are a few lines of text.
            stream = self.fields["body"].block.to_python([{"type": "paragraph", "value": ""}])
            self.initial.setdefault("body", stream)
        self.fields["author"].queryset = Author.objects.filter(locale_id=page.locale_id)
        self.fields["title"].help_text = _("Optional: a few words readers see above the update.")

    def content_locale(self):
        return self.page.locale


class EditLiveUpdateForm(LiveUpdateForm):
    correction_text = forms.CharField(
        label=_("Public correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For a published update that said something wrong: readers see this note on "
            "the update, and it joins the edition's corrections."
        ),
    )
