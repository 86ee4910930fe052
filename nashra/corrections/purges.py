"""What corrections mean to the page cache: the corrections page lists every article's."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from nashra.caching import purge, registry

from .models import Correction, CorrectionsPage


def corrections_pages(article):
    """The corrections page of the article's edition lists the article's corrections."""
    return CorrectionsPage.objects.live().filter(locale_id=article.locale_id)


def on_correction_change(sender, instance, **kwargs):
    try:
        article = instance.article
    except ObjectDoesNotExist:  # deleted along with its article, which purged already
        return
    if article is not None:
        purge.on_commit(purge.for_article(article.specific))


def connect():
    registry.register_article_listing(corrections_pages)
    for signal in (post_save, post_delete):
        signal.connect(on_correction_change, sender=Correction, dispatch_uid="purge-correction")
