from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content, the benchmark archive and their commands: for dev, test and bench only.

    Production settings leave this app out, so ``load_demo`` and the archive generator (which
    writes pages with raw SQL) cannot run against a newsroom's database by mistake.
    """

    name = "nashra.demo"
    label = "demo"
    verbose_name = _("Demo content")
