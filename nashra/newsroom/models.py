from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy


class SectionEditorTask(Task):
    """A review step anyone who may publish the page can act on: its section's editors and
    its edition's chief editor. Who that is follows the page tree, not a fixed list of groups.
    """

    class Meta:
        verbose_name = _("section editor review")
        verbose_name_plural = _("section editor reviews")

    @staticmethod
    def _can_publish(obj, user):
        return isinstance(obj, Page) and obj.permissions_for_user(user).can_publish()

    def user_can_access_editor(self, obj, user):
        return self._can_publish(obj, user)

    def locked_for_user(self, obj, user):
        # The writer waits for the verdict; the reviewer may still fix a typo before approving.
        return not self._can_publish(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_publish(obj, user)

    def get_actions(self, obj, user):
        if not self._can_publish(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),  # Wagtail adds "and Publish" on the last task
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_active:
            return states.none()
        if user.is_superuser:
            return states
        publishable = (
            PagePermissionPolicy()
            .instances_user_has_any_permission_for(user, ["publish"])
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=publishable,
        )

    @classmethod
    def get_description(cls):
        return _("Editors who may publish the page, in its section or edition, review it")
