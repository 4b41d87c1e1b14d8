"""The finder's tokens: its shortcut branches (plain ASCII words, and runs of lower-case
words as one token) cut text exactly where the full pattern (abbreviation, word, number,
other character) does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from truceline.geocode.finder import _TOKEN

# the pattern without its shortcut branches
_FULL = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’']*[^\W_])?(?:-[^\W\d_][\w’']*)*|\d+|\S")


def _tokens(pattern: re.Pattern[str], text: str) -> list[tuple[str, int, int]]:
    """Every token as (word, start, end), a run of lower-case words split into its words."""
    out = []
    for m in pattern.finditer(text):
        start = m.start()
        for word in m[0].split(" ") if m[0][:1].islower() else [m[0]]:
            out.append((word, start, start + len(word)))
            start += len(word) + 1
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled near Iskryskivshchyna, Sumy. Casualties unknown.",
        "The U.S. and U.K. envoys met in St. Louis on Jan. 3.",
        "Kyiv’s mayor, O'Leary's aide and the Dnipro-based unit",
        "Self-propelled guns hit Nova Kakhovka (Kherson) at 05:30; 2 killed_",
        "Zaporizhzhia NPP, Запоріжжя, Kyïv and café owners in A.B.C. Co.",
        "ab.cd e-3 f' g’ h_i J. K.L. MN.",
        "shelled  near\nthe town of iPhone users e.g. don't",
        "pro-Russian shell-fire and drone-borne e-mail",
    ],
)
def test_tokens_match_the_full_pattern_on_news_text(text: str) -> None:
    assert _tokens(_TOKEN, text) == _tokens(_FULL, text)


_PIECES = st.sampled_from(
    ["a", "Z", "ab", "x-ray", "Kyiv", "U", ".", "-", "_", "’", "'", " ", "\n", "1", "é",
     "Ж", ",", "St."]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_tokens_match_the_full_pattern_on_any_mix(text: str) -> None:
    assert _tokens(_TOKEN, text) == _tokens(_FULL, text)


def test_runs_of_lower_case_words_are_one_token() -> None:
    text = "Russian forces shelled near Sumy"
    assert [m[0] for m in _TOKEN.finditer(text)] == ["Russian", "forces shelled near", "Sumy"]
