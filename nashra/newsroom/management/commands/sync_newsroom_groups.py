from django.core.management import BaseCommand
from django.utils.translation import gettext as _

from nashra.newsroom.services import sync_newsroom_groups


class Command(BaseCommand):
    help = _("Create the newsroom groups and review workflow for every edition and section.")

    def handle(self, *args, **options):
        count = sync_newsroom_groups()
        self.stdout.write(
            self.style.SUCCESS(_("Newsroom groups in step for %(count)d pages.") % {"count": count})
        )
