"""Merge one object into another: what used the first uses the second, and the first goes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import finders_for, usage_of

MERGE_ACTION = "nashra.merge"


def merge(doomed, keep, user=None):
    """Move every use of ``doomed`` to ``keep``, then delete ``doomed``; return how many moved.

    Both must be of the same model and edition. All of it happens in one transaction and is
    written to the audit log: a merge on ``keep``, a deletion on ``doomed``.
    """
    if type(doomed) is not type(keep) or doomed.pk == keep.pk:
        raise ValidationError(_("Choose another one of the same kind to merge into."))
    if getattr(doomed, "locale_id", None) != getattr(keep, "locale_id", None):
        raise ValidationError(_("Both must belong to the same edition."))
    with transaction.atomic():
        moved = sum(finder.move(doomed, keep) for finder in finders_for(type(doomed)))
        # A use the finders could not move (another model's protecting foreign key, or a
        # draft saved meanwhile) stops the merge; nothing of it is kept.
        if usage_of(doomed).is_protected:
            raise ValidationError(_("It is still in use; nothing was merged."))
        log(
            instance=keep,
            action=MERGE_ACTION,
            user=user,
            data={"merged": {"id": doomed.pk, "title": str(doomed)}, "moved": moved},
        )
        log(instance=doomed, action="wagtail.delete", user=user)
        doomed.delete()
    return moved
