"""Which of several word lists have a word in a text, in one Aho-Corasick pass.

The extraction rules run a costly regex only where a word it cannot match without is
in the text.  Asking that of each list with `any(w in text for w in words)` costs
several times as much as one pass over the text for all the lists at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

__all__ = ["WordLists"]


class WordLists:
    """Lists of words, numbered in the order given; a word is found as `in` finds it,
    anywhere, even inside another word.  The automaton is built on first use."""

    __slots__ = ("_automaton", "_lists")

    def __init__(self, *lists: Iterable[str]) -> None:
        self._lists = [tuple(words) for words in lists]
        self._automaton: ahocorasick.Automaton | None = None

    def found(self, low: str) -> int:
        """Bit i (1 << i) set where list i has a word in `low`."""
        automaton = self._automaton or self._build()
        mask = 0
        for _, bits in automaton.iter(low):
            mask |= bits
        return mask

    def _build(self) -> ahocorasick.Automaton:
        bits: dict[str, int] = {}
        for i, words in enumerate(self._lists):
            for w in words:
                bits[w] = bits.get(w, 0) | 1 << i
        automaton = ahocorasick.Automaton()
        for w, b in bits.items():
            automaton.add_word(w, b)
        automaton.make_automaton()
        self._automaton = automaton
        return automaton
