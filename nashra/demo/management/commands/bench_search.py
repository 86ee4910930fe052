import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from wagtail.models import Locale

from nashra.news.models import ArticlePage, SectionPage
from nashra.search.backends import get_backend
from nashra.search.forms import SearchForm
from nashra.search.models import SearchEntry
from nashra.search.query import parse
from nashra.search.text import STOP_WORDS, words


class Command(BaseCommand):
    help = (
        "Time the site search on the current database: the database part and the whole page, "
        "for queries drawn from the archive's own headlines (a benchmark, not a test)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=300, help="Queries per edition.")
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--output", default=str(settings.VAR_DIR / "bench" / "search.txt"))

    def handle(self, *args, queries, seed, output, **options):
        live = ArticlePage.objects.live().count()
        if not live:
            raise CommandError("There is no live article to search: run generate_archive first.")
        indexed = SearchEntry.objects.count()
        if indexed != live:
            raise CommandError(
                f"{indexed} articles are indexed but {live} are live: "
                "run `manage.py rebuild_search_index` first."
            )
        rng = random.Random(seed)  # noqa: S311 — a repeatable workload, not a secret
        # Every search is rendered: the page cache would answer the warm-up's repeats.
        settings.NASHRA_PAGE_CACHE = False
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else None)
        lines = [
            f"Search benchmark — {connection.vendor}, {live:,} live articles, "
            f"{queries} queries per edition",
            f"{'edition':8} {'measure':26} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}",
        ]
        for locale in Locale.objects.order_by("language_code"):
            workload = self.workload(rng, locale, queries)
            if not workload:
                continue
            database, page = [], []
            for params in workload[:20]:  # warm the caches and the database's buffers
                self.run_database(locale, params)
                client.get(f"/{locale.language_code}/search/", params)
            for params in workload:
                started = time.perf_counter()
                self.run_database(locale, params)
                database.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                response = client.get(f"/{locale.language_code}/search/", params)
                page.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{params} gave HTTP {response.status_code}")
            for name, timings in (
                ("database (count + page)", database),
                ("whole search page", page),
            ):
                lines.append(f"{locale.language_code:8} {name:26} {self.figures(timings)}")
        report = "\n".join(lines)
        self.stdout.write(report)
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report + "\n", encoding="utf-8")
        self.stdout.write(f"Written to {path}")

    def workload(self, rng, locale, count):
        """Queries as readers type them: one or two headline words, some filtered, some page 2."""
        titles = list(
            ArticlePage.objects.live()
            .filter(locale=locale)
            .order_by("?")
            .values_list("title", flat=True)[:count]
        )
        sections = list(
            SectionPage.objects.live().filter(locale=locale).values_list("pk", flat=True)
        )
        workload = []
        for title in titles:
            candidates = [word for word in words(title) if word not in STOP_WORDS]
            if not candidates:
                continue
            params = {
                "q": " ".join(rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2]))))
            }
            kind = rng.random()
            if kind < 0.15 and sections:
                params["section"] = rng.choice(sections)
            elif kind < 0.25:
                params["sort"] = "newest"
            elif kind < 0.3:
                params["since"] = "2025-06-01"
            workload.append(params)
        return workload

    def run_database(self, locale, params):
        form = SearchForm(params, locale=locale)
        form.is_valid()
        filters = form.filters(locale)
        query = parse(form.cleaned_data["q"], locale.language_code)
        backend = get_backend()
        _total, headline = backend.counts(query, filters)
        backend.search(query, filters, form.cleaned_data.get("sort") or "", 0, 20, headline)

    @staticmethod
    def figures(timings):
        timings = sorted(timings)
        quantiles = statistics.quantiles(timings, n=100, method="inclusive")
        return f"{quantiles[49]:8.1f} {quantiles[94]:8.1f} {quantiles[98]:8.1f} {timings[-1]:8.1f}"
