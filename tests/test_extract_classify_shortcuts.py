"""The classifier's shortcuts give what the long way gives: leftmost-longest cue matches
in any input order, one-hit scores, reused starts, the precedence rules' early exit, and
the substring test for relative dates."""

from __future__ import annotations

from datetime import date

from truceline.extract import lexicon as lx
from truceline.extract.classify import classify
from truceline.extract.combine import Scores, precedence
from truceline.extract.cues import longest
from truceline.extract.dates import find_dates


def _long_way(found: list[tuple]) -> list[tuple]:
    kept, last = [], -1
    for m in sorted(found, key=lambda m: (m[0], -m[1])):
        if m[0] >= last:
            kept.append(m)
            last = m[1]
    return kept


def test_longest_keeps_the_leftmost_longest_whatever_the_input_order() -> None:
    # "shot down", "shot", "down", "drones" in "air defences shot down two drones"
    found = [(13, 17, "shot", ()), (13, 22, "shot down", ()), (18, 22, "down", ()),
             (27, 33, "drones", ())]  # fmt: skip
    for order in (found, found[::-1], [found[2], found[0], found[3], found[1]]):
        assert longest(list(order)) == _long_way(found)
    assert [m[2] for m in longest(list(found))] == ["shot down", "drones"]


def test_a_key_with_one_hit_scores_its_weight_and_more_hits_add_a_share() -> None:
    scores = Scores()
    scores.add(lx.SHELL, 4.0, 10, "shelled")
    assert scores.score(lx.SHELL) == 4.0
    assert scores.phrases(lx.SHELL) == ["shelled"]
    scores.add(lx.SHELL, 5.0, 30, "artillery fire")
    assert scores.score(lx.SHELL) == 5.0 + 0.3 * 4.0
    assert scores.phrases(lx.SHELL) == ["artillery fire", "shelled"]
    assert scores.score("@lethal") == 0.0 and scores.phrases("@lethal") == []


def test_starts_read_by_pairs_follow_hits_added_after_a_cached_read() -> None:
    scores = Scores()
    scores.add("@state", 1.0, 5, "troops")
    assert scores.starts("@state") == [5]  # cached now
    scores.add("@state", 1.0, 40, "police")
    starts = scores.starts_of()
    assert starts["@state"] == [5, 40]
    assert starts["@nonstate"] == [] and starts["@unasked"] == []


def test_precedence_leaves_candidates_it_has_no_rule_for() -> None:
    scores = Scores()
    scores.add(lx.SHELL, 6.0, 0, "shelled")
    candidates = {lx.SHELL: (6.0, ["shelled"]), lx.PEACEFUL: (4.0, ["protest"])}
    precedence(scores, candidates, "russian forces shelled the town")
    assert candidates == {lx.SHELL: (6.0, ["shelled"]), lx.PEACEFUL: (4.0, ["protest"])}


def test_precedence_still_reads_a_disrupted_device_with_no_candidate() -> None:
    # an unexploded shell that went off: the IED reading is made by the rule itself
    scores = Scores()
    scores.add(lx.DWU, 4.0, 4, "unexploded ordnance")
    candidates: dict[str, tuple[float, list[str]]] = {}
    precedence(scores, candidates, "an unexploded ordnance exploded, killing a farmer")
    assert lx.IED in candidates


def test_sentences_read_the_same_through_the_shortcuts() -> None:
    strike = classify("Russian forces shelled Kherson overnight, damaging two houses.")
    assert strike is not None and strike.sub_event_type == lx.SHELL
    town = classify("Militants captured the town of Palma after three days of fighting.")
    assert town is not None and town.sub_event_type == lx.NSA
    assert classify("The minister met his counterpart to discuss trade.") is None


def test_relative_dates_are_found_by_their_words() -> None:
    pub = date(2024, 3, 10)
    found = find_dates("Two people were killed in a drone strike yesterday.", pub)
    assert [(d.date, d.precision) for d in found] == [("2024-03-09", 1)]
    found = find_dates("The village was shelled three days ago.", pub)
    assert [d.date for d in found] == ["2024-03-07"]
    assert find_dates("The village was shelled again.", pub) == []
