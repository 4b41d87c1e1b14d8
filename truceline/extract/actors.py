"""Actors as the text states them, mapped to ACLED-style names where that is clear,
and who makes the claim ("according to the regional governor").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from truceline.extract.quantities import lower_exact
from truceline.extract.wordsets import WordLists

__all__ = ["ActorMention", "acled_actor", "find_actors", "find_claimed_by"]

RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
NAF = "NAF: United Armed Forces of Novorossiya"

_MIL = (
    r"(?:armed\s+forces|military\s+forces|military|forces?|force|troops|army|soldiers?|servicem[ae]n|"
    r"paratroopers|marines|artillery|aviation|air\s+forces?|air\s+defen[cs]es?|aircraft|jets?|"
    r"drones?|missiles?|units?|navy|sappers|border\s+guards?|national\s+guard|special\s+forces|"
    r"fighters|partisans|saboteurs|territorial\s+defen[cs]e(?:\s+forces)?|police|emergency\s+service|"
    r"military\s+forces|armed\s+forces)"
)
_STATE = r"(?P<who>Russian|Russia'?s|Ukrainian|Ukraine'?s|Belarusian|Chechen|Wagner|Kadyrov'?s?|unidentified|unknown)"
_STATED = re.compile(
    rf"\b(?:the\s+)?{_STATE}\s+(?:(?:military|armed|air|ground|naval|special|regular|rebel)\s+)?{_MIL}\b"
    r"|\b(?P<naf>DPR|LPR|NAF|Donetsk\s+People'?s\s+(?:Republic|Militia)|Luhansk\s+People'?s\s+(?:Republic|Militia)|"
    r"Donbass\s+People'?s\s+Militia|(?:pro-Russian\s+)?(?:separatists?|rebels?)(?:\s+forces)?|Wagner(?:\s+Group)?)\b"
    r"|\b(?P<country>Russia|Ukraine|Moscow|Kyiv|Kiev)\s+(?=(?:has\s+|had\s+|have\s+)?(?:launched|fired|attacked|struck|shelled|targeted|bombed|hit|sent|used)\b)"
    r"|\b(?P<prot>protesters|demonstrators|activists|residents)\b"
    r"|\b(?P<civ>civilians?)\b",
    re.I,
)
# The same pattern for lower-cased text (quantities.lower_exact), without re.I: about
# twice as fast.
_STATED_LOW = re.compile(_STATED.pattern.lower().replace("(?p<", "(?P<"))
# The words a match of _STATED_LOW can start with (lower-case), besides "the" before a
# _STATE word: kept in step with _STATED, they let find_actors try the pattern only where
# one is rather than at every character, which costs three times as much.
_STATE_STARTS = ("russia", "ukrain", "belarusian", "chechen", "wagner", "kadyrov", "unidentified",
                 "unknown")  # fmt: skip
_OTHER_STARTS = ("dpr", "lpr", "naf", "donetsk", "luhansk", "donbass", "pro-russian", "separatist",
                 "rebel", "moscow", "kyiv", "kiev", "protesters", "demonstrators", "activists",
                 "residents", "civilian")  # fmt: skip


@lru_cache(maxsize=1)
def _starts() -> ahocorasick.Automaton:
    """The start words, each with its length and whether "the" may come before it."""
    out = ahocorasick.Automaton()
    for w in _OTHER_STARTS:
        out.add_word(w, (len(w), False))
    for w in _STATE_STARTS:
        out.add_word(w, (len(w), True))
    out.make_automaton()
    return out


def _stated_low(low: str, pos: int) -> list[tuple[int, int]]:
    """The spans of `_STATED_LOW.finditer(low, pos)`, found by trying the pattern only
    where a match can start: at a start word, or at "the" and spaces before a _STATE one."""
    starts = []
    for last, (n, the) in _starts().iter(low, pos):
        k = last - n + 1
        if the:  # "the\s+" takes every space before the word, so "the" is just before them
            j = k
            while j > 0 and low[j - 1].isspace():  # str.isspace is \s in a str pattern
                j -= 1
            if 3 <= j < k and low.startswith("the", j - 3):
                starts.append(j - 3)
        starts.append(k)
    starts.sort()
    out = []
    for c in starts:
        if c >= pos and (m := _STATED_LOW.match(low, c)):
            out.append((c, m.end()))
            pos = m.end()
    return out


_AIR = re.compile(
    r"\b(?:air\s+forces?|aviation|aircraft|jets?|air\s*strikes?|bombed|bombers?|helicopters?)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    stated: str
    name: str | None  # ACLED-style name, where clear
    start: int
    end: int
    passive_agent: bool = False  # "shot down by Ukrainian forces"


def acled_actor(stated: str, context: str = "") -> str | None:
    """ACLED's name for an actor as stated ("Russian forces" -> "Military Forces of Russia (2000-)")."""
    return _acled_actor(stated)


