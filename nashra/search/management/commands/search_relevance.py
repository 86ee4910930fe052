from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from nashra.news.models import ArticlePage
from nashra.search.relevance import JUDGED_FILE, below_floors, evaluate, read_judged


class Command(BaseCommand):
    help = (
        "Score the site search on the judged query set over the demo archive: precision@5, "
        "recall@20 and MRR per language and kind of query."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(JUDGED_FILE), help="A judged query set.")
        parser.add_argument(
            "--misses", action="store_true", help="List each query that missed a relevant article."
        )
        parser.add_argument(
            "--check", action="store_true", help="Fail when a figure is below the set's floor."
        )

    def handle(self, *args, file, misses, check, **options):
        try:
            queries, floors = read_judged(file)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read the judged queries: {error}") from error
        languages = {judged.language for judged in queries}
        if not ArticlePage.objects.filter(wire_uri__startswith="urn:nashra:demo:").exists():
            raise CommandError("The demo archive is not here: run manage.py load_demo first.")
        missing = languages - set(Locale.objects.values_list("language_code", flat=True))
        if missing:
            raise CommandError(f"No edition for the judged languages: {', '.join(sorted(missing))}")
        scores = evaluate(queries)
        self.stdout.write(f"{'':22}{'queries':>8}{'P@5':>8}{'R@20':>8}{'MRR':>8}")
        for language, language_scores in scores.items():
            self._row(language, language_scores)
            for kind, kind_scores in language_scores.by_kind().items():
                self._row(f"  {kind}", kind_scores)
        if misses:
            for judged in queries:
                missed = sorted(judged.relevant - set(judged.found))
                wrong = [uri for uri in judged.found[:5] if uri not in judged.relevant]
                if missed or wrong:
                    self.stdout.write(f"\n{judged.language} {judged.kind} {judged.query}")
                    for uri in missed:
                        self.stdout.write(f"  missed {uri}")
                    for uri in wrong:
                        self.stdout.write(f"  not relevant, in the first five: {uri}")
        failures = below_floors(scores, floors)
        if check and failures:
            raise CommandError("; ".join(failures))

    def _row(self, label, scores):
        self.stdout.write(
            f"{label:22}{len(scores.queries):>8}{scores.precision:>8.3f}"
            f"{scores.recall:>8.3f}{scores.mrr:>8.3f}"
        )
