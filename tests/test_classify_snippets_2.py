"""A second, independent set of news snippets, weighted toward the classes the classifier
found hardest (territory taken by armed groups, bases set up, force against protesters,
battles, deals, changes in a group, attacks on civilians, air strikes, looting, mobs) and
toward news that sounds violent but reports no incident: verdicts, inquiries, anniversaries,
condemnations, "claimed responsibility", drug seizures, accidents and disasters.

tests/data/classify-snippets-2.jsonl was written for Truceline (invented or generic wording in
the style of wire copy and national papers of South Asia, Africa, Latin America, the Middle
East, South-East Asia, Europe and the US) before the classifier was run on any of it, by
someone who had read neither the development data nor the first snippet set.  Every third
line is held apart: the rules were never studied on it item by item, so its floor is lower.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from truceline.extract.classify import classify
from truceline.models import SUB_EVENT_TYPES

SNIPPETS = Path(__file__).parent / "data" / "classify-snippets-2.jsonl"
NON_INCIDENT = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def _rows() -> list[dict]:
    with SNIPPETS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _got(text: str) -> str | None:
    c = classify(text)
    return c.sub_event_type if c else None


def test_snippets_cover_the_taxonomy_with_valid_labels() -> None:
    rows = _rows()
    per_class = Counter(r["class"] for r in rows)
    # every ACLED class but the catch-all "Other", and the five kinds of news that are none
    assert (set(SUB_EVENT_TYPES) - {"Other"}) | NON_INCIDENT == set(per_class)
    assert min(per_class.values()) >= 4
    for r in rows:
        if r["class"] in NON_INCIDENT:
            assert r["sub_event_type"] is None, r
        else:
            assert r["sub_event_type"] == r["class"], r


@pytest.mark.parametrize(
    ("part", "floor"),
    [
        ("studied", 0.92),  # two lines of every three: the rules were studied on these
        ("held apart", 0.83),  # every third line: never studied item by item
    ],
)
def test_snippets_are_coded_as_the_codebook_says(part: str, floor: float) -> None:
    chosen = [r for i, r in enumerate(_rows()) if (i % 3 == 2) == (part == "held apart")]
    ok = sum(_got(r["text"]) == r["sub_event_type"] for r in chosen)
    assert ok / len(chosen) >= floor


def test_news_that_sounds_violent_but_is_no_incident_rarely_gives_a_claim() -> None:
    rows = [r for r in _rows() if r["class"] in NON_INCIDENT]
    claimed = [r["text"] for r in rows if classify(r["text"]) is not None]
    assert len(claimed) / len(rows) <= 0.15, claimed


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a court looks back at an attack: no new incident
        (
            "A court in Mombasa jailed three men for their part in the 2019 attack on a hotel.",
            None,
        ),
        # ...but a march against a verdict is a protest
        ("Thousands marched in Accra after the court acquitted the officers.", "Peaceful protest"),
        # an anniversary recalls a kidnapping, it does not report one
        (
            "On the fifth anniversary of the Dapchi kidnapping, parents urged the state to act.",
            None,
        ),
        # accidents have verbs of their own
        ("A minibus plunged into a river in Kigezi, killing 11 passengers.", None),
        ("A wall collapsed at a gold mining site, killing nine miners.", None),
        # a crowd with sticks and stones is no armed group
        (
            "Two clans clashed with sticks and stones over grazing land, injuring six.",
            "Mob violence",
        ),
        ("A suspected thief was beaten to death by a mob in Ibadan.", "Mob violence"),
        # a building converted into a base
        (
            "Rebels have turned the district hospital into a military base, residents said.",
            "Headquarters or base established",
        ),
        # a crowd named by its demand is a demonstration; killing its members is excessive force
        (
            "Police opened fire on workers demanding unpaid wages in Lubumbashi, killing two.",
            "Excessive force against protesters",
        ),
        # protesters who burn a building are rioting, not a mob
        (
            "Angry residents protesting water shortages set fire to the municipal office.",
            "Violent demonstration",
        ),
        # a truce agreed in so many words
        (
            "The army and the rebels agreed to a 72-hour ceasefire to let aid convoys in.",
            "Agreement",
        ),
        # broad words that must not make an incident on their own
        ("The president was greeted by a crowd of supporters in Kano.", None),
        ("The newly formed cabinet held its first meeting on Monday.", None),
        # troops leaving are the setting of an attack, not a transfer
        ("Militants attacked the village after the troops left, killing five.", "Attack"),
        # a side that moves in after the other has left, without a fight
        (
            "Government troops took over the town after the rebels withdrew.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_general_cues(text: str, want: str | None) -> None:
    assert _got(text) == want