@lru_cache(maxsize=4096)  # a few hundred phrasings recur across every document
def _acled_actor(stated: str) -> str | None:
    s = stated.lower()
    if re.search(r"\b(?:dpr|lpr|naf|people'?s\s+(?:republic|militia)|separatist|rebel)", s):
        return NAF
    if "wagner" in s:
        return "Wagner Group"
    if "protester" in s or "demonstrator" in s or "activist" in s:
        return "Protesters"
    if "civilian" in s or "resident" in s:
        return "Civilians"
    if "unidentified" in s or "unknown" in s:
        return (
            "Unidentified Military Forces"
            if re.search(r"forces|military|drones?|missiles?", s)
            else None
        )
    base = None
    if re.search(r"\brussia|\bmoscow\b|\bchechen|\bkadyrov", s):
        base = RUSSIA
    elif re.search(r"\bukrain|\bkyiv\b|\bkiev\b", s):
        base = UKRAINE
    if base is None:
        return None
    if "police" in s:
        return base.replace("Military", "Police")
    if _AIR.search(s) or "air defen" in s:
        return f"{base} Air Force"
    return base


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Actor mentions in text[start:end], in order."""
    end = len(text) if end is None else end
    out = []
    lo = max(0, start - 1)  # the character before `start` decides a \b there
    lowered = lower_exact(text[lo:end])
    if lowered is not None:
        found = ((a + lo, b + lo) for a, b in _stated_low(lowered, start - lo))
    else:
        found = (m.span() for m in _STATED.finditer(text, start, end))
    for ms, me in found:
        stated = text[ms:me].strip()
        if stated.lower().startswith("the "):
            stated = stated[4:].lstrip()  # "the  Russian forces"
        before = text[max(start, ms - 4) : ms].lower()
        out.append(
            ActorMention(
                stated,
                _acled_actor(stated),
                ms,
                me,
                passive_agent=before.endswith("by "),
            )
        )
    return out


_SOURCE_NOUN = (
    r"(?:governor|mayor|ministry|minister|military|army|general\s+staff|command|spokes(?:man|woman|person)|"
    r"officials?|authorities|police|prosecutor'?s?\s+office|administration|head|chief|service|agency|media|"
    r"outlet|channel|news|reports?|sources?|witnesses|residents|council|president|office|(?:air\s+)?forces?|"
    r"defen[cs]e|emergencies|ombudsman|ACLED|OSCE|SMM|UN|Reuters|AP|AFP|TASS|RIA|Interfax|Ukrinform|Suspilne|Kremlin)"
)
_CLAIM_PATTERNS = [
    re.compile(
        r"\b(?:according\s+to|as\s+reported\s+by|citing|cited\s+by)\s+(?P<who>[^,.;:()]{3,80}?)(?=\s*[,.;:()]|\s+(?:the|a|an|on|in|at|which|who|that)\s)",
        re.I,
    ),
    re.compile(
        rf"(?:^|[.;]\s+|,\s+|\bwhile\s+)(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+|[a-z]+\s+){{0,6}}?(?i:{_SOURCE_NOUN})(?:\s+(?:of|in|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})?(?:\s+[A-Z][\w'’-]+){{0,3}})\s+"
        r"(?:said|says|reported|reports|confirmed|confirms|claimed|claims|stated|states|announced|announces|told|wrote|added|noted|informed|posted|denied|denies)\b",
    ),
    re.compile(
        r",\s+(?:said|says|reported|wrote|added|noted|according\s+to|stated)\s+(?P<who>(?:the\s+)?[^,.;:]{3,80}?)(?=\s*[,.;:]|$)",
        re.I,
    ),
    # an accusation: "Russia accused Ukraine of blowing up...", "Kyiv blamed Moscow for..."
    re.compile(
        r"\b(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:has\s+|have\s+|had\s+)?"
        r"(?:accused|accuses|blamed|blames)\b"
    ),
]


# Words each of _CLAIM_PATTERNS cannot match without, in the same order.
_CLAIM_NEEDS = (
    ("according", "reported", "citing", "cited"),
    ("said", "says", "reported", "reports", "confirmed", "confirms", "claimed", "claims", "stated",
     "states", "announced", "announces", "told", "wrote", "added", "noted", "informed", "posted",
     "denied", "denies"),
    ("said", "says", "reported", "wrote", "added", "noted", "according", "stated"),
    ("accused", "accuses", "blamed", "blames"),
)  # fmt: skip
_CLAIM_HINT = re.compile(
    r"\b(?:according|citing|cited|said|says|reported|reports|confirmed|confirms|claimed|claims|stated|states|"
    r"accused|accuses|blamed|blames|denied|denies|"
    r"announced|announces|told|wrote|added|noted|informed|posted)\b",
    re.I,
)
_CLAIM_BLIND = tuple(bool(rx.flags & re.I) for rx in _CLAIM_PATTERNS)


# Which of _CLAIM_PATTERNS can match a lower-cased text (bit i: pattern i).
_CLAIM_WORDS = WordLists(*_CLAIM_NEEDS)


# Where the second of _CLAIM_PATTERNS can start, besides the text's start: "." ";" or ","
# before a space, or "while".  Trying it only there rather than at every character takes
# a quarter less time; it is the costliest of them, and spans with a verb it needs are many.
_CLAUSE_STARTS = re.compile(r"[.;,](?=\s)|while")


def _search_clauses(seg: str) -> re.Match[str] | None:
    """`_CLAIM_PATTERNS[1].search(seg)`."""
    rx = _CLAIM_PATTERNS[1]
    m = rx.match(seg)
    if m is None:
        for c in _CLAUSE_STARTS.finditer(seg):
            if m := rx.match(seg, c.start()):
                break
    return m


def find_claimed_by(text: str, start: int = 0, end: int | None = None) -> str | None:
    """Who the text attributes the statement to, in its own words."""
    end = len(text) if end is None else end
    seg = text[start:end]
    low = lower_exact(seg)
    if low is None:  # rare: the words are looked for as the patterns see them
        if not _CLAIM_HINT.search(seg):
            return None
        wanted = [
            rx
            for rx, needs, blind in zip(_CLAIM_PATTERNS, _CLAIM_NEEDS, _CLAIM_BLIND, strict=True)
            if blind or any(w in seg for w in needs)
        ]
    else:
        # Every pattern needs one of its words, lower-case or (re.I) any case, so in the
        # lower-cased text; most spans have none and attribute nothing.
        mask = _CLAIM_WORDS.found(low)
        if not mask:
            return None
        wanted = [rx for i, rx in enumerate(_CLAIM_PATTERNS) if mask >> i & 1]
    best: tuple[int, str] | None = None
    for rx in wanted:
        m = _search_clauses(seg) if rx is _CLAIM_PATTERNS[1] else rx.search(seg)
        if m and (best is None or m.start("who") < best[0]):
            who = m["who"].strip()
            if who.lower() in ("it", "he", "she", "they", "this", "that"):
                continue
            best = (m.start("who"), who)
    return best[1] if best else None
