"""The search's relevance on the judged query set, and the arithmetic that scores it."""

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from nashra.search.relevance import Judged, Scores, below_floors, evaluate, read_judged

DEMO_NINJS = Path(settings.BASE_DIR) / "demo" / "ninjs"


def test_the_judged_set_is_large_enough_and_names_real_demo_articles():
    queries, floors = read_judged()
    assert Counter(judged.language for judged in queries) >= Counter(ar=60, en=40)
    kinds = {(judged.language, judged.kind) for judged in queries}
    for kind in ("name", "word", "variant", "two-words", "phrase"):
        assert ("ar", kind) in kinds, kind
    demo = {json.loads(path.read_text())["uri"] for path in DEMO_NINJS.glob("*/*/*.json")}
    live = json.loads((DEMO_NINJS.parent / "live.json").read_text())["coverages"]
    demo |= {
        f"slug:{language}:{page['slug']}"
        for coverage in live
        for language, page in coverage["editions"].items()
    }
    for judged in queries:
        assert judged.relevant <= demo, judged.query
        assert all(f":{judged.language}:" in uri for uri in judged.relevant), judged.query
    assert set(floors) == {"ar", "en"}


def test_scores_are_precision_at_5_recall_at_20_and_mrr():
    judged = Judged("en", "q", "word", frozenset({"a", "b", "c", "d"}))
    judged.found = ["x", "a", "y", "b", "z", "c"]
    assert judged.precision == 2 / 5
    assert judged.recall == 3 / 4
    assert judged.reciprocal_rank == 1 / 2
    short = Judged("en", "q", "word", frozenset({"a"}), found=["a"])
    assert (short.precision, short.recall, short.reciprocal_rank) == (1, 1, 1)
    empty = Judged("en", "q", "word", frozenset({"a"}))
    assert (empty.precision, empty.recall, empty.reciprocal_rank) == (0, 0, 0)
    scores = Scores([short, empty])
    assert scores.mrr == 0.5
    assert below_floors({"en": scores}, {"en": {"precision": 0.6, "recall": 0, "mrr": 0}}) == [
        "en precision: 0.500 is below its floor 0.600"
    ]


def test_a_query_judging_nothing_is_refused_by_name(tmp_path):
    bad = tmp_path / "judged.json"
    bad.write_text(json.dumps({"queries": [{"language": "ar", "query": "عدن", "kind": "name"}]}))
    with pytest.raises(CommandError, match="عدن"):
        call_command("search_relevance", "--file", str(bad), stdout=io.StringIO())


@pytest.mark.django_db
def test_without_the_demo_the_command_says_what_to_do():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("search_relevance", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_demo_archive_is_searched_above_the_floors():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    queries, floors = read_judged()
    scores = evaluate(queries)
    out = io.StringIO()
    call_command("search_relevance", "--misses", stdout=out)
    print(out.getvalue())  # the figures, in the log of every run
    assert not below_floors(scores, floors), out.getvalue()
