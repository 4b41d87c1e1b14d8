"""Fatalities by ACLED's conventions.

- The most conservative figure: a floor ("at least 9", "more than 30") gives the floor.
- "dozens" = 12, "tens" = 10, "hundreds" = 100 (see quantities.parse_number).
- Injuries are not fatalities; "killed or wounded" counts nobody as killed.
- A coder's own note wins: "Unspecified fatalities coded as 10", "fatalities coded to
  the X event" (0 here), "N fatalities split between K events" (N // K).
- "No casualties" is 0; nothing said is None (unknown).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from truceline.extract.quantities import _FLOOR, NUMBER, lower_exact, parse_number
from truceline.extract.wordsets import WordLists

__all__ = ["find_fatalities"]

_N = rf"{_FLOOR}(?P<n>{NUMBER})"
_ADJ = r"(?:(?!(?:of|which|who|whom|as|and|or|the|were|was|in|at|on|to|by|from|with|that|is|are|had|have|has)\b)(?!\d+\s)[\w'’-]+\s+){0,4}?"
_KILLED = r"(?:killed|died|dead|shot\s+dead|executed|beheaded|murdered|perished|lost\s+their\s+lives|were\s+found\s+dead|found\s+dead)"
_PEOPLE = r"(?:people|persons?|civilians?|residents?|children|child|kids|women|men|man|woman|girls?|boys?|soldiers?|servicem[ae]n|troops|fighters|militants|rebels?|police(?:m[ae]n|\s+officers?)?|officers?|workers?|employees?|staff(?:\s+members)?|members?|passengers?|rescuers?|firefighters?|journalists?|medics?|pensioners?|teenagers?|victims?|individuals?|inhabitants?|sailors?|pilots?|paratroopers?|mercenaries|occupiers|invaders|Russians?|Ukrainians?|others?|mother|father|driver|family|bodies|teachers?|pupils?|students?|doctors?|nurses?|farmers?)"

_DIRECTIVE = re.compile(
    r"(?:fatalities|casualties|deaths)\s+(?:split\s+and\s+)?coded\s+as\s+(?:an?\s+additional\s+|additional\s+)?(?P<n>\d+)"
    r"|(?P<m>\d+)\s+fatalit(?:y|ies)\s+(?:were\s+)?coded(?!\s+to)",
    re.I,
)
_CODED_ELSEWHERE = re.compile(
    r"fatalities\s+(?:were\s+)?coded\s+to\b|fatalities\s+(?:are\s+)?(?:recorded|coded)\s+in\s+(?:another|a\s+separate)",
    re.I,
)


@cache
def _split() -> re.Pattern[str]:
    """A coder's split note; compiled on first use (it holds NUMBER twice, and is rare)."""
    return re.compile(
        rf"(?:(?P<total>{NUMBER})\s+fatalit(?:y|ies)\s+)?(?:fatalities\s+)?split\s+(?:between|among|across)\s+(?P<k>{NUMBER})\s+(?:shelling\s+|separate\s+|different\s+)?(?:events|locations|incidents)",
        re.I,
    )


@cache
def _none() -> re.Pattern[str]:
    """A text that says no one died; compiled on first use (only a text with no figure needs it)."""
    return re.compile(
        r"\bno\s+(?:one|body|people|civilians?|persons?)\s+(?:was|were|has\s+been|have\s+been)\s+(?:killed|hurt|injured)"
        r"|\bno\s+(?:casualties|fatalities|deaths|victims|dead)\b"
        r"|\bno\s+(?:injuries|injured)\s+(?:or|and|nor)\s+(?:fatalities|deaths|casualties|dead)"
        r"|\bwithout\s+(?:casualties|fatalities|loss\s+of\s+life)"
        r"|\bnobody\s+(?:was|were)\s+(?:killed|hurt|injured)"
        r"|\bthere\s+(?:were|was)\s+no\s+(?:reports?\s+of\s+)?(?:casualties|fatalities|deaths|victims)",
        re.I,
    )


