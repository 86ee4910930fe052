"""What uses an object, so that nothing in use is deleted without a word.

Wagtail's reference index follows foreign keys, StreamField choosers and rich-text links. It
does not follow many-to-many relations (wagtail#9629), and it never reads revisions, so a
draft's choices are invisible to it. A floor above this one that holds such relations
registers a :class:`UsageFinder` for them (the news app: the topics, sources and authors of
articles, published or draft). The admin views of this package ask the finders and
Wagtail's index together, show every user of an object, and refuse to delete one in use.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.models.reference_index import ReferenceGroups

_finders = []


class UsageFinder:
    """Tells which objects use objects of some models; registered by the floor holding them."""

    def handles(self, model):
        """Return whether this finder knows of uses of the model's objects."""
        raise NotImplementedError

    def find(self, objects):
        """Return {object: [(holder, [Use, …]), …]} for objects of one model, in a few queries."""
        raise NotImplementedError

    def indexed(self, model):
        """Return a filter for the rows of Wagtail's index this finder reports itself, or None."""
        return None

    def move(self, doomed, keep):
        """Make everything that uses ``doomed`` use ``keep`` instead; return how many moved."""
        raise NotImplementedError


def register_finder(finder):
    if all(type(known) is not type(finder) for known in _finders):
        _finders.append(finder)


def finders_for(model):
    return [finder for finder in _finders if finder.handles(model)]


def is_protected_model(model):
    """Return whether some finder reports uses of the model's objects."""
    return bool(finders_for(model))


@dataclass(frozen=True)
class Use:
    """One object using another, read like a row of Wagtail's reference index.

    ``pending`` means the use is only in revisions not yet live: a draft, or a revision
    scheduled to publish. A use always prevents deletion.
    """

    holder: models.Model
    field_label: str
    content_path: str
    pending: bool = False

    on_delete = models.PROTECT

    @property
    def model_name(self):
        return self.holder._meta.verbose_name

    def describe_source_field(self):
        if self.pending:
            return _("%(field)s (unpublished changes)") % {"field": self.field_label}
        return self.field_label

    def describe_on_delete(self):
        return _("prevents deletion")


class Usage:
    """Everything that uses one object, grouped by user like Wagtail's ``ReferenceGroups``.

    Iterating yields ``(holder, references)``; ``count()`` and slicing serve Wagtail's usage
    listing and its paginator, ``is_protected`` its delete views.
    """

    def __init__(self, found=(), indexed=None):
        self.found = list(found)
        self.indexed = indexed if indexed is not None else ReferenceGroups([])

    @cached_property
    def _groups(self):
        # Iterating Wagtail's groups fetches each source object: only the few the finders
        # do not cover (foreign keys from other models) are left in it.
        return self.found + list(self.indexed)

    def __iter__(self):
        return iter(self._groups)

    def __getitem__(self, key):
        return self._groups[key]

    def __len__(self):
        return len(self.found) + len(self.indexed)

    def count(self):
        return len(self)

    @cached_property
    def is_protected(self):
        return bool(self.found) or self.indexed.is_protected

    @property
    def holders(self):
        """Return the objects whose use prevents deletion, with their uses."""
        return self.found


def usage_in_bulk(objects):
    """Return {object: Usage} for objects of one model: the finders' and Wagtail's index."""
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    found = {obj: [] for obj in objects}
    covered = models.Q(pk__in=[])
    for finder in finders_for(model):
        for obj, groups in finder.find(objects).items():
            found[obj].extend(groups)
        if (rows := finder.indexed(model)) is not None:
            covered |= rows
    by_target = defaultdict(list)
    for reference in ReferenceIndex.get_references_to_in_bulk(objects).exclude(covered):
        by_target[reference.to_object_id].append(reference)
    return {obj: Usage(found[obj], ReferenceGroups(by_target[str(obj.pk)])) for obj in objects}


def usage_of(obj):
    """Return the Usage of one object."""
    return usage_in_bulk([obj])[obj]
