import json
import time

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page


class Command(BaseCommand):
    help = _(
        "Publish a new headline for one page the way an editor does, and print when the "
        "publish began and ended (for make bench's publish-to-visible figure)."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help=_("The page to publish."))
        parser.add_argument("headline", help=_("Its new headline."))

    def handle(self, *args, **options):
        try:
            page = Page.objects.get(pk=options["page_id"]).specific
        except Page.DoesNotExist as error:
            raise CommandError(_("No page has that id.")) from error
        page.title = page.draft_title = options["headline"]
        started = time.time()
        # The editor's path: a new revision, then its publish, which commits and then sends
        # page_published, so every purge hooked on it runs as it would from the admin.
        revision = page.save_revision(log_action=True)
        revision.publish(log_action=True)
        ended = time.time()
        self.stdout.write(json.dumps({"started": started, "ended": ended, "url": page.url}))
