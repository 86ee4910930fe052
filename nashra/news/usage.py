"""Which articles use a topic, a source or an author: on the page, in a draft or scheduled.

An article holds them in ParentalManyToManyFields. The relation's rows hold the version on
the page: the published one, or a never-published draft as it was first saved. A newer
draft, or a revision scheduled to go live, holds them only in its revision's content
(``{"topics": [3, 7], …}``, the ids in a list). Publishing such a revision drops an id that
no longer exists without a word, so a use there counts as much as a row.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils.text import capfirst
from wagtail.models import ReferenceIndex, Revision, get_page_models
from wagtail.signal_handlers import update_reference_index_on_save

from nashra.core.usage import UsageFinder, Use, register_finder

from .models import ArticlePage

RELATIONS = ("topics", "sources", "authors")


def article_content_types():
    """Return the content types of articles: ArticlePage and every page type built on it.

    Revisions and Wagtail's reference index name a page by its own type (a live page's).
    """
    models = [model for model in get_page_models() if issubclass(model, ArticlePage)]
    return list(ContentType.objects.get_for_models(*models).values())


def relation_to(model):
    """Return the article field holding objects of the model, or None."""
    for name in RELATIONS:
        field = ArticlePage._meta.get_field(name)
        if field.related_model is model:
            return field
    return None


def pending_revisions():
    """Return the article revisions that may still go live: unpublished drafts, scheduled ones."""
    drafts = ArticlePage.objects.filter(has_unpublished_changes=True).values("latest_revision")
    scheduled = Q(
        approved_go_live_at__isnull=False,
        content_type__in=article_content_types(),
    )
    return Revision.objects.filter(Q(pk__in=drafts) | scheduled)


@dataclass(frozen=True)
class ArticleUse:
    article: ArticlePage
    on_page: bool  # in the relation's rows
    pending: bool  # in a draft or scheduled revision


def articles_using(objects):
    """Return {object: [ArticleUse, …]} for topics, sources or authors (one model at a time).

    Three queries however many articles: the rows, the pending revisions' ids, the articles.
    """
    objects = list(objects)
    if not objects:
        return {}
    field = relation_to(type(objects[0]))
    by_pk = {obj.pk: obj for obj in objects}
    found = {}  # (object pk, article pk) -> [on_page, pending]

    article_column, target_column = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(**{f"{target_column}__in": list(by_pk)})
    for article_pk, target_pk in rows.values_list(f"{article_column}_id", f"{target_column}_id"):
        found.setdefault((target_pk, article_pk), [False, False])[0] = True

    listed = pending_revisions().values_list("object_id", f"content__{field.name}")
    for article_id, pks in listed:
        for target_pk in set(pks or ()) & by_pk.keys():
            found.setdefault((target_pk, int(article_id)), [False, False])[1] = True

    articles = ArticlePage.objects.filter(pk__in={article for _, article in found})
    articles = {article.pk: article for article in articles.defer_streamfields()}
    uses = {obj: [] for obj in objects}
    for (target_pk, article_pk), (on_page, pending) in found.items():
        if article_pk in articles:
            uses[by_pk[target_pk]].append(ArticleUse(articles[article_pk], on_page, pending))
    for listing in uses.values():
        listing.sort(key=lambda use: (use.article.draft_title.casefold(), use.article.pk))
    return uses


def move_articles(doomed, keep):
    """Make every article using ``doomed`` use ``keep``: rows and pending revisions alike.

    Return the number of articles changed. Past revisions are history and stay as they were;
    restoring one offers the form again, without the merged object.
    """
    field = relation_to(type(doomed))
    article_column, target_column = field.m2m_field_name(), field.m2m_reverse_field_name()
    through = field.remote_field.through
    rows = through.objects.filter(**{target_column: doomed})
    moved = set(rows.values_list(f"{article_column}_id", flat=True))
    holding_keep = set(
        through.objects.filter(**{target_column: keep}).values_list(
            f"{article_column}_id", flat=True
        )
    )
    rows.exclude(**{f"{article_column}_id__in": holding_keep}).update(**{target_column: keep})
    rows.delete()  # those left were on articles that held both
    _move_index_rows(field, doomed, keep, moved - holding_keep)

    listed = pending_revisions().values_list("pk", f"content__{field.name}")
    revision_pks = [pk for pk, pks in listed if doomed.pk in (pks or ())]
    revisions = list(Revision.objects.filter(pk__in=revision_pks))
    for revision in revisions:
        pks = [keep.pk if pk == doomed.pk else pk for pk in revision.content[field.name]]
        revision.content[field.name] = list(dict.fromkeys(pks))
        moved.add(int(revision.object_id))
    Revision.objects.bulk_update(revisions, ["content"])
    return len(moved)


class ArticleUsageFinder(UsageFinder):
    def handles(self, model):
        return relation_to(model) is not None

    def find(self, objects):
        uses = articles_using(objects)
        if not uses:
            return {}
        field = relation_to(type(next(iter(uses))))
        label = capfirst(field.verbose_name)
        return {
            obj: [
                (use.article, [Use(use.article, label, field.name, pending=not use.on_page)])
                for use in listing
            ]
            for obj, listing in uses.items()
        }

    def indexed(self, model):
        field = relation_to(model)
        return Q(
            content_type__in=article_content_types(),
            model_path=_index_path(field),
        )

    def move(self, doomed, keep):
        return move_articles(doomed, keep)


# Wagtail's reference index: the relation's rows, so that its own "Usage" counts are right.
# It reads references from any field with an ``extract_references`` method, and indexes a
# page on post_save, before django-modelcluster writes the page's many-to-many rows:
# each change of the rows indexes the article again.


def _index_path(field):
    return f"{field.name}.item"


def _extractor(field):
    def extract_references(value):
        for item in value:
            yield field.related_model, str(item.pk), "item", "item"

    return extract_references


def _move_index_rows(field, doomed, keep, article_pks):
    ReferenceIndex.objects.filter(
        content_type__in=article_content_types(),
        model_path=_index_path(field),
        to_object_id=str(doomed.pk),
        object_id__in=[str(pk) for pk in article_pks],
    ).update(to_object_id=str(keep.pk))


def reindex_articles(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    articles = ArticlePage.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for article in articles:
        update_reference_index_on_save(instance=article)


def connect():
    """Register the article finder and index the relations; called once, from the app's ready()."""
    register_finder(ArticleUsageFinder())
    for name in RELATIONS:
        field = ArticlePage._meta.get_field(name)
        field.extract_references = _extractor(field)
        m2m_changed.connect(
            reindex_articles, sender=field.remote_field.through, dispatch_uid=f"usage-{name}"
        )
