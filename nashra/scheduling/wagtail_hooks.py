from wagtail import hooks

from . import services
from .embargo import schedule_instead_of_publishing, warn_of_embargo
from .panels import OverdueSchedulePanel, may_act_on

hooks.register("before_publish_page", schedule_instead_of_publishing)
hooks.register("before_edit_page", warn_of_embargo)


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    # Each person sees what they may publish or unpublish, not the whole network's backlog.
    items = [item for item in services.overdue_items() if may_act_on(request.user, item.object)]
    panels.append(OverdueSchedulePanel(items))
