"""The shortcuts that keep the regex stages fast find what a plain search of the same
patterns finds: trying a pattern only where its match can start, stopping a rule's
search where its last word can end, skipping a rule whose words are not in the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from truceline.extract import actors, fatalities, quantities
from truceline.extract.actors import find_actors, find_claimed_by
from truceline.extract.fatalities import find_fatalities
from truceline.extract.quantities import find_quantities

DATA = Path(__file__).parents[2] / "shared" / "data"


def _sentences() -> list[str]:
    out = []
    for name in ("acled-ukraine-2022.jsonl", "case2021-dev.jsonl"):
        path = DATA / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                out += re.split(r"(?<=[.!?])\s+", text)
    return out


SENTENCES = _sentences()


def test_actor_starts_find_every_match() -> None:
    made = [
        "The  Russian forces shelled Kharkiv; the\u00a0Ukrainian army held.",
        "Pro-Russian separatists and the pro-russian rebels forces; other Wagner Group units.",
        "Moscow has launched drones while Kyiv fired back, the unknown drones hit civilians.",
    ]
    for s in made + SENTENCES:
        low = s.lower()
        for pos in (0, 1):
            expected = [m.span() for m in actors._STATED_LOW.finditer(low, pos)]
            assert actors._stated_low(low, pos) == expected, s


def test_actors_keep_the_article_and_the_start() -> None:
    text = "Shelling by the Russian forces hit Kharkiv, pro-Russian separatists said."
    found = [(m.stated, m.start, m.passive_agent) for m in find_actors(text)]
    assert found == [("Russian forces", 12, True), ("pro-Russian separatists", 44, False)]


def test_clause_starts_find_every_source() -> None:
    rx = actors._CLAIM_PATTERNS[1]
    made = [
        "Regional Governor Oleh Syniehubov said two people were hurt.",
        "Two people were hurt, the regional military administration of Kharkiv reported.",
        "Shelling continued while local officials in Sumy told reporters it had stopped.",
        "Awhile officials said nothing. The police said it was calm;\tthe mayor confirmed.",
    ]
    for s in made + SENTENCES:
        got, want = actors._search_clauses(s), rx.search(s)
        assert (got and (got.span(), got["who"])) == (want and (want.span(), want["who"])), s


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Two people were hurt, the regional military administration said.", "the regional military administration"),
        ("Shelling went on. While talks went on, local officials told reporters it stopped.", "local officials"),
        ("Shelling went on while local officials told reporters it stopped.", "Shelling went on while local officials"),
        ("The mayor of Nikopol said the city was shelled.", "The mayor of Nikopol"),
    ],
)  # fmt: skip
def test_claimed_by(text: str, who: str) -> None:
    assert find_claimed_by(text) == who


def test_rule_words_are_in_their_rules() -> None:
    for i, words in quantities._RULE_NEEDS.items():
        src = quantities._RULE_SOURCES[i][1]
        assert all(w in src for w in words), i


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Overnight 12 missiles were fired at Odesa.", "missiles_launched", 12),
        ("Officials said 5 drones were shot down.", "drones_intercepted", 5),
        ("Air defence said 9 of them were destroyed; 4 people were injured", "injured", 4),
        ("A drone hit a house and 3 residents were hospitalized", "injured", 3),
    ],
)
def test_rules_near_the_end_of_a_text(text: str, key: str, value: int) -> None:
    assert (key, value) in [(q.key, q.value) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Shelling hit Kharkiv and 3 civilians were killed", 3),
        ("In Sumy 2 soldiers were killed and 4 civilians died", 6),
        ("Shelling of the village left 3 dead", 3),
        ("Shelling of the village left 3 deadly craters", None),
    ],
)
def test_fatalities_at_the_end_of_a_text(text: str, value: int | None) -> None:
    assert find_fatalities(text)[0] == value


def test_each_counting_rule_cut_ends_with_a_death_word() -> None:
    for i in fatalities._ENDS_KILLED:
        assert fatalities._COUNTED_SOURCES[i].endswith("\\b")
