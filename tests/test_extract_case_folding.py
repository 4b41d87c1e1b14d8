"""Figures, dates and sources read the same whether or not the text holds a letter whose
lower case changes its length or meaning ("İ", "ı"): the patterns then run case-blind on
the text as written instead of on its lower-cased copy."""

from __future__ import annotations

from datetime import date

import pytest

from truceline.extract.actors import find_claimed_by
from truceline.extract.dates import find_dates
from truceline.extract.fatalities import find_fatalities

PREFIXES = ["", "İzmir-born reporters wrote: ", "Kırıkkale (ı): "]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_fatalities(prefix: str) -> None:
    text = prefix + "Two BODIES were found. Later, 3 soldiers were KILLED near the town."
    # the bodies count everyone, the soldiers a group: the total is at least the group
    assert find_fatalities(text)[0] == 3
    assert find_fatalities(prefix + "Three bodies were recovered from the rubble.")[0] == 3
    assert find_fatalities(prefix + "No one was hurt.")[0] == 0
    assert find_fatalities(prefix + "Casualties unknown.") == (None, None)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_claimed_by(prefix: str) -> None:
    text = prefix + "Drones hit a depot, ACCORDING TO the regional governor."
    assert find_claimed_by(text) == "the regional governor"
    assert find_claimed_by(prefix + "Drones hit a depot overnight.") is None


@pytest.mark.parametrize("prefix", PREFIXES)
def test_dates(prefix: str) -> None:
    text = prefix + "Shelling on Sunday morning (the week of) and again on 3 March 2025."
    found = [(d.date, d.precision, d.time_of_day) for d in find_dates(text, date(2025, 3, 14))]
    assert found == [("2025-03-09", 2, "morning"), ("2025-03-03", 1, None)]
