"""The quantity and fatality rules are compiled when a text first needs them, and find the
same figures whether the text is lower-cased for them or read case-blind as written."""

from __future__ import annotations

import pytest

from truceline.extract import fatalities, quantities
from truceline.extract.quantities import find_quantities

PREFIXES = ["", "İzmir-born reporters wrote: "]  # "İ": lower_exact refuses the text


def test_each_counting_rule_has_its_words() -> None:
    assert len(fatalities._COUNTED_WORDS) == len(fatalities._COUNTED_SOURCES)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_quantities_read_the_same_lowered_or_case_blind(prefix: str) -> None:
    text = prefix + (
        "Russia LAUNCHED 14 Shahed drones overnight; air defence SHOT DOWN 11 drones. "
        "Three people were wounded and a fire covered 200 square metres."
    )
    found = [(q.key, q.value, q.start - len(prefix)) for q in find_quantities(text)]
    assert found == [
        ("drones_launched", 14, 16),
        ("drones_intercepted", 11, 66),
        ("injured", 3, 77),
        ("area_m2", 200, 122),
    ]


def test_a_rule_is_compiled_only_when_a_text_has_its_anchor() -> None:
    quantities._rule.cache_clear()
    assert find_quantities("Two people were wounded in the shelling of the village.")[0].value == 2
    # the "injured" rules, and no other: no drone, missile, shell, area or deployment word
    injured = sum(1 for key, _ in quantities._RULE_SOURCES if key == "injured")
    assert quantities._rule.cache_info().currsize == injured
    assert find_quantities("Rescuers dispatched 40 firefighters to the blaze.")[0].value == 40
    assert quantities._rule.cache_info().currsize > injured
