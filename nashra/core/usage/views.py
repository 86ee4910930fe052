"""Snippet admin that deletes nothing in use, shows every use, and merges one into another."""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.views import snippets

from . import usage_of
from .services import merge

SHOWN = 20  # users listed on a confirmation page; the usage view lists them all
NAMED = 5  # users named in a message


def describe_holders(usage, user, limit=SHOWN):
    """Return what prevents deletion, for a template: title, edit link, kind, status.

    An object the user may not edit is named only by its kind, as Wagtail's usage view does:
    its title may be an embargoed headline of another desk.
    """
    finder = AdminURLFinder(user)
    rows = []
    for holder, uses in usage.holders[:limit]:
        url = finder.get_edit_url(holder)
        rows.append(
            {
                "title": get_latest_str(holder) if url else private_label(holder),
                "url": url,
                "kind": capfirst(holder._meta.verbose_name),
                "status": status_of(holder, uses),
            }
        )
    return rows


def status_of(holder, uses):
    if getattr(holder, "live", True) is False:
        return _("draft")
    if all(use.pending for use in uses):
        return _("unpublished changes")
    return ""


def private_label(holder):
    return _("(Private %(object)s)") % {"object": holder._meta.verbose_name}


def refusal_message(obj, usage, user):
    """Say that ``obj`` was kept, and what uses it."""
    rows = describe_holders(usage, user, limit=NAMED)
    names = [f"“{row['title']}”" for row in rows]
    more = len(usage.holders) - len(rows)
    if more > 0:
        names.append(ngettext("%(count)s more", "%(count)s more", more) % {"count": more})
    return _("“%(object)s” is in use and was not deleted. It is used by %(users)s.") % {
        "object": obj,
        "users": get_text_list(names, _("and")),
    }


def in_use_context(view, usage):
    return {
        "is_protected": usage.is_protected,
        "in_use": describe_holders(usage, view.request.user) if usage.is_protected else [],
        "in_use_more": max(0, len(usage.holders) - SHOWN),
    }


class ProtectedDeleteView(snippets.DeleteView):
    """Wagtail's snippet delete view, which refuses to delete an object in use."""

    in_use_template_name = "core/usage/confirm_delete.html"
    merge_url_name = None

    def get_template_names(self):
        return [self.in_use_template_name, *super().get_template_names()]

    def get_usage(self):
        return usage_of(self.object)

    def get_merge_url(self):
        if self.merge_url_name:
            return reverse(self.merge_url_name, args=(quote(self.object.pk),))
        return None

    def form_valid(self, form):
        if self.usage.is_protected:
            messages.error(
                self.request, refusal_message(self.object, self.usage, self.request.user)
            )
            return redirect(self.get_delete_url())
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(in_use_context(self, self.usage))
        context["usage_count"] = self.usage.count()
        if self.usage.is_protected:
            context["merge_url"] = self.get_merge_url()
        return context


class UsageView(snippets.UsageView):
    """Wagtail's usage listing, with the uses its reference index cannot see (drafts)."""

    def get_object(self, queryset=None):
        # Wagtail's takes no argument; a wrapping view may pass one.
        return super().get_object()

    def get_queryset(self):
        return usage_of(self.object)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Merge into"),
        help_text=gettext_lazy("One of the same edition. What used the other will use it."),
    )

    def __init__(self, *args, doomed, **kwargs):
        super().__init__(*args, **kwargs)
        choices = type(doomed)._default_manager.exclude(pk=doomed.pk)
        if hasattr(doomed, "locale_id"):
            choices = choices.filter(locale_id=doomed.locale_id)
        self.fields["into"].queryset = choices


class MergeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Move every use of an object to another of its edition, then delete it."""

    model = None
    permission_policy = None
    permission_required = "delete"
    form_class = MergeForm
    template_name = "core/usage/merge.html"
    page_title = gettext_lazy("Merge")
    header_icon = "resubmit"
    index_url_name = None
    edit_url_name = None
    usage_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()

    def get_object(self, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        obj = get_object_or_404(queryset, pk=unquote(str(self.kwargs["pk"])))
        if not self.user_has_permission_for_instance(self.permission_required, obj):
            raise PermissionDenied
        return obj

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": capfirst(self.model._meta.verbose_name_plural),
                }
            )
        if self.edit_url_name:
            edit_url = reverse(self.edit_url_name, args=(quote(self.object.pk),))
            items.append({"url": edit_url, "label": str(self.object)})
        items.append({"url": "", "label": self.get_page_title(), "sublabel": str(self.object)})
        return self.breadcrumbs_items + items

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "doomed": self.object}

    def form_valid(self, form):
        keep = form.cleaned_data["into"]
        try:
            moved = merge(self.object, keep, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "“%(merged)s” was merged into “%(kept)s”: %(count)s use moved.",
                "“%(merged)s” was merged into “%(kept)s”: %(count)s uses moved.",
                moved,
            )
            % {"merged": self.object, "kept": keep, "count": moved},
        )
        if self.index_url_name:
            return redirect(self.index_url_name)
        return redirect("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usage = usage_of(self.object)
        context.update(in_use_context(self, usage))
        context["object"] = self.object
        if self.usage_url_name:
            context["usage_url"] = reverse(self.usage_url_name, args=(quote(self.object.pk),))
        return context


class InUseProtectionMixin:
    """For a SnippetViewSet: delete nothing in use, count every use, offer a merge."""

    delete_view_class = ProtectedDeleteView
    usage_view_class = UsageView
    merge_view_class = MergeView

    @property
    def merge_view(self):
        return self.construct_view(self.merge_view_class)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(merge_url_name=self.get_url_name("merge"), **kwargs)

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"merge/<{conv}:pk>/", self.merge_view, name="merge"),
        ]
