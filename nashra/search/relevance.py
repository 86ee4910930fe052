"""How good the search's answers are, measured on a judged query set (`judged_queries.json`).

Each judged query names, by their ninjs uri (a live page by ``slug:<language>:<slug>``),
every demo article of its edition a reader would expect it to find, judged by reading the
articles, not by running the search. The search is asked as the search page asks it (names,
phrases, the fallback, the headline tier first), and its first twenty answers are scored:

- precision@5: of the first five answers (or fewer, when fewer were found), the share that is
  relevant: what a reader sees before scrolling;
- recall@20: of the relevant articles, the share found in the first twenty (the first page);
- MRR: the mean of 1 / the rank of the first relevant answer (0 when none is in the twenty).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Locale

from nashra.news.models import ArticlePage

from .query import parse
from .views import ResultIds

JUDGED_FILE = Path(__file__).parent / "judged_queries.json"
SHOWN, FIRST_PAGE = 5, 20


@dataclass
class Judged:
    language: str
    query: str
    kind: str
    relevant: frozenset
    found: list = field(default_factory=list)  # uris, in the order the search gave them

    @property
    def precision(self):
        shown = self.found[:SHOWN]
        return sum(uri in self.relevant for uri in shown) / len(shown) if shown else 0.0

    @property
    def recall(self):
        return len(self.relevant & set(self.found[:FIRST_PAGE])) / len(self.relevant)

    @property
    def reciprocal_rank(self):
        for rank, uri in enumerate(self.found[:FIRST_PAGE], start=1):
            if uri in self.relevant:
                return 1 / rank
        return 0.0


@dataclass
class Scores:
    queries: list

    def _mean(self, name):
        values = [getattr(judged, name) for judged in self.queries]
        return sum(values) / len(values) if values else 0.0

    @property
    def precision(self):
        return self._mean("precision")

    @property
    def recall(self):
        return self._mean("recall")

    @property
    def mrr(self):
        return self._mean("reciprocal_rank")

    def by_kind(self):
        kinds = {}
        for judged in self.queries:
            kinds.setdefault(judged.kind, []).append(judged)
        return {kind: Scores(queries) for kind, queries in sorted(kinds.items())}


def read_judged(path=JUDGED_FILE):
    """Return (the judged queries, the floors); a query without a relevant uri is refused."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    queries = []
    for number, entry in enumerate(data["queries"], start=1):
        if not entry.get("relevant"):
            raise ValueError(f"{Path(path).name}: query {number} ({entry['query']}) judges nothing")
        queries.append(
            Judged(entry["language"], entry["query"], entry["kind"], frozenset(entry["relevant"]))
        )
    return queries, data.get("floors", {})


def evaluate(queries):
    """Search for every judged query as the search page does; return {language: Scores}."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for judged in queries:
        query = parse(judged.query, judged.language)
        ids = ResultIds(query, {"locale_id": locales[judged.language].pk}, "")
        page_ids = ids[0:FIRST_PAGE] if query else []
        pages = ArticlePage.objects.filter(pk__in=page_ids).values_list("pk", "wire_uri", "slug")
        # An article by its ninjs uri; one the demo wrote itself (a live page) by its slug.
        uris = {pk: uri or f"slug:{judged.language}:{slug}" for pk, uri, slug in pages}
        judged.found = [uris[page_id] for page_id in page_ids if page_id in uris]
    languages = {}
    for judged in queries:
        languages.setdefault(judged.language, []).append(judged)
    return {language: Scores(judged) for language, judged in sorted(languages.items())}


def below_floors(scores, floors):
    """Return a line for each figure under its floor (none when all hold)."""
    lines = []
    for language, floor in sorted(floors.items()):
        got = scores.get(language)
        for name in ("precision", "recall", "mrr"):
            value = getattr(got, name) if got else 0.0
            if value < floor[name]:
                lines.append(f"{language} {name}: {value:.3f} is below its floor {floor[name]:.3f}")
    return lines
