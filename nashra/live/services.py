"""Posting, publishing, editing and deleting updates; ending coverage. Each in a transaction.

Called alike by the admin's live desk, the tests and the demo. Who may do what follows the
live page's section (Wagtail's page permissions, granted per section to the newsroom's
groups): whoever may edit the page posts drafts; whoever may publish it publishes updates,
and so do its writers when the page says so (``writers_publish_updates``).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from nashra.caching import purge
from nashra.corrections.services import add_correction
from nashra.search import indexing

from . import purges, states
from .models import LivePage, LiveUpdate


@dataclass(frozen=True)
class LiveDesk:
    """What one person may do on one live page.

    ``is_editor``: may publish the page itself (the section's editors, the chief editor):
    publishes, changes and deletes any update, ends the coverage. ``can_publish``: may
    publish their own updates (an editor, or a writer where the page lets its writers).
    """

    can_post: bool
    can_publish: bool
    is_editor: bool = False
    user_id: int | None = None

    @classmethod
    def for_user(cls, user, page):
        tester = page.permissions_for_user(user)
        can_post = tester.can_edit()
        is_editor = tester.can_publish()
        can_publish = is_editor or (page.writers_publish_updates and can_post)
        return cls(can_post, can_publish, is_editor, user.pk)

    def _own(self, update):
        return self.can_post and update.created_by_id == self.user_id

    def can_change(self, update):
        """Editors change any update; a writer their own draft, or own update they published."""
        if self.is_editor:
            return True
        return self._own(update) and (not update.is_published or self.can_publish)

    def can_publish_update(self, update):
        return self.is_editor or (self.can_publish and self._own(update))


def _changed(page, reindex=True):
    """Once committed: purge what shows the updates, and index their text for search."""
    purge.on_commit(purges.for_updates(page))
    if reindex:
        transaction.on_commit(lambda: indexing.index_article(page))


def _log(update, action, user, **data):
    log(
        instance=update,
        action=action,
        user=user,
        data={"page": update.page_id, "title": str(update), **data},
    )


@transaction.atomic
def post_update(
    page, user, *, body, title="", author=None, is_key_event=False, is_pinned=False, publish=True
):
    """Post an update: published at once when asked and allowed, else a draft."""
    desk = LiveDesk.for_user(user, page)
    if not desk.can_post or (publish and not desk.can_publish):
        raise PermissionDenied
    now = timezone.now()
    update = LiveUpdate(
        page=page,
        title=title,
        body=body,
        author=author,
        is_key_event=is_key_event,
        is_pinned=is_pinned,
        created_by=user,
        created_at=now,
    )
    if publish:
        update.status, update.published_at = LiveUpdate.Status.PUBLISHED, now
    update.full_clean(exclude=["page", "created_by", "author", "correction"])
    update.save()
    _log(update, "nashra.live.publish" if publish else "nashra.live.draft", user)
    if publish:
        _changed(page)
    return update


@transaction.atomic
def publish_update(update, user):
    """Publish a draft: it goes to the top, as of now."""
    desk = LiveDesk.for_user(user, update.page)
    if not desk.can_publish_update(update):
        raise PermissionDenied
    if update.is_published:
        return update
    update.status, update.published_at = LiveUpdate.Status.PUBLISHED, timezone.now()
    update.save(update_fields=["status", "published_at"])
    _log(update, "nashra.live.publish", user)
    _changed(update.page)
    return update


@transaction.atomic
def edit_update(update, user, *, correction_text="", **fields):
    """Change an update; a published one says it was edited, and may carry a correction.

    A correction is also the live page's: it lists on the edition's corrections page and
    feed, and opens a follow-up for the other edition's translation, as any correction does.
    """
    desk = LiveDesk.for_user(user, update.page)
    if not desk.can_change(update):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(update, name, value)
    corrected = bool(correction_text) and update.is_published
    if update.is_published:
        update.edited_at = timezone.now()
    if corrected:
        update.correction = add_correction(update.page, "correction", correction_text, user=user)
    update.version = update._meta.get_field("version").default()
    update.full_clean(exclude=["page", "created_by", "author", "correction"])
    update.save()
    _log(update, "nashra.live.edit", user, correction=corrected)
    if update.is_published:
        _changed(update.page)
    return update


@transaction.atomic
def delete_update(update, user):
    desk = LiveDesk.for_user(user, update.page)
    if not desk.can_change(update):
        raise PermissionDenied
    was_published, page = update.is_published, update.page
    _log(update, "nashra.live.delete", user)
    update.delete()
    if was_published:
        _changed(page)


@transaction.atomic
def set_coverage_end(page, user, ends_at):
    """End the coverage now (``ends_at``), or resume it (None), without publishing a draft.

    The page's row and its newest revision both change, so a later publication of a draft
    keeps the coverage as it is; the whole purge of the page follows (its LIVE badges).
    """
    if not page.permissions_for_user(user).can_publish():
        raise PermissionDenied
    LivePage.objects.filter(pk=page.pk).update(coverage_ends_at=ends_at)
    page.coverage_ends_at = ends_at
    revision = page.latest_revision
    if revision is not None:
        revision.content["coverage_ends_at"] = ends_at.isoformat() if ends_at else None
        revision.save(update_fields=["content"])
    log(
        instance=page,
        action="nashra.live.end" if ends_at else "nashra.live.resume",
        user=user,
    )
    states.forget()
    purge.on_commit(purge.for_article(page).update(purges.for_updates(page)))
    return page
