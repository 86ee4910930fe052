import json
import sys
import time

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page


class Command(BaseCommand):
    help = _(
        "Publish a new headline for one page the way an editor does, and print when the "
        "publish began and ended (for make bench's publish-to-visible figure). With --lines, "
        "publish one 'page id<TAB>headline' line of the input after another in this one "
        "process, as an editor's publishes run in a server process that is already up."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, nargs="?", help=_("The page to publish."))
        parser.add_argument("headline", nargs="?", help=_("Its new headline."))
        parser.add_argument(
            "--lines", action="store_true", help=_("Read 'page id<TAB>headline' lines.")
        )

    def handle(self, *args, page_id, headline, lines, **options):
        if lines:
            for number, line in enumerate(sys.stdin, start=1):
                page_id, _tab, headline = line.rstrip("\n").partition("\t")
                if not page_id.isdigit() or not headline:
                    raise CommandError(
                        _("Line %(number)d is not 'page id<TAB>headline'.") % {"number": number}
                    )
                self.publish(int(page_id), headline)
            return
        if page_id is None or not headline:
            raise CommandError(_("Give a page id and a headline, or --lines."))
        self.publish(page_id, headline)

    def publish(self, page_id, headline):
        try:
            page = Page.objects.get(pk=page_id).specific
        except Page.DoesNotExist as error:
            raise CommandError(_("No page has that id.")) from error
        page.title = page.draft_title = headline
        started = time.time()
        # The editor's path: a new revision, then its publish, which commits and then sends
        # page_published, so every purge hooked on it runs as it would from the admin.
        revision = page.save_revision(log_action=True)
        revision.publish(log_action=True)
        ended = time.time()
        self.stdout.write(json.dumps({"started": started, "ended": ended, "url": page.url}))
        self.stdout.flush()
