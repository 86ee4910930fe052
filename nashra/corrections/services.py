"""Recording a correction: the note itself, the other edition's follow-up and the audit trail."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from nashra.news.models import ArticlePage

from .models import Correction, TranslationFollowUp


def translations_of(article):
    """Return the other editions' articles that share this article's translation key."""
    return ArticlePage.objects.filter(translation_key=article.translation_key).exclude(
        locale_id=article.locale_id
    )


@transaction.atomic
def record_correction(correction, user=None):
    """Open a follow-up for each translation of a saved correction's article, and log it."""
    article = correction.article
    follow_ups = TranslationFollowUp.objects.bulk_create(
        TranslationFollowUp(correction=correction, article=translation)
        for translation in translations_of(article)
    )
    log(
        instance=article,
        action="nashra.correction",
        user=user,
        data={
            "correction": correction.pk,
            "kind": correction.kind,
            "follow_ups": [follow_up.article_id for follow_up in follow_ups],
        },
    )
    return follow_ups


@transaction.atomic
def add_correction(article, kind, text, user=None, date=None):
    """Attach a public correction to an article; readers see it at once.

    Its first revision, the user's (or the system's), is what later edits are compared with
    and what restoring it brings back; the admin's add view makes the same one.
    """
    correction = Correction(article=article, kind=kind, text=text, date=date or timezone.now())
    correction.full_clean()
    correction.save()
    revision = correction.save_revision(user=user, clean=False)
    log(instance=correction, action="wagtail.create", user=user, revision=revision)
    record_correction(correction, user)
    return correction


@transaction.atomic
def mark_follow_up_done(follow_up, user=None):
    follow_up.done = True
    follow_up.done_by = user
    follow_up.save(update_fields=["done", "done_by"])
    log(
        instance=follow_up.article,
        action="nashra.correction_followed_up",
        user=user,
        data={"correction": follow_up.correction_id},
    )
    return follow_up
