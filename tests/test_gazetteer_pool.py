"""The pool a misspelt name is loosely matched against: the larger places sharing its
first letter and about its length, in the table's order (a fuzzy match's ties go to the
first)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("key", ["zaporizhia", "kharkov", "mykolaiv oblast", "donetsk", "izium"])
def test_pool_is_the_range_of_lengths_in_table_order(gazetteer, key: str) -> None:
    slack = 1 if len(key) < 12 else 2
    rows = gazetteer._con.execute(
        "SELECT key, id FROM pool WHERE head = ? AND n BETWEEN ? AND ? ORDER BY n, key, id",
        (key[:1], len(key) - slack, len(key) + slack),
    ).fetchall()
    assert rows
    assert gazetteer.major_names(key) == rows
    assert gazetteer.major_names(key) == rows  # read again, from what was kept