# A range ("between 10 and 15 killed", "two or three people died"): its lower end.
_RANGE = (
    rf"(?:(?P<btw>between)\s+)?(?P<n>{NUMBER})\s*(?:-|–|to|or|(?(btw)and|(?!)))\s*(?P<hi>{NUMBER})"
)
# Counting rules, each case-blind.
_COUNTED_SOURCES = [
    # "between 10 and 15 people were killed", "killing 10-15 soldiers": the lower end
    rf"\b{_RANGE}\s+{_ADJ}(?:{_PEOPLE}\s+)?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+|reportedly\s+)*{_KILLED}\b",
    rf"\b(?:killing|killed|claiming\s+the\s+lives\s+of)\s+(?:at\s+least\s+)?{_RANGE}\b(?:\s+{_ADJ}[A-Za-z-]+)?",
    # "Two people were killed", "1 civilian was killed", "8 civilians died", "21 died",
    # "20 civilians, including 9 children, were killed" (the whole, not its part)
    rf"{_N}\s+{_ADJ}(?:{_PEOPLE}(?:,\s+(?:including|among\s+them)\s+[^,.;]{{1,40}},)?\s+)?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+|reportedly\s+|later\s+)*(?:also\s+)?(?:[a-z]+ed\s+and\s+)?{_KILLED}\b",
    # "killing seven", "killed about 25 civilians", "LPR killed up to 45 Ukrainian soldiers"
    rf"\b(?:killing|killed|executing|executed|beheaded|beheading|murdering|murdered|shot\s+dead|claiming\s+the\s+lives\s+of|killing\s+at\s+least)\s+{_N}(?:\s+{_ADJ}[A-Za-z-]+)?(?:\s+and\s+(?P<n2>{NUMBER})\s+{_ADJ}(?:{_PEOPLE}|[a-z-]+))?",
    # "shot two civilians dead"
    rf"\bshot\s+{_N}\s+{_ADJ}{_PEOPLE}\s+dead",
    # "death toll rose to 12", "12 dead"
    rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was)\s+{_N}",
    rf"{_N}\s+(?:people\s+)?dead\b",
    rf"{_N}\s+{_ADJ}bodies\s+(?:were\s+|have\s+been\s+)?(?:found|recovered|discovered)",
]


# The rules that end with a death word and \b: every match ends where one does, after
# a space (so the word's own anchor starts it, not one overlapping from before), at most
# 2 characters after that anchor ("kill" in "killed", "execut" in "executed"); one more
# for the \b to see, and their search stops there rather than 80 characters on.
_KILLED_TAIL = 3
_ENDS_KILLED = frozenset(
    i for i, src in enumerate(_COUNTED_SOURCES) if src.endswith((rf"{_KILLED}\b", r"dead\b"))
)


@cache
def _counted(i: int, lowered: bool) -> re.Pattern[str]:
    """Counting rule i, compiled when a text first needs it (the rules take ~15 ms to
    compile): for lower-cased text (quantities.lower_exact) without re.I, about twice as
    fast; for text lower_exact refuses, with re.I."""
    src = _COUNTED_SOURCES[i]
    return re.compile(src.lower().replace("(?p<", "(?P<")) if lowered else re.compile(src, re.I)


@cache
def _group() -> re.Pattern[str]:
    """The group a figure counts (see _EVERYONE); compiled when a rule first finds one."""
    return re.compile(rf"\b{_PEOPLE}\b", re.I)


# A figure for "people", or with no group, counts everyone.
_EVERYONE = frozenset({"people", "person", "individual", "victim", "other", "bodie"})
# A word each counting rule cannot match without, in the same order.
_COUNTED_WORDS = [
    ("kill", "died", "dead", "execut", "behead", "murder", "perish", "lost"),
    ("kill", "died", "dead", "execut", "behead", "murder", "perish", "lost", "claiming"),
    ("kill", "died", "dead", "execut", "behead", "murder", "perish", "lost"),
    ("kill", "execut", "behead", "murder", "shot", "claiming"),
    ("shot",),
    ("toll",),
    ("dead",),
    ("bodies",),
]


@cache
def _singular() -> re.Pattern[str]:
    """A definite singular victim ("The driver was killed", "He was found dead", "The victim
    died"); compiled on first use: only a text with no figure needs it (~1 ms to compile)."""
    return re.compile(
        rf"\b(?:the\s+|his\s+|her\s+)(?:\w+\s+){{0,2}}?(?:{_PEOPLE})\s+(?:was\s+|later\s+|reportedly\s+)*(?:also\s+)?(?:killed|died|shot\s+dead|found\s+dead)\b"
        r"|\b(?:he|she)\s+(?:was\s+found\s+dead|died|was\s+killed)\b",
        re.I,
    )


_HINT = re.compile(
    r"kill|dead|died|death|fatalit|casualties\s+(?:coded|split)|no\s+casualt|without\s+casualt|bod(?:y|ies)|execut|behead|murder|perish|lives|no\s+one|nobody|victim|toll",
    re.I,
)
_DEATH_WORD = re.compile(
    r"kill|dead|died|death|execut|behead|murder|perish|lives|bodies|shot", re.I
)
# Literal words that _HINT and _DEATH_WORD cannot match without ("no one": _NO_ONE).
_HINT_WORDS = ("kill", "dead", "died", "death", "fatalit", "casualt", "bod", "execut", "behead",
               "murder", "perish", "lives", "nobody", "victim", "toll")  # fmt: skip
# Literal words of _HINT: where one is in the lower-cased text, _HINT matches (no need to scan).
_HINT_SURE = ("kill", "dead", "died", "death", "fatalit", "execut", "behead", "murder", "perish",
              "lives", "nobody", "victim", "toll")  # fmt: skip
# What _HINT can match that none of _HINT_SURE's words is in, for lower-cased text.
_HINT_REST = re.compile(
    r"casualties\s+(?:coded|split)|no\s+casualt|without\s+casualt|bod(?:y|ies)|no\s+one"
)
_DEATH_WORD_LOW = re.compile(_DEATH_WORD.pattern)
_NO_ONE = re.compile(r"no\s+one")
_DEATH_WORDS = ("kill", "dead", "died", "death", "execut", "behead", "murder", "perish", "lives",
                "bodies", "shot")  # fmt: skip
