import datetime
import hashlib

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from nashra.caching import store, tags
from nashra.core import privacy
from nashra.news.models import ArticlePage, SectionPage

MAX_QUERY_LENGTH = 200
# The calendar a reader may search. Python's own ends (years 1 and 9999) cannot take a day or
# a time zone's offset more, and no article is dated near them.
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)
SECTIONS_SECONDS = 3600  # bounds a change no purge announced
DATE_ATTRS = {"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}


def validate_searchable_day(day):
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(
            _("Enter a date in the years %(first)d to %(last)d."),
            code="out_of_range",
            params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Searches are limited to %(limit_value)d characters; this one has %(show_value)d."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    section = forms.TypedChoiceField(
        label=_("Section"), required=False, coerce=int, empty_value=None
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any type")), *ArticlePage.TypeOfWork.choices],
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        validators=[validate_searchable_day],
        widget=forms.DateInput(attrs=DATE_ATTRS),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        validators=[validate_searchable_day],
        widget=forms.DateInput(attrs=DATE_ATTRS),
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Most relevant")), ("newest", _("Newest first"))],
    )

    def __init__(self, data, locale, **kwargs):
        super().__init__(data, **kwargs)
        sections, self._sections_version = edition_sections(locale)
        self.section_paths = {pk: path for pk, _title, _depth, path in sections}
        top_depth = min((depth for _pk, _title, depth, _path in sections), default=0)
        self.fields["section"].choices = [("", _("All sections"))] + [
            (pk, "— " * (depth - top_depth) + title) for pk, title, depth, _path in sections
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    @cached_property
    def rendering_key(self):
        """What the form's HTML is kept under: the reader's values, the language and the
        edition's sections. None when it shows errors, which are rendered each time."""
        if self.errors:
            return None
        shown = [(name, self[name].value()) for name in self.fields]
        asked = repr((translation.get_language(), self._sections_version, shown))
        return hashlib.sha256(asked.encode()).hexdigest()

    def filters(self, locale):
        """Return the backend filters for the cleaned form."""
        data = self.cleaned_data
        filters = {"locale_id": locale.pk, "type_of_work": data.get("type") or None}
        if data.get("section") in self.section_paths:
            filters["path"] = self.section_paths[data["section"]]
        # Days are the reader's days: midnight in the edition's time zone.
        if data.get("since"):
            filters["since"] = _midnight(data["since"])
        if data.get("until"):
            filters["until"] = _midnight(data["until"] + datetime.timedelta(days=1))
        return filters


def edition_sections(locale):
    """The edition's live, public sections in tree order, ``(pk, title, depth, path)`` each,
    and the version they were found under.

    Kept until the edition is purged, as a section's publishing, unpublishing, move or view
    restriction does: every search page offers them.
    """

    def find():
        return list(
            SectionPage.objects.live()
            # By content type too, so the database starts from the few sections, not from
            # every page of the edition.
            .filter(locale=locale, content_type=ContentType.objects.get_for_model(SectionPage))
            .filter(privacy.public_q())
            .order_by("path")
            .values_list("pk", "title", "depth", "path")
        )

    version = store.version_of([tags.edition_tag(locale.language_code)])
    key = f"nashra:search-sections:{locale.pk}"
    return store.remember(key, find, SECTIONS_SECONDS, version), version


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
