"""Cue matching for the classifier: every phrase of :mod:`truceline.extract.lexicon` found
in one Aho-Corasick pass over a normalised sentence, leftmost-longest, on word boundaries.

The cue phrases add weight to sub-event types and features; the weapon and target
phrases tag the claim ("weapon:drone", "target:energy"); a few words switch on the
gapped patterns that :mod:`truceline.extract.classify` tests with regexes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick

from truceline.extract import lexicon as lx

__all__ = ["MODAL", "automata", "both", "find", "find_both", "longest", "marked", "normalise"]

MODAL = "@modal"  # the key of modal markers ("may", "plans to", "denied")
_NORMALISE = str.maketrans({c: " " for c in "-–—/_\u00a0\t\n\r"} | {"’": "'", "‘": "'"})
_NORMALISE_PAIRS = tuple((chr(a), b) for a, b in _NORMALISE.items())
_SPACES = re.compile(r" {2,}")


@lru_cache(maxsize=1)
def phrases() -> tuple[dict[str, tuple], dict[str, tuple[tuple[str, str], ...]]]:
    """Every cue phrase with its (key, weight) pairs, and every weapon or target phrase
    with its tags (("weapon", "drone"): kind and value, split here once, not per match),
    from the lexicon."""
    cues: dict[str, list[tuple[str, float]]] = {}
    for phrases, weights in lx.CUES:
        for p in phrases:
            cues.setdefault(p, []).extend(weights)
    for p in lx.MODAL_PHRASES:
        cues.setdefault(p, []).append((MODAL, 1.0))
    tags: dict[str, list[tuple[str, str]]] = {}
    for kind, table in (("weapon", lx.WEAPONS), ("target", lx.TARGETS)):
        for name, pat in table.items():
            for p in lx.phrases(pat):
                tags.setdefault(p, []).append((kind, name))
    # equal tuples made one object: the pickled automaton (see `both`) then holds each once
    same: dict[tuple, tuple] = {}

    def one(t: tuple) -> tuple:
        return same.setdefault(t, t)

    return {p: one(tuple(w)) for p, w in cues.items()}, {p: one(tuple(n)) for p, n in tags.items()}


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
    (the lexicon has a few thousand phrases), and kept in the cache directory: loading
    it takes a quarter of the time building it does (see _cached)."""
    return _cached(needs, _build_both)


def _build_both(needs: tuple[tuple[str, ...], ...]) -> ahocorasick.Automaton:
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


def _cache_dir() -> Path:
    """$TRUCELINE_CACHE, else ~/.cache/truceline (where the gazetteer is kept too)."""
    return Path(os.environ.get("TRUCELINE_CACHE") or Path.home() / ".cache" / "truceline")


def _cache_key(needs: tuple[tuple[str, ...], ...]) -> str:
    """A hash of everything the automaton is built from: the lexicon and this module (data
    and code), the needed words, and the Python and pyahocorasick that pickle it."""
    h = hashlib.sha256(repr(needs).encode())
    for f in (lx.__file__, __file__):
        h.update(Path(f).read_bytes())
    st = os.stat(ahocorasick.__file__)
    h.update(f"{sys.version}|{ahocorasick.__file__}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _cached(
    needs: tuple[tuple[str, ...], ...],
    build: Callable[[tuple[tuple[str, ...], ...]], ahocorasick.Automaton],
) -> ahocorasick.Automaton:
    """The automaton `build(needs)` makes, unpickled from the cache directory when a file
    there has the hash of its inputs in its name; else built, and saved for the next
    process (best effort: an unwritable cache only costs the build). The files are the
    user's own, as the gazetteer is: pickle is safe only on files one trusts."""
    root = _cache_dir()
    path = root / f"cues-{_cache_key(needs)}.pickle"
    try:
        automaton = pickle.loads(path.read_bytes())
        if isinstance(automaton, ahocorasick.Automaton):
            return automaton
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass  # absent, or unreadable: build it
    automaton = build(needs)
    import tempfile  # here, not at the top: only a cache miss writes (its import is ~3 ms)

    tmp = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=".cues-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(automaton, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a process running at the same time reads all or none
        tmp = None
        for old in root.glob("cues-*.pickle"):  # automata of earlier lexicons
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return automaton


@lru_cache(maxsize=1)
def marked() -> tuple[frozenset[str], frozenset[str]]:
    """The cue phrases that carry a modal marker, and those that cite a source."""
    # read off the lexicon's lists, not the phrase table: only MODAL_PHRASES carry MODAL
    return frozenset(lx.MODAL_PHRASES), frozenset(lx.cues_for("@source"))


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
    # by start, the longest first: two stable sorts on C key functions, not one on a
    # Python one (this runs twice for every sentence)
    found.sort(key=_END, reverse=True)
    found.sort(key=_START)
    kept, last = [], -1
    for m in found:
        if m[0] >= last:
            kept.append(m)
            last = m[1]
    return kept


_START, _END = itemgetter(0), itemgetter(1)


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
