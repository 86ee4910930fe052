"""Reindex on every change a reader could search for."""

from django.db import transaction
from wagtail.models import Page

from nashra.news.models import ArticlePage

from . import indexing
from .names import forget_names


def article_published(sender, instance, **kwargs):
    indexing.index_article(instance)


def article_unpublished(sender, instance, **kwargs):
    indexing.remove_articles([instance.pk])


def article_deleted(sender, instance, **kwargs):
    indexing.remove_articles([instance.pk])


def page_moved(sender, instance, **kwargs):
    """A moved section or article changes path: the section filter must follow it.

    Moved under a private section, it leaves the index; out of one, it comes back.
    """
    indexing.reindex_below(instance)


def view_restriction_changed(sender, instance, **kwargs):
    """A page made private takes every article below it out of the index; lifted, back in.

    Once committed: a restriction deleted along with its page then leaves nothing to index.
    """
    page_id = instance.page_id

    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            indexing.reindex_below(page)

    transaction.on_commit(reindex)


def _names(instance):
    return (instance.name, getattr(instance, "aliases", ""))


def names_saving(sender, instance, **kwargs):
    """Note whether a topic's or an author's names change: only then are its articles indexed."""
    if instance.pk is None:
        instance._search_names_changed = False  # a new topic or author has no articles yet
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._search_names_changed = old is None or _names(old) != _names(instance)


def names_changed(sender, instance, **kwargs):
    """A renamed topic or author, or one with new spellings, is searched for by its new names."""
    forget_names()
    if not getattr(instance, "_search_names_changed", False):
        return
    field = "topics" if sender._meta.model_name == "topic" else "authors"
    transaction.on_commit(
        lambda: indexing.index_articles(ArticlePage.objects.filter(**{field: instance}))
    )