# Which of the word lists above have a word in a text: bits of _WORD_LISTS.found.
_WORD_LISTS = WordLists(_HINT_WORDS, _HINT_SURE, _DEATH_WORDS, *_COUNTED_WORDS)
_HAS_HINT, _HAS_SURE, _HAS_DEATH = 1, 2, 4
_HAS_COUNTED = [8 << i for i in range(len(_COUNTED_WORDS))]


_OR_WOUNDED = re.compile(
    r"(?:killed|dead)\s+or\s+(?:injured|wounded)|(?:injured|wounded)\s+or\s+killed", re.I
)


def find_fatalities(
    text: str, start: int = 0, end: int | None = None
) -> tuple[int | None, tuple[int, int] | None]:
    """Fatalities stated in text[start:end] and the span of the evidence (None, None if unstated)."""
    end = len(text) if end is None else end
    # Each costly pattern runs only when a word it cannot match without is in the text.
    low = text[start:end].lower()
    has = _WORD_LISTS.found(low)
    if not (has & _HAS_HINT or _NO_ONE.search(low)):
        return None, None
    # The case-blind patterns below run on the lower-cased text where that is exact
    # (see lower_exact), without re.I: two to three times as fast.
    exact = lower_exact(text[start:end])
    if not has & _HAS_SURE and not (
        _HINT_REST.search(exact) if exact is not None else _HINT.search(text, start, end)
    ):
        return None, None
    if "coded" in low:
        if _CODED_ELSEWHERE.search(text, start, end):
            return 0, None
        m = _DIRECTIVE.search(text, start, end)
        if m:
            return int(m["n"] or m["m"]), (m.start(), m.end())
    groups: dict[str, int] = {}  # the lowest figure for each group named ("civilian")
    totals: list[int] = []  # figures for everyone ("people", "the death toll")
    spans: list[tuple[int, int]] = []
    # The counting rules run only around the words that name a death (they are costly).
    windows: list[tuple[int, int, int]] = []  # and the end of the last death word
    if not has & _HAS_DEATH:
        found: Iterable[tuple[int, int]] = ()
    elif exact is not None:
        found = ((m.start() + start, m.end() + start) for m in _DEATH_WORD_LOW.finditer(exact))
    else:
        found = (m.span() for m in _DEATH_WORD.finditer(text, start, end))
    for ms, me in found:
        a, b = max(start, ms - 140), min(end, me + 80)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b, me)
        else:
            windows.append((a, b, me))
    # The rules run on the lower-cased text where that is exact (see lower_exact);
    # one character before `start` is kept, for a \b there.
    lo = max(0, start - 1)
    lowered = lower_exact(text[lo:end]) if windows else ""
    if lowered is not None:
        src, off = lowered, lo
    else:
        src, off = text, 0
    for i, bit in enumerate(_HAS_COUNTED):
        if not windows or not has & bit:
            continue
        rx = _counted(i, lowered is not None)
        if i in _ENDS_KILLED:
            stretches = [(a, min(b, z + _KILLED_TAIL)) for a, b, z in windows]
        else:
            stretches = [(a, b) for a, b, _ in windows]
        for m in (m for a, b in stretches for m in rx.finditer(src, a - off, b - off)):
            ms, me = m.start() + off, m.end() + off
            if any(ms < b and me > a for a, b in spans):
                continue
            if _OR_WOUNDED.search(text, ms, min(end, me + 20)):
                continue
            v = parse_number(text[m.start("n") + off : m.end("n") + off])
            if v is None:
                continue
            n2 = m.groupdict().get("n2")
            if n2:  # "killing two soldiers and three civilians": two groups, told once
                n2 = text[m.start("n2") + off : m.end("n2") + off]
                groups[f"#{ms}"] = v + (parse_number(n2) or 0)
            else:
                who = _group().search(text[ms:me])
                key = who.group(0).lower().rstrip("s") if who else "people"
                if key in _EVERYONE:
                    totals.append(v)
                else:
                    groups[key] = min(v, groups.get(key, v))
            spans.append((ms, me))
    # ACLED takes the most conservative figure: several figures for the same group
    # ("at least 5 killed ... the death toll rose to 7") give the lowest, never their
    # sum; figures for different groups add up, and a total is at least their sum.
    total = sum(groups.values())
    if totals:
        total = max(min(totals), total)
    split = _split().search(text, start, end) if "split" in low else None
    if split:
        t = parse_number(split["total"]) if split["total"] else total
        k = parse_number(split["k"]) or 1
        if t:
            return t // k, (split.start(), split.end())
    if spans:
        return total, (spans[0][0], spans[-1][1])
    m = (
        _singular().search(text, start, end)
        if ("kill" in low or "die" in low or "dead" in low)
        else None
    )
    if m:
        return 1, (m.start(), m.end())
    m = _none().search(text, start, end) if ("no" in low or "without" in low) else None
    if m:
        return 0, (m.start(), m.end())
    return None, None
