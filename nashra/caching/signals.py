"""What purges what: every way a change reaches readers ends in one of these handlers.

Publishing, scheduled publishing (the worker publishes through the same Wagtail methods),
unpublishing, moving, renaming and deleting an article purge the pages it shows on. A
change to anything every page of an edition shows (its home or sections, the menu, and
the models apps register with ``purge_edition_on_change``: the site settings, a breaking
line, the home's curation, a topic, author or source) purges the whole edition.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import purge
from .registry import is_article


def _language(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else None


def purge_for_page(page):
    page = page.specific_deferred if type(page) is Page else page
    if is_article(page):
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
    if instance.live:
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
    if is_article(page):
        purge.on_commit(purge.for_article(page))
    else:
        purge.on_commit(purge.for_every_edition())


def on_site_change(sender, instance, **kwargs):
    """A site's host or root changes every page's links: purge every edition."""
    purge.on_commit(purge.for_every_edition())


def purge_edition_on_change(model):
    """Purge the edition of a ``model`` row (its ``locale``) whenever one changes."""
    uid = f"purge-edition-{model._meta}"
    pre_save.connect(note_whether_changed, sender=model, dispatch_uid=uid)
    post_save.connect(on_edition_wide_change, sender=model, dispatch_uid=uid)
    post_delete.connect(on_edition_wide_change, sender=model, dispatch_uid=uid)


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="nashra-purge-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="nashra-purge-unpublished")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="nashra-purge-slug")
    post_page_move.connect(on_move, dispatch_uid="nashra-purge-move")
    for model in get_page_models():
        pre_delete.connect(before_delete, sender=model, dispatch_uid="nashra-purge-delete")
    for signal in (post_save, post_delete):
        signal.connect(on_site_change, sender=Site, dispatch_uid="purge-site")
        signal.connect(on_view_restriction_change, sender=PageViewRestriction, dispatch_uid="pvr")
