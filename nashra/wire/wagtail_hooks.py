from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .services import TAKE_ACTION
from .viewsets import WireViewSetGroup


@hooks.register("register_admin_viewset")
def register_wire_desk():
    return WireViewSetGroup()


@hooks.register("register_log_actions")
def register_wire_log_actions(actions):
    actions.register_action(TAKE_ACTION, _("Take from the wire"), _("Taken from the wire"))
