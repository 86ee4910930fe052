"""Wagtail's searches answered from the tables themselves: Nashra keeps one full-text index.

That index is the site search's (SearchEntry, `backends`): live, public articles, with Arabic
folding and stemming. Wagtail's searches are the editors': the page search and explorer, the
page, snippet and image choosers, the snippet and image listings. They look for a title or a
name among drafts, scheduled and private pages, sections, topics, authors, sources and images,
which the site search's index leaves out on purpose (readers must never find a draft). Wagtail's
own database backend answered them from a second index of every page and snippet, rewritten on
every save, of which these searches only ever read the titles and names.

This backend keeps nothing: it is Wagtail's fallback database backend (every word of the query
must appear, as a substring, in one of the fields; nothing written on save), changed so that
editors see what they saw before:

- it matches the fields Wagtail's index matched: autocomplete searches (every admin search) the
  AutocompleteFields, including those of related objects (an image's tags), whole-word searches
  the SearchFields; only text columns, since a StreamField's JSON is no text to match;
- a view may name any text column of its model to search (the topic listing searches slugs),
  and filter or sort on any field: the table answers what an index could not;
- results sorted "by relevance" come in a stable order, the model's own (topics, authors and
  sources by name) or newest first, instead of the page tree's order.

A substring match suits Arabic titles: حديدة finds الحديدة, the article joined to the word, which
the old index's word prefixes did not.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.search import index
from wagtail.search.backends.base import SearchFieldError
from wagtail.search.backends.database.fallback import (
    MATCH_NONE,
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)
from wagtail.search.query import Phrase, PlainText


def _text_field(model, name):
    """Return the model's text column of that name, or None."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.CharField | models.TextField) else None


def _lookups(model, search_fields, kind, prefix=""):
    """Yield the lookups of a model's text fields of a kind (SearchField, AutocompleteField)."""
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = model._meta.get_field(field.field_name).related_model
            yield from _lookups(related, field.fields, kind, f"{prefix}{field.field_name}__")
        elif isinstance(field, kind) and _text_field(model, field.field_name):
            yield prefix + field.field_name


class TableSearchQueryCompiler(DatabaseSearchQueryCompiler):
    field_kind = index.SearchField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.order_by_relevance:
            # No score to sort by; the page tree's order (Page.objects's) would put the oldest
            # story of each section first.
            model = self.queryset.model
            self.queryset = self.queryset.order_by(*(model._meta.ordering or ["-pk"]))

    def get_fields_names(self):
        if self.fields:
            return [name for name in self.fields if _text_field(self.queryset.model, name)]
        model = self.queryset.model
        return list(dict.fromkeys(_lookups(model, model.get_search_fields(), self.field_kind)))

    def build_database_filter(self, query, boost=1.0):
        if not self.fields_names and isinstance(query, PlainText | Phrase):
            return MATCH_NONE  # no field to look in (the base class would match everything)
        return super().build_database_filter(query, boost)

    def check(self):
        """Refuse only fields that are no text column; any filter and ordering will do."""
        for name in self.fields or []:
            if not _text_field(self.queryset.model, name):
                raise SearchFieldError(
                    f'Cannot search with field "{name}": {self.queryset.model.__name__} '
                    "has no text column of that name.",
                    field_name=name,
                )


class TableAutocompleteQueryCompiler(TableSearchQueryCompiler):
    field_kind = index.AutocompleteField


class SearchBackend(DatabaseSearchBackend):
    """Search the tables; index nothing (the base class's index and add() do nothing)."""

    query_compiler_class = TableSearchQueryCompiler
    autocomplete_query_compiler_class = TableAutocompleteQueryCompiler
    results_class = DatabaseSearchResults
    rebuilder_class = None
