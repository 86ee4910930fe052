"""Snippet admin whose every view keeps to the user's scope (see nashra.core.permissions).

Wagtail's snippet views check model permissions only: "may change topics", not "may change
this topic". A scoped viewset lists only the objects in the user's scope, refuses every view
of an object outside it (edit, delete, history, usage, revisions…), offers only the user's
editions and pages in its forms, and refuses a posted object that lands outside the scope, so
a forged form is refused too.
"""

from functools import cache

from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import yesno
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .concurrency import StaleEditGuardMixin
from .permissions import ScopedPermissionPolicy


class ScopedViewMixin:
    """Keep a snippet view to the objects the user may act on."""

    def _actions_required(self):
        if self.permission_required:
            return [self.permission_required]
        return list(self.any_permission_required or ["change"])

    def get_object(self, *args, **kwargs):
        # Wagtail's views differ: some take a queryset, the usage and history views nothing.
        instance = super().get_object(*args, **kwargs)
        if instance is None or instance.pk is None:
            return instance  # a create view's blank object: its form_valid checks it
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self._actions_required(), instance
        ):
            raise PermissionDenied
        return instance

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        self.permission_policy.narrow_form(form, self.request.user)
        return form

    def form_valid(self, form):
        # The form's choices are narrowed already; this catches what they cannot, such as a
        # create view's ?locale= naming another edition.
        instance = getattr(form, "instance", None)
        if instance is not None and not self.permission_policy.scope.allows(
            self.request.user, instance
        ):
            self.produced_error_message = _(
                "That belongs to an edition or section outside your desk."
            )
            form.add_error(None, self.produced_error_message)
            return self.form_invalid(form)
        return super().form_valid(form)


class ScopedChooserMixin:
    """Keep a snippet chooser (list, search, choose, create) to the user's scope."""

    @property
    def _scope(self):
        # Not every chooser view takes a permission policy; the model's viewset has it.
        return self.model_class.snippet_viewset.permission_policy.scope

    def _in_scope(self, queryset):
        return self._scope.filter(queryset, self.request.user)

    def get_object_list(self):
        return self._in_scope(super().get_object_list())

    def get_object(self, pk):
        return self._in_scope(self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self._in_scope(super().get_objects(pks))

    def save_form(self, form):
        if not self._scope.allows(self.request.user, form.instance):
            raise PermissionDenied
        return super().save_form(form)


@cache
def scoped(view_class, mixin=ScopedViewMixin):
    """Return view_class with the mixin in front, made once per class."""
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), {})


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped(view_class, ScopedChooserMixin), **kwargs)


class YesNoColumn(Column):
    """A yes/no field read in the admin's language, where Wagtail prints "True" or "False"."""

    def get_value(self, instance):
        return yesno(super().get_value(instance))


def yes_no_column(model, name):
    """Return the listing column of a model's yes/no field, labelled and sorted as Wagtail's."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    return YesNoColumn(name, label=label, sort_key=name)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose permissions hold only within ``scope``."""

    scope = None  # an EditionScope or ArticleScope

    @cached_property
    def permission_policy(self):
        return ScopedPermissionPolicy(self.model, self.scope)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return self.scope.filter(queryset, request.user)

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, EditView):  # the edit view, and the revert view built on it
            view_class = scoped(view_class, StaleEditGuardMixin)
        return super().construct_view(scoped(view_class), **kwargs)

    @property
    def chooser_viewset(self):
        return ScopedSnippetChooserViewSet(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            permission_policy=self.permission_policy,
        )
