"""Wagtail's bulk delete of snippets, refusing the whole batch when one of it is in use."""

from django.shortcuts import redirect
from django.utils.functional import classproperty
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from . import is_protected_model, usage_in_bulk
from .views import describe_holders, refusal_message


class ProtectedDeleteBulkAction(DeleteBulkAction):
    template_name = "core/usage/confirm_bulk_delete.html"

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if is_protected_model(model)]

    def check_perm(self, snippet):
        # The viewset's policy, which may hold per object (an edition's desk), not the model's.
        policy = self.model.snippet_viewset.permission_policy
        return policy.user_has_permission_for_instance(self.request.user, "delete", snippet)

    def annotate_items(self, items):
        # In place of Wagtail's reference index alone, which misses articles and drafts.
        self.object_references = usage_in_bulk(items)
        self.is_protected = False
        for item in items:
            item._usage_references = self.object_references[item]
            self.is_protected = self.is_protected or item._usage_references.is_protected
        return items

    def object_context(self, snippet):
        context = super().object_context(snippet)
        if context["is_protected"]:
            context["in_use"] = describe_holders(snippet._usage_references, self.request.user)
        return context

    def prepare_action(self, objects, objects_without_access):
        if not self.is_protected:
            return super().prepare_action(objects, objects_without_access)
        for obj in objects:
            usage = obj._usage_references
            if usage.is_protected:
                messages.error(self.request, refusal_message(obj, usage, self.request.user))
        return redirect(self.request.get_full_path())
