"""The classifier codes news snippets of every ACLED sub-event type as wire services and
national papers word them, and gives no claim for the five kinds of news that are no incident.

tests/data/classify-snippets.jsonl was written for Truceline (invented or generic wording in
the style of reports from South Asia, Africa, Latin America, the Middle East, Europe...),
before the rules were tuned on it; none of it comes from the development data.  Every third
line is held apart: the rules were not studied on it item by item, so its floor is lower.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from truceline.extract.classify import classify
from truceline.models import SUB_EVENT_TYPES

SNIPPETS = Path(__file__).parent / "data" / "classify-snippets.jsonl"
NON_INCIDENT = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def _rows() -> list[dict]:
    with SNIPPETS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _accuracy(rows: list[dict]) -> float:
    ok = 0
    for r in rows:
        c = classify(r["text"])
        ok += (c.sub_event_type if c else None) == r["sub_event_type"]
    return ok / len(rows)


def test_snippets_cover_every_class_with_valid_labels() -> None:
    rows = _rows()
    per_class = Counter(r["class"] for r in rows)
    assert set(SUB_EVENT_TYPES) | NON_INCIDENT == set(per_class)
    assert min(per_class.values()) >= 12
    for r in rows:
        if r["class"] in NON_INCIDENT:
            assert r["sub_event_type"] is None, r
        else:
            assert r["sub_event_type"] == r["class"], r


@pytest.mark.parametrize(
    ("part", "floor"),
    [
        ("studied", 0.94),  # two lines of every three: the rules were studied on these
        ("held apart", 0.78),  # every third line: never studied item by item
    ],
)
def test_snippets_are_coded_as_the_codebook_says(part: str, floor: float) -> None:
    rows = _rows()
    chosen = [r for i, r in enumerate(rows) if (i % 3 == 2) == (part == "held apart")]
    assert _accuracy(chosen) >= floor


def test_news_that_is_no_incident_gives_no_claim() -> None:
    rows = [r for r in _rows() if r["class"] in NON_INCIDENT]
    claimed = [r["text"] for r in rows if classify(r["text"]) is not None]
    assert len(claimed) / len(rows) <= 0.10, claimed


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a wire slug in capitals is the story's own headline, not another story's
        ("GRENADE ATTACK ON POLICE PATROL IN BURUNDI CAPITAL WOUNDS FOUR", "Grenade"),
        # the source of a statement is not an actor in it
        (
            "Police in Kashmir said militants shot and injured a migrant labourer from Bihar.",
            "Attack",
        ),
        # a device found and made safe is disrupted, not exploded
        (
            "An IED planted on the road to the camp was detected and destroyed by the bomb disposal team.",
            "Disrupted weapons use",
        ),
        # a toxic leak from a plant is an accident, not a chemical weapon
        ("Toxic gas leaked from a chemical plant, killing 11 villagers in their sleep.", None),
    ],
)
def test_general_cues(text: str, want: str | None) -> None:
    c = classify(text)
    assert (c.sub_event_type if c else None) == want
