"""Admin forms whose text fields follow the language of the content, not of the admin."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


def is_free_text(field):
    """Return whether the field takes words in the content's language (not a date, URL, email)."""
    if not isinstance(field, forms.CharField):
        return False
    widget = field.widget
    return isinstance(widget, forms.Textarea) or getattr(widget, "input_type", None) == "text"


def direction_attrs(locale):
    """Return the HTML attributes that set a field's language and direction to the locale's."""
    return {
        "lang": locale.language_code,
        "dir": "rtl" if locale.is_bidi else "ltr",
        # Read by js/admin-content-direction.js for the fields Wagtail builds in the browser.
        "data-content-lang": locale.language_code,
    }


class ContentDirectionMixin:
    """Give the form's free-text fields the language and direction of the edited locale.

    An Arabic article is written right to left even when the editor's admin is in English,
    and an English one left to right in an Arabic admin. StreamField blocks and rich-text
    editors are drawn by Wagtail's JavaScript; the admin script follows these fields' lead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.content_locale()
        if locale is None:
            return
        attrs = direction_attrs(locale)
        for field in self.fields.values():
            if is_free_text(field):
                for name, value in attrs.items():
                    field.widget.attrs.setdefault(name, value)

    def content_locale(self):
        """Return the locale of the content being edited, or None if it has none yet."""
        if getattr(self.instance, "locale_id", None) is not None:
            return self.instance.locale
        return None


class EditionPageForm(ContentDirectionMixin, WagtailAdminPageForm):
    """The admin form of every page of an edition."""

    def content_locale(self):
        locale = super().content_locale()
        if locale is None and self.parent_page is not None:
            return self.parent_page.locale
        return locale


class EditionSnippetForm(ContentDirectionMixin, WagtailAdminModelForm):
    """The admin form of a snippet that belongs to an edition (a topic, an author, a source)."""
