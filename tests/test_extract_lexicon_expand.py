"""Brace patterns of the cue lexicon expand to the phrases they spell, in a fixed order,
and the lexicon expands its cue lists only when asked."""

from __future__ import annotations

import subprocess
import sys

from truceline.extract import lexicon as lx


def test_a_brace_spells_each_of_its_choices() -> None:
    assert lx.expand("shell{,s,ed}") == ["shell", "shells", "shelled"]
    assert lx.expand("air strike") == ["air strike"]


def test_the_first_brace_varies_slowest_and_spaces_are_tidied() -> None:
    assert lx.expand("{loaded,filled} with {chlorine,toxic gas}") == [
        "loaded with chlorine",
        "loaded with toxic gas",
        "filled with chlorine",
        "filled with toxic gas",
    ]
    # an empty choice before a space leaves no double space: "multiple launch rocket"
    assert lx.expand("multiple launch rocket{, system}") == [
        "multiple launch rocket",
        "multiple launch rocket system",
    ]
    assert lx.expand("air force{,s} {struck,hit}")[1] == "air force hit"


def test_a_pattern_list_is_every_alternative_expanded() -> None:
    assert lx.phrases("drone{,s}|uav") == ["drone", "drones", "uav"]
    assert lx.cues_for("@source") == ["according to", "quoted", "citing", "told reporters"]


def test_the_cue_lists_are_expanded_on_first_use_only() -> None:
    code = (
        "import truceline.extract.lexicon as lx; "
        "assert 'CUES' not in vars(lx); "
        "n = len(lx.CUES); assert 'CUES' in vars(lx) and lx.CUES is lx.CUES; print(n)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) > 100
    phrases = [p for ps, _ in lx.CUES for p in ps]
    assert "suicide car bomber" in phrases and "shelled" in phrases
    assert all(p == " ".join(p.split()) and "{" not in p for p in phrases)
