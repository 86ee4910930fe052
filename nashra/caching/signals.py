"""What purges what: every way a change reaches readers ends in one of these handlers.

Publishing, scheduled publishing (the worker publishes through the same Wagtail methods),
unpublishing, moving, renaming and deleting an article purge the pages it shows on. A
change to anything every page of an edition shows (its home or sections, the menu, the
site settings, a breaking line, the home's curation, a topic, author or source) purges
the whole edition.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import purge

EDITION_WIDE_MODELS = (
    "core.EditionSettings",
    "curation.BreakingNews",
    "curation.HomeCuration",
    "topics.Topic",
    "people.Author",
    "sources.Source",
)


def _is_article(page):
    from nashra.news.models import ArticlePage

    return isinstance(page, ArticlePage)


def _language(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else None


def purge_for_page(page):
    page = page.specific_deferred if type(page) is Page else page
    if _is_article(page):
        return purge.for_article(page)
    language_code = _language(page)
    return purge.for_edition(language_code) if language_code else purge.Purge()


def on_publish_or_unpublish(sender, instance, **kwargs):
    purge.on_commit(purge_for_page(instance))


def on_slug_changed(sender, instance, instance_before, **kwargs):
    """The old address shows the old article until purged (then a redirect, or 404)."""
    change = purge_for_page(instance)
    root_url, old_path = purge._url_parts(instance_before)
    if old_path is not None:
        change.add_path(root_url, old_path)
    purge.on_commit(change)


def on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    change = purge_for_page(instance)
    if url_path_before != url_path_after:
        # The page and everything under it changed address: purge the edition.
        language_code = _language(instance)
        if language_code:
            change.update(purge.for_edition(language_code))
    purge.on_commit(change)


def before_delete(sender, instance, **kwargs):
    """A live page deleted purges its edition, once it is gone.

    Deleting a section deletes every article under it, one signal each: working out each
    article's pages would cost more than re-rendering the edition, and it is rare.
    """
    if isinstance(instance, Page) and instance.live:
        language_code = _language(instance)
        if language_code:
            purge.on_commit(purge.for_edition(language_code))


def _field_values(model, values):
    return {field.attname: values(field.attname) for field in model._meta.concrete_fields}


def note_whether_changed(sender, instance, raw=False, **kwargs):
    """An editor pressing Save without changing anything purges nothing (one query to tell)."""
    if raw or instance._state.adding or instance.pk is None:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values().first()
    current = _field_values(sender, lambda name: getattr(instance, name))
    instance._nashra_unchanged = stored is not None and all(
        stored.get(name) == value for name, value in current.items()
    )


def on_edition_wide_change(sender, instance, **kwargs):
    if getattr(instance, "_nashra_unchanged", False):
        return
    language_code = _language(instance)
    if language_code:
        purge.on_commit(purge.for_edition(language_code))


def on_correction_change(sender, instance, **kwargs):
    try:
        article = instance.article
    except ObjectDoesNotExist:  # deleted along with its article, which purged already
        return
    if article is not None:
        purge.on_commit(purge.for_article(article.specific))


def on_translation_linked(sender, instance, update_fields=None, **kwargs):
    """Linking counterparts adds a language switch and hreflang links to both."""
    if update_fields and "translation_key" in update_fields and instance.live:
        purge.on_commit(purge.for_article(instance))


def on_view_restriction_change(sender, instance, **kwargs):
    """A page made private must leave every cache; one made public may enter them.

    An article is purged as its unpublishing would be: everywhere it shows, in every
    edition. A section (or any page with articles below it) hides or shows them all, and
    the other editions link to its pages (language switcher, hreflang): every edition.
    """
    try:
        page = instance.page
    except ObjectDoesNotExist:
        return
    page = page.specific_deferred if type(page) is Page else page
    if _is_article(page):
        purge.on_commit(purge.for_article(page))
    else:
        purge.on_commit(purge.for_every_edition())


def on_site_change(sender, instance, **kwargs):
    """A site's host or root changes every page's links: purge every edition."""
    purge.on_commit(purge.for_every_edition())


def connect():
    from django.apps import apps

    page_published.connect(on_publish_or_unpublish, dispatch_uid="nashra-purge-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="nashra-purge-unpublished")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="nashra-purge-slug")
    post_page_move.connect(on_move, dispatch_uid="nashra-purge-move")
    pre_delete.connect(before_delete, dispatch_uid="nashra-purge-delete")
    for label in EDITION_WIDE_MODELS:
        model = apps.get_model(label)
        pre_save.connect(note_whether_changed, sender=model, dispatch_uid=f"purge-p{label}")
        post_save.connect(on_edition_wide_change, sender=model, dispatch_uid=f"purge-{label}")
        post_delete.connect(on_edition_wide_change, sender=model, dispatch_uid=f"purge-d{label}")
    post_save.connect(
        on_translation_linked,
        sender=apps.get_model("news.ArticlePage"),
        dispatch_uid="nashra-purge-translation-linked",
    )
    site = apps.get_model("wagtailcore.Site")
    post_save.connect(on_site_change, sender=site, dispatch_uid="purge-site")
    post_delete.connect(on_site_change, sender=site, dispatch_uid="purge-d-site")
    restriction = apps.get_model("wagtailcore.PageViewRestriction")
    post_save.connect(on_view_restriction_change, sender=restriction, dispatch_uid="purge-pvr")
    post_delete.connect(on_view_restriction_change, sender=restriction, dispatch_uid="purge-dpvr")
    correction = apps.get_model("corrections.Correction")
    post_save.connect(on_correction_change, sender=correction, dispatch_uid="purge-correction")
    post_delete.connect(on_correction_change, sender=correction, dispatch_uid="purge-d-correction")
