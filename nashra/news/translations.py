"""Linking an article to its counterpart in the other edition."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import ArticlePage


@transaction.atomic
def link_translation(translation, original, user=None):
    """Make translation the counterpart of original: one translation key, original's locale noted.

    The translation takes the original's key; the language switcher, hreflang links and the
    "Translated from …" notice all follow from that.
    """
    if user is not None and not all(
        page.permissions_for_user(user).can_publish() for page in (translation, original)
    ):
        # Both pages change at once, without review: only for who may publish both.
        raise PermissionDenied
    if translation.locale_id == original.locale_id:
        raise ValidationError(_("An article and its translation must be in different editions."))
    taken = (
        ArticlePage.objects.filter(
            translation_key=original.translation_key, locale_id=translation.locale_id
        )
        .exclude(pk=translation.pk)
        .first()
    )
    if taken is not None:
        raise ValidationError(
            _("“%(title)s” is already the translation of that article in this edition.")
            % {"title": taken.title}
        )
    translation.translation_key = original.translation_key
    translation.translated_from_id = original.locale_id
    translation.save(update_fields=["translation_key", "translated_from"])
    log(
        instance=translation,
        action="nashra.link_translation",
        user=user,
        data={"original": original.pk},
    )
    return translation


def mark_copied_translation(sender, source_obj, target_obj, **kwargs):
    """A translation made with Wagtail's "Translate" action remembers its original's edition."""
    if isinstance(target_obj, ArticlePage) and target_obj.translated_from_id is None:
        target_obj.translated_from_id = source_obj.locale_id
        target_obj.save(update_fields=["translated_from"])
