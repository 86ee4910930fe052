from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from nashra.core.permissions import EDITION_DESKS
from nashra.news.models import SectionPage

from .models import PartnerFeed

TAKEN_CHOICES = [("", _("All")), ("no", _("Not taken")), ("yes", _("Taken"))]


class InboxFilterForm(forms.Form):
    """Search and filters of the inbox; the choices keep to the user's editions."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    feed = forms.ModelChoiceField(
        label=_("Feed"), queryset=PartnerFeed.objects.none(), required=False
    )
    locale = forms.ModelChoiceField(
        label=_("Edition"), queryset=Locale.objects.none(), required=False
    )
    taken = forms.ChoiceField(label=_("Taken"), choices=TAKEN_CHOICES, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feed"].queryset = EDITION_DESKS.filter(
            PartnerFeed.objects.select_related("locale"), user
        )
        self.fields["locale"].queryset = _user_locales(user)

    def filter(self, items):
        """Return the items the search and filters leave (all of them when the form is invalid)."""
        if not self.is_valid():
            return items
        data = self.cleaned_data
        if data["q"].strip():
            items = items.search(data["q"].strip())
        if data["feed"]:
            items = items.delivered_by(data["feed"])
        if data["locale"]:
            items = items.filter(locale=data["locale"])
        if data["taken"] == "yes":
            items = items.taken()
        elif data["taken"] == "no":
            items = items.not_taken()
        return items


def _user_locales(user):
    ids = EDITION_DESKS.locale_ids(user)
    locales = Locale.objects.order_by("language_code")
    return locales if ids is None else locales.filter(pk__in=ids)


class TakeForm(forms.Form):
    """Which section the item goes to; the chooser offers the sections the user may write in.

    Any section may be posted: the view checks the user's right to add an article there, and
    the service the edition's language, so that each guard stands on its own.
    """

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=SectionPage.objects.select_related("locale")
    )

    def __init__(self, *args, offered, initial_section_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = list(offered)
        titles = dict(
            SectionPage.objects.filter(
                locale_id__in={s.locale_id for s in self.offered}
            ).values_list("path", "title")
        )
        self.fields["section"].widget.choices = [("", "---------")] + [
            (section.pk, _trail(section, titles)) for section in self.offered
        ]
        if initial_section_id in {section.pk for section in self.offered}:
            self.initial["section"] = initial_section_id


def _trail(section, titles):
    """ "News › Middle East": the section's title after those of the sections above it."""
    step = SectionPage.steplen
    prefixes = (section.path[:end] for end in range(step, len(section.path) + 1, step))
    return " › ".join(titles[prefix] for prefix in prefixes if prefix in titles)
