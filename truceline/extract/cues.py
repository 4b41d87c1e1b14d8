"""Cue matching for the classifier: every phrase of :mod:`truceline.extract.lexicon` found
in one Aho-Corasick pass over a normalised sentence, leftmost-longest, on word boundaries.

The cue phrases add weight to sub-event types and features; the weapon and target
phrases tag the claim ("weapon:drone", "target:energy"); a few words switch on the
gapped patterns that :mod:`truceline.extract.classify` tests with regexes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from truceline.extract import lexicon as lx

__all__ = ["MODAL", "automata", "both", "find", "find_both", "longest", "marked", "normalise"]

MODAL = "@modal"  # the key of modal markers ("may", "plans to", "denied")
_NORMALISE = str.maketrans({c: " " for c in "-–—/_\u00a0\t\n\r"} | {"’": "'", "‘": "'"})
_NORMALISE_PAIRS = tuple((chr(a), b) for a, b in _NORMALISE.items())
_SPACES = re.compile(r" {2,}")


@lru_cache(maxsize=1)
def phrases() -> tuple[dict[str, tuple], dict[str, tuple[str, ...]]]:
    """Every cue phrase with its (key, weight) pairs, and every weapon or target phrase
    with its tags ("weapon:drone"), from the lexicon."""
    cues: dict[str, list[tuple[str, float]]] = {}
    for phrases, weights in lx.CUES:
        for p in phrases:
            cues.setdefault(p, []).extend(weights)
    for p in lx.MODAL_PHRASES:
        cues.setdefault(p, []).append((MODAL, 1.0))
    tags: dict[str, list[str]] = {}
    for prefix, table in (("weapon:", lx.WEAPONS), ("target:", lx.TARGETS)):
        for name, pat in table.items():
            for alt in pat.split("|"):
                for p in lx.expand(alt):
                    tags.setdefault(p, []).append(prefix + name)
    return {p: tuple(w) for p, w in cues.items()}, {p: tuple(n) for p, n in tags.items()}


@lru_cache(maxsize=1)
def automata() -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    """The cue automaton and the tag automaton apart (classification itself uses `_both`)."""
    cues, tags = phrases()
    main = ahocorasick.Automaton()
    for p, w in cues.items():
        main.add_word(p, (len(p), p, w))
    main.make_automaton()
    side = ahocorasick.Automaton()
    for p, names in tags.items():
        side.add_word(p, (len(p), p, names))
    side.make_automaton()
    return main, side


@lru_cache(maxsize=1)
def both(needs: tuple[tuple[str, ...], ...]) -> ahocorasick.Automaton:
    """Cue phrases, tag phrases and the words each gapped pattern `needs` (indexed as the
    patterns are) in one automaton: (length,
    phrase, cue weights or None, tag names or None, the gapped patterns that need it or
    None) each. One pass over a sentence finds them all; cues and tags are each kept
    leftmost-longest apart, needed words as substrings. Built on first use, not at import
    (the lexicon has a few thousand phrases)."""
    cues, tags = phrases()
    needed: dict[str, set[int]] = {}
    for i, words in enumerate(needs):
        for w in words:
            needed.setdefault(w, set()).add(i)
    out = ahocorasick.Automaton()
    for p in cues.keys() | tags.keys() | needed.keys():
        ids = needed.get(p)
        out.add_word(p, (len(p), p, cues.get(p), tags.get(p), frozenset(ids) if ids else None))
    out.make_automaton()
    return out


@lru_cache(maxsize=1)
def marked() -> tuple[frozenset[str], frozenset[str]]:
    """The cue phrases that carry a modal marker, and those that cite a source."""
    # read off the lexicon's lists, not the phrase table: only MODAL_PHRASES carry MODAL
    modal = frozenset(lx.MODAL_PHRASES)
    source = frozenset(
        p for phrases, ws in lx.CUES if any(k == "@source" for k, _ in ws) for p in phrases
    )
    return modal, source


def normalise(text: str) -> str:
    for a, b in _NORMALISE_PAIRS:  # most sentences hold one or two of these, if any
        if a in text:
            text = text.replace(a, b)
    t = text.lower()
    return _SPACES.sub(" ", t) if "  " in t else t


def find(automaton: ahocorasick.Automaton, s: str) -> list[tuple[int, int, str, tuple]]:
    """Leftmost-longest matches that start and end on word boundaries."""
    found = []
    n = len(s)
    for end, (length, phrase, payload) in automaton.iter(s):
        start = end - length + 1
        if start > 0 and s[start - 1].isalnum():
            continue
        if end + 1 < n and s[end + 1].isalnum():
            continue
        found.append((start, end + 1, phrase, payload))
    return longest(found)


def longest(found: list[tuple[int, int, str, tuple]]) -> list[tuple[int, int, str, tuple]]:
    """Leftmost-longest among boundary-checked matches (they are unique by start and end)."""
    found.sort(key=_start_longest)
    kept, last = [], -1
    for m in found:
        if m[0] >= last:
            kept.append(m)
            last = m[1]
    return kept


def _start_longest(m: tuple) -> tuple[int, int]:
    return m[0], -m[1]


def find_both(
    s: str, needs: tuple[tuple[str, ...], ...]
) -> tuple[list[tuple[int, int, str, tuple]], list, set[int]]:
    """One pass of `both(needs)`: the cue matches as `find(main, s)` gives them, the
    boundary-checked tag matches, not yet made leftmost-longest (`_classification` does),
    and which gapped patterns have a word they need in `s`."""
    cues, tags = [], []
    wanted: set[int] = set()
    n1 = len(s) - 1
    for end, (length, phrase, weights, names, gapped) in both(needs).iter(s):
        if gapped is not None:
            wanted |= gapped  # anywhere, even inside a word, as `in` would find it
            if weights is None and names is None:
                continue
        start = end - length + 1
        if (start > 0 and s[start - 1].isalnum()) or (end < n1 and s[end + 1].isalnum()):
            continue
        if weights is not None:
            cues.append((start, end + 1, phrase, weights))
        if names is not None:
            tags.append((start, end + 1, phrase, names))
    return longest(cues), tags, wanted
