from wagtail import hooks

from . import services
from .embargo import schedule_instead_of_publishing, warn_of_embargo
from .panels import OverdueSchedulePanel

hooks.register("before_publish_page", schedule_instead_of_publishing)
hooks.register("before_edit_page", warn_of_embargo)


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    panels.append(OverdueSchedulePanel(services.overdue_items()))
