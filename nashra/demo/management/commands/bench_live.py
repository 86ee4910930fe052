"""`make bench`'s live coverage (scripts/bench.py, its live phase).

Two live pages under the first English section: one with 2,000 updates, one with 20. What a
first render of each costs in queries and bytes; and updates posted as an editor posts them,
each timed from the start of the post to its commit.
"""

import datetime
import gzip
import json
import random
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from nashra.demo.archive.words import Vocabulary
from nashra.live import services
from nashra.live.models import LivePage, LiveUpdate
from nashra.news.models import SectionPage
from nashra.people.models import Author
from nashra.search.indexing import index_article

# The JSON keys' prefix of each page, its slug and how many updates it starts with.
PAGES = {"": ("bench-live-coverage", 2000), "small_": ("bench-live-coverage-small", 20)}
KEY_EVENT_EVERY = 50  # one update in fifty is a key event, with a title: the page's index
EDITOR = "bench-editor"  # the superuser who posts, made when the archive has none
GZIP_LEVEL = 6  # Varnish's (do_gzip)


class Command(BaseCommand):
    help = (
        "Make bench's live pages (--prepare), count the queries and bytes of their first "
        "render (--queries), or post updates as an editor does and print when each post "
        "began and ended (--lines: 'page id<TAB>marker' lines)."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument(
            "--prepare",
            action="store_true",
            help="Make the two live pages, or give them their first updates again.",
        )
        actions.add_argument(
            "--queries",
            action="store_true",
            help="Print the queries and HTML size of each page's first render.",
        )
        actions.add_argument(
            "--lines",
            action="store_true",
            help="Post an update with each marker of 'page id<TAB>marker' lines.",
        )

    def handle(self, *args, prepare, queries, lines, **options):
        if prepare:
            self.print(self.prepare())
        elif queries:
            self.print(self.first_renders())
        else:
            self.post_lines()

    def print(self, figures):
        self.stdout.write(json.dumps(figures))
        self.stdout.flush()

    # -- --prepare ----------------------------------------------------------------------

    def prepare(self):
        section = self.section()
        figures = {}
        for prefix, (slug, count) in PAGES.items():
            page = self.live_page(section, slug, count)
            figures[f"{prefix}page_id"] = page.pk
            figures[f"{prefix}url"] = page.get_url_parts()[2]
        return figures

    def section(self):
        section = (
            SectionPage.objects.live().filter(locale__language_code="en").order_by("path").first()
        )
        if section is None:
            raise CommandError("The archive has no English section: run load_demo first.")
        return section

    def live_page(self, section, slug, count):
        """The live page of this slug, made if missing, with ``count`` updates and no other."""
        now = timezone.now()
        page = LivePage.objects.child_of(section).filter(slug=slug).first()
        if page is None:
            started = now - datetime.timedelta(minutes=count + 1)
            vocabulary = Vocabulary("en", random.Random(count))  # noqa: S311 -- not a secret
            page = LivePage(
                title=f"Live: {vocabulary.title()}",
                slug=slug,
                lead=vocabulary.lead(),
                published_at=started,
                coverage_starts_at=started,
            )
            section.add_child(instance=page)
            page.save_revision().publish()
        # Each run starts from the same updates: what the last run's --lines posted goes.
        with transaction.atomic():
            page.updates.all().delete()
            LiveUpdate.objects.bulk_create(self.updates(page, count, now), batch_size=500)
        index_article(page)  # with its updates' text, as the demo's live pages are
        return page

    def updates(self, page, count, now):
        """``count`` published updates, one a minute, the newest a minute old."""
        rng = random.Random(count)  # noqa: S311 -- the same updates on every run
        vocabulary = Vocabulary("en", rng)
        authors = list(Author.objects.filter(locale=page.locale).order_by("pk")) or [None]
        for number in range(count):
            published = now - datetime.timedelta(minutes=count - number)
            key_event = number % KEY_EVENT_EVERY == 0
            update = LiveUpdate(
                page=page,
                status=LiveUpdate.Status.PUBLISHED,
                published_at=published,
                created_at=published,
                title=vocabulary.title() if key_event else "",
                body=[
                    ("paragraph", f"<p>{vocabulary.paragraph()}</p>")
                    for _paragraph in range(rng.randint(1, 3))
                ],
                author=authors[number % len(authors)],
                is_key_event=key_event,
            )
            update.make_search_terms()  # bulk_create calls no save(), which makes them
            yield update

    # -- --queries ----------------------------------------------------------------------

    def first_renders(self):
        """Each page as an anonymous reader's first request renders it, the caches empty.

        The caches are this process's own memory, emptied before each render: emptying the
        configured ones would empty a shared Redis database, other runs' keys and all. One
        render of each first, so both are measured with the templates compiled and the
        process's own lookups (content types, the site) made.
        """
        section = self.section()
        pages = {
            prefix: LivePage.objects.child_of(section).get(slug=slug)
            for prefix, (slug, _count) in PAGES.items()
        }
        empty = {
            alias: {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"bench-live-{alias}",
            }
            for alias in settings.CACHES
        }
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else None)
        figures = {}
        with override_settings(NASHRA_PAGE_CACHE=False, CACHES=empty):
            for page in pages.values():
                self.render(client, page)
            for prefix, page in pages.items():
                for cache in caches.all():
                    cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    html = self.render(client, page)
                figures[f"{prefix}page_id"] = page.pk
                figures[f"{prefix}updates"] = page.updates.published().count()
                figures[f"{prefix}queries"] = len(queries)
                figures[f"{prefix}html_bytes"] = len(html)
                figures[f"{prefix}gzip_bytes"] = len(gzip.compress(html, GZIP_LEVEL))
        return figures

    def render(self, client, page):
        response = client.get(page.get_url_parts()[2])
        if response.status_code != 200:
            raise CommandError(f"{page.url} answered {response.status_code}")
        return response.content

    # -- --lines ------------------------------------------------------------------------

    def post_lines(self):
        editor = self.editor()
        for number, line in enumerate(sys.stdin, start=1):
            page_id, _tab, marker = line.rstrip("\n").partition("\t")
            if not page_id.isdigit() or not marker:
                raise CommandError(f"Line {number} is not 'page id<TAB>marker'.")
            page = LivePage.objects.get(pk=int(page_id))  # the desk has the page open
            started = time.time()
            # Committed on leaving the block: the purges (and the reindex) run then.
            with transaction.atomic():
                update = services.post_update(
                    page, editor, body=[("paragraph", f"<p>{marker}</p>")], publish=True
                )
            ended = time.time()
            self.print({"started": started, "ended": ended, "update_id": update.pk})

    def editor(self):
        User = get_user_model()
        editor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if editor is None:
            editor = User.objects.create_superuser(EDITOR, f"{EDITOR}@example.org", None)
        return editor
