"""The classifier codes news snippets of every ACLED sub-event type as wire services and
national papers word them, and gives no claim for the five kinds of news that are no incident.

Two sets were written for Truceline (invented or generic wording in the style of reports
from South Asia, Africa, Latin America, the Middle East, South-East Asia, Europe and the
US), each before the rules were tuned on it, by people who had read neither the
development data nor the other set; none of it comes from the development data.
tests/data/classify-snippets.jsonl covers every class; classify-snippets-2.jsonl leans
toward the classes found hardest and toward news that sounds violent but reports no
incident (verdicts, anniversaries, "claimed responsibility", seizures, accidents).  In
both, every third line is held apart: the rules were not studied on it item by item, so
its floor is lower.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from truceline.extract.classify import classify
from truceline.models import SUB_EVENT_TYPES

DATA = Path(__file__).parent / "data"
NON_INCIDENT = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}
# file, classes left out, fewest lines per class, floors (studied, held apart), most claims
# on non-incident news
SETS = {
    "first": ("classify-snippets.jsonl", set(), 12, (0.94, 0.78), 0.10),
    "second": ("classify-snippets-2.jsonl", {"Other"}, 4, (0.92, 0.83), 0.15),
}


def _rows(name: str) -> list[dict]:
    with (DATA / SETS[name][0]).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _got(text: str) -> str | None:
    c = classify(text)
    return c.sub_event_type if c else None


@pytest.mark.parametrize("name", SETS)
def test_snippets_cover_the_taxonomy_with_valid_labels(name: str) -> None:
    rows = _rows(name)
    _file, left_out, fewest, _floors, _most = SETS[name]
    per_class = Counter(r["class"] for r in rows)
    assert (set(SUB_EVENT_TYPES) - left_out) | NON_INCIDENT == set(per_class)
    assert min(per_class.values()) >= fewest
    for r in rows:
        if r["class"] in NON_INCIDENT:
            assert r["sub_event_type"] is None, r
        else:
            assert r["sub_event_type"] == r["class"], r


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("part", ["studied", "held apart"])
def test_snippets_are_coded_as_the_codebook_says(name: str, part: str) -> None:
    # two lines of every three were studied; every third line never item by item
    chosen = [r for i, r in enumerate(_rows(name)) if (i % 3 == 2) == (part == "held apart")]
    floor = SETS[name][3][part == "held apart"]
    ok = sum(_got(r["text"]) == r["sub_event_type"] for r in chosen)
    assert ok / len(chosen) >= floor


@pytest.mark.parametrize("name", SETS)
def test_news_that_is_no_incident_rarely_gives_a_claim(name: str) -> None:
    rows = [r for r in _rows(name) if r["class"] in NON_INCIDENT]
    claimed = [r["text"] for r in rows if classify(r["text"]) is not None]
    assert len(claimed) / len(rows) <= SETS[name][4], claimed
