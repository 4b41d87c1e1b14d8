"""The toponym finder: which runs of capitalised words it offers the gazetteer, and how
their edges are drawn (no gazetteer here: `known` stands in for one)."""

from __future__ import annotations

import pytest

from truceline.geocode.finder import find_mentions

PLACES = {
    "Kyiv", "Kharkiv", "St. Louis", "Louis", "Stratford upon Avon", "Avon", "Rostov", "Paris",
    "Rapides Parish", "Sumy", "Odesa", "Air", "New York", "US",
}  # fmt: skip


def found(text: str) -> list[tuple[str, str]]:
    return [(m.name, text[m.start : m.end]) for m in find_mentions(text, PLACES.__contains__)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive is dropped from the name and from its span
        ("Shelling hit Kyiv’s outskirts.", [("Kyiv", "Kyiv")]),
        ("Kharkiv's mayor said two people died.", [("Kharkiv", "Kharkiv")]),
        # the full stop of an abbreviation does not end the run
        ("The fire in St. Louis spread.", [("St. Louis", "St. Louis")]),
        # a connector inside a run joins its two halves; after a line break the run as a
        # whole is not a known name, and neither half is taken alone
        ("A blast near Stratford upon Avon.", [("Stratford upon Avon", "Stratford upon Avon")]),
        ("Troops in Stratford upon\nAvon.", []),
        # a title before the run makes it a person's; a capitalised one starts the run
        ("She met governor Paris in Odesa.", [("Odesa", "Odesa")]),
        ("Mayor Paris and Gov. Kyiv spoke.", [("Paris", "Paris"), ("Kyiv", "Kyiv")]),
        # a run with words the gazetteer does not know is a name of something else
        ("Sumy Regional Council met; Rapides Parish Fire District responded.",
         [("Sumy", "Sumy"), ("Rapides Parish", "Rapides Parish")]),
        ("Kyiv Kharkiv Sumy", [("Kyiv", "Kyiv"), ("Kharkiv", "Kharkiv"), ("Sumy", "Sumy")]),
        # a word the text also writes in lower case is a common word; short words need capitals
        ("Air raid sirens sounded; the air was thick.", []),
        ("Air raid sirens sounded in Kyiv.", [("Air", "Air"), ("Kyiv", "Kyiv")]),
        ("US drones and Us", [("US", "US")]),
        # a gap other than one space ends a run; a hyphenated word is one word
        ("New  York, Kyiv-based, (Odesa)", [("Odesa", "Odesa")]),
        ("", []),
    ],
)  # fmt: skip
def test_runs_and_their_edges(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected
