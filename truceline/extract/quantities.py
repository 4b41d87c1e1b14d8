"""Quantities stated in incident text: weapons launched and intercepted, people hurt, area, personnel.

Numbers may be digits ("1,000", "11 000"), words ("four", "twenty-one", "a dozen")
or vague amounts that ACLED codes by convention ("dozens" = 12, "tens" = 10,
"hundreds" = 100).  A floor ("more than 1,000", "at least 9") gives the floor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

__all__ = ["NUMBER", "Quantity", "find_quantities", "lower_exact", "parse_number"]

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a couple of": 2, "a pair of": 2,
    "both": 2, "several": 3, "a few": 3, "few": 3,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# ACLED's conventions for vague amounts.
_VAGUE = {
    "a dozen": 12, "dozen": 12, "dozens of": 12, "dozens": 12, "tens of": 10, "tens": 10,
    "scores of": 20, "hundreds of": 100, "hundreds": 100, "thousands of": 1000, "thousands": 1000,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen)(?:\s+(?:hundred|thousand))?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\s\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s*(?:thousand|million|k)\b)?"
NUMBER = (
    rf"\b(?:{_DIGITS}|{_WORDNUM}|a\s+dozen|dozens\s+of|dozens|tens\s+of|scores\s+of|hundreds\s+of|"
    r"thousands\s+of|a\s+couple\s+of|a\s+pair\s+of|several|a\s+few|a|an|one|single|both)(?!\w)(?!,\d)"
)
# Any number word at all: without one (or a digit) there is no quantity to find.
_WORDY = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|dozens?|"
    r"tens|scores|hundreds?|thousands?|several|few|couple|pair|both|single)\b"
)
_FLOOR = r"(?:(?:more\s+than|over|at\s+least|no\s+fewer\s+than|no\s+less\s+than|up\s+to|about|around|approximately|nearly|almost|some|roughly|an\s+estimated|as\s+many\s+as)\s+)?"


def parse_number(s: str) -> int | None:
    """The integer a number phrase stands for, by ACLED's conventions for vague amounts."""
    t = re.sub(r"\s+", " ", s.strip().lower())
    if t in _VAGUE:
        return _VAGUE[t]
    if t in _UNITS:
        return _UNITS[t]
    m = re.fullmatch(r"([\d,. ]+?)\s*(thousand|million|k)?", t)
    if m:
        digits = m[1].replace(",", "").replace(" ", "")
        try:
            v = float(digits)
        except ValueError:
            return None
        mult = {"thousand": 1000, "k": 1000, "million": 1_000_000}.get(m[2] or "", 1)
        return int(v * mult)
    total = 0
    for part in re.split(r"[- ]", t):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part in _SCALE:
            total = max(total, 1) * _SCALE[part]
        else:
            return None
    return total


@dataclass(frozen=True, slots=True)
class Quantity:
    key: str  # a QUANTITY_KEYS key, or "fatalities"
    value: int
    start: int
    end: int


_N = rf"{_FLOOR}(?P<n>{NUMBER})"
_ADJ = r"(?:(?!(?:of|which|who|whom|as|and|or|the|were|was|in|at|on|to|by|from|with|that|is|are|had|have|has)\b)(?!\d+\s)[\w'’-]+\s+){0,3}?"  # up to three words between a number and its noun: "4 Russian kamikaze drones"
_DRONE = r"(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|Shaheds?|Geran[\w-]*|kamikaze[\s-]drones?|loitering\s+munitions?)"
_MISSILE = (
    r"(?:missiles?|rockets?|cruise\s+missiles?|ballistic\s+missiles?|Iskanders?|Kalibrs?|Kinzhals?)"
)
_DOWN = r"(?:intercept(?:ed|s)?|shot\s+down|shoots?\s+down|downed|destroyed|neutrali[sz]ed|repelled|suppressed|eliminated|brought\s+down|down(?:ing)?)"
_PEOPLE = r"(?:people|persons?|civilians?|residents?|children|child|kids|women|men|man|woman|soldiers?|servicem[ae]n|troops|fighters|militants|police(?:m[ae]n|\s+officers?)?|officers?|workers?|employees?|staff(?:\s+members)?|members?|passengers?|rescuers?|firefighters?|journalists?|medics?|doctors?|protesters?|demonstrators?|pensioners?|teenagers?|boys?|girls?|victims?|individuals?|inhabitants?|locals?|sailors?|pilots?|Russians?|Ukrainians?|others?)"
_INJ = r"(?:injur(?:ed|ies)|wounded|hurt|hospitali[sz]ed|received\s+injuries|sustained\s+injuries|suffered\s+injuries)"
_AREA_UNIT = r"(?P<unit>square\s+met(?:er|re)s?|sq\.?\s*m\b|m2\b|m²|hectares?|ha\b|square\s+kilomet(?:er|re)s?|sq\.?\s*km\b|km2\b|km²|acres?|square\s+feet|sq\.?\s*ft\b)"
_AREA_M2 = {"square": 1.0, "sq": 1.0, "m2": 1.0, "m²": 1.0}
_PERSONNEL = r"(?:(?:emergency|rescue|fire(?:fighting)?|security|police)\s+)?(?:personnel|firefighters|fire\s*fighters|rescuers|responders|emergency\s+workers|troops|servicemen|soldiers|police(?:\s+officers)?|officers|staff)"

# (key, pattern), each case-blind
_RULE_SOURCES: list[tuple[str, str]] = [
    # launched: "launched 40 drones", "attacked with 12 Shahed drones"
    ("drones_launched", rf"\b(?:launched|fired|sent|attacked\s+(?:\w+\s+)?with|used)\s+(?:[^.;]{{0,60}}?\band\s+)?{_N}\s+{_ADJ}{_DRONE}"),
    ("missiles_launched", rf"\b(?:launched|fired|sent|attacked\s+(?:\w+\s+)?with)\s+(?:[^.;]{{0,60}}?\band\s+)?{_N}\s+{_ADJ}{_MISSILE}"),
    ("drones_launched", rf"{_N}\s+{_ADJ}{_DRONE}\s+(?:were\s+|had\s+been\s+)?(?:launched|used|involved)"),
    ("missiles_launched", rf"{_N}\s+{_ADJ}{_MISSILE}\s+(?:were\s+|had\s+been\s+)?(?:launched|fired|involved)"),
    # intercepted: "intercept four drones", "shot down 11 Russian drones", "4 drones were shot down"
    ("drones_intercepted", rf"\b{_DOWN}\s+(?:a\s+total\s+of\s+|all\s+)?{_N}\s+{_ADJ}{_DRONE}"),
    ("missiles_intercepted", rf"\b{_DOWN}\s+(?:a\s+total\s+of\s+|all\s+)?{_N}\s+{_ADJ}{_MISSILE}"),
    ("drones_intercepted", rf"{_N}\s+(?:of\s+(?:the|them|these)\s+)?{_ADJ}{_DRONE}\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)(?:\w+\s+)?{_DOWN}"),
    ("missiles_intercepted", rf"{_N}\s+(?:of\s+(?:the|them|these)\s+)?{_ADJ}{_MISSILE}\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)(?:\w+\s+)?{_DOWN}"),
    # "launched 117 drones, of which 56 were shot down"
    ("drones_intercepted", rf"{_DRONE}\b[^.;]{{0,60}}?,\s+(?:of\s+which|of\s+them)\s+{_N}\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?{_DOWN}"),
    ("missiles_intercepted", rf"{_MISSILE}\b[^.;]{{0,60}}?,\s+(?:of\s+which|of\s+them)\s+{_N}\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?{_DOWN}"),
    ("shells_fired", rf"\b(?:fired|launched)\s+{_N}\s+{_ADJ}(?:shells|rounds|projectiles|mortars?\s+rounds|mines)\b"),
    ("shells_fired", rf"{_N}\s+{_ADJ}(?:artillery\s+)?(?:shells|rounds|projectiles)\s+(?:were\s+)?(?:fired|hit|landed|fell)"),
    # injured: "three people were wounded", "wounding 27 civilians", "2 - injured", "12 wounded"
    ("injured", rf"{_N}\s+{_ADJ}{_PEOPLE}\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|got\s+)?(?:also\s+|reportedly\s+|seriously\s+|slightly\s+|severely\s+)?{_INJ}\b"),
    ("injured", rf"\b(?:injuring|wounding|injured|wounded|injures|wounds|hurting)\s+(?:at\s+least\s+|another\s+)?{_N}(?!\s*(?:km|kilomet|met|hectare|%|percent))"),
    ("injured", rf"{_N}\s+(?:were\s+|others?\s+(?:were\s+)?)?(?:-\s+)?{_INJ}\b"),
    ("area_m2", rf"{_FLOOR}(?P<n>{_DIGITS}|{_WORDNUM})\s*{_AREA_UNIT}"),
    # personnel: "involving 121 emergency personnel", "200 troops were deployed", "deployed 50 firefighters"
    ("personnel", rf"\b(?:involving|involved|involves|deployed|deploying|sent|dispatched|mobili[sz]ed|with)\s+{_N}\s+{_PERSONNEL}\b"),
    ("personnel", rf"{_N}\s+{_PERSONNEL}\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:deployed|dispatched|sent|working|fighting|battling|involved|at\s+the\s+scene|mobili[sz]ed)"),
]  # fmt: skip


def _area(value: float, unit: str) -> int:
    u = unit.lower()
    if u.startswith("hect") or u == "ha":
        return int(value * 10_000)
    if "km" in u or "kilomet" in u:
        return int(value * 1_000_000)
    if u.startswith("acre"):
        return int(value * 4046.8564224)
    if "ft" in u or "feet" in u:
        return int(value * 0.09290304)
    return int(value)


def _value(m: re.Match[str]) -> int | None:
    return parse_number(m["n"])


# Each rule only runs near a word it cannot match without: finding the words first
# keeps extraction fast, because the rules themselves are costly to try at every position.
_ANCHORS = {
    "drones_launched": r"drone|uav|unmanned|shahed|geran|loitering",
    "missiles_launched": r"missile|rocket|iskander|kalibr|kinzhal",
    "shells_fired": r"shells|rounds|projectiles|mines",
    "injured": r"injur|wound|hurt|hospitali",
    "area_m2": r"\b(?:square|sq\b|m2\b|m²|hectares?\b|ha\b|km2\b|km²|acres?\b)",
    # the deployment verb, not the noun: "soldiers" and "police" are in most conflict reports
    "personnel": r"involv|deploy|dispatch|\bsent\b|mobili[sz]|at\s+the\s+scene|battling|\bwith\s+(?:more\s+than\s+|over\s+|about\s+|some\s+)?\d",
}
_ANCHORS["drones_intercepted"] = _ANCHORS["drones_launched"]
_ANCHORS["missiles_intercepted"] = _ANCHORS["missiles_launched"]
# For lower-cased text (see lower_exact), without re.I: about twice as fast; on ASCII,
# re.I and lower-casing agree exactly (its special case folds are non-ASCII).
_ANCHOR_LOW = {k: re.compile(v.lower()) for k, v in _ANCHORS.items()}


@lru_cache(maxsize=1)
def _anchor_rx() -> dict[str, re.Pattern[str]]:
    """The anchors with re.I, for the rare text that lower_exact refuses."""
    return {k: re.compile(v, re.I) for k, v in _ANCHORS.items()}


# Literal words, one of which an anchor's match always contains: `in` on the lower-cased
# text finds them far faster than a case-blind regex, and most texts have none.
_ANCHOR_WORDS = {
    "drones_launched": ("drone", "uav", "unmanned", "shahed", "geran", "loitering"),
    "missiles_launched": ("missile", "rocket", "iskander", "kalibr", "kinzhal"),
    "shells_fired": ("shells", "rounds", "projectiles", "mines"),
    "injured": ("injur", "wound", "hurt", "hospitali"),
    "area_m2": ("square", "sq", "m2", "m²", "hectare", "ha", "km2", "km²", "acre"),
    "personnel": ("involv", "deploy", "dispatch", "sent", "mobili", "scene", "battling", "with"),
}
_ANCHOR_WORDS["drones_intercepted"] = _ANCHOR_WORDS["drones_launched"]
_ANCHOR_WORDS["missiles_intercepted"] = _ANCHOR_WORDS["missiles_launched"]


@lru_cache(maxsize=1)
def _anchor_words() -> ahocorasick.Automaton:
    """Every anchor word with the rules that need it: one pass over a text says which
    rules' anchors may be in it (substrings, as `in` finds them)."""
    needed: dict[str, set[str]] = {}
    for key, words in _ANCHOR_WORDS.items():
        for w in words:
            needed.setdefault(w, set()).add(key)
    out = ahocorasick.Automaton()
    for w, keys in needed.items():
        out.add_word(w, frozenset(keys))
    out.make_automaton()
    return out


def _anchored(low: str) -> set[str]:
    """The rules with one of their anchor words in `low`."""
    out: set[str] = set()
    for _, keys in _anchor_words().iter(low):
        out |= keys
    return out


_DIGIT = re.compile(r"\d")
_BEFORE, _AFTER = 140, 70  # how far a rule reaches around its anchor word


def lower_exact(seg: str) -> str | None:
    """`seg` lower-cased, where a case-blind pattern of ASCII letters (and caseless marks
    such as ’ ² –), run without re.I on the result, matches exactly what it matches on
    `seg` with re.I, at the same offsets; else None.

    Lower-casing keeps every offset unless it changes the length ("İ"), and re.I agrees
    with it except on "ı" and "ſ", which re.I takes for "i" and "s" (checked over all of
    Unicode; lower-casing maps nothing else outside ASCII into it but the Kelvin sign,
    which re.I takes for "k" too)."""
    if seg.isascii():
        return seg.lower()
    low = seg.lower()
    if len(low) != len(seg) or "ı" in seg or "ſ" in seg:
        return None
    return low


@cache
def _rule(i: int, lowered: bool) -> re.Pattern[str]:
    """Rule i of _RULE_SOURCES, compiled when a text first has its anchor words (the rules
    take ~20 ms to compile; a text rarely needs them all): for lower-cased text (nearly
    all) without re.I, about twice as fast; for text lower_exact refuses, with re.I."""
    src = _RULE_SOURCES[i][1]
    return re.compile(src.lower().replace("(?p<", "(?P<")) if lowered else re.compile(src, re.I)


def _windows(
    key: str,
    text: str,
    start: int,
    end: int,
    low: str | None,
    anchors: dict[str, re.Pattern[str]],
) -> list[tuple[int, int, int]]:
    """The merged stretches of text around the anchor words of a rule, each with the end
    of its last anchor word (`low`: the lower-cased text[start:end], when the caller has
    it; `anchors`: _ANCHOR_LOW when `text` is itself lower-cased, else _anchor_rx())."""
    out: list[tuple[int, int, int]] = []
    if low is not None and not any(w in low for w in _ANCHOR_WORDS[key]):
        return out
    for m in anchors[key].finditer(text, start, end):
        a, b = max(start, m.start() - _BEFORE), min(end, m.end() + _AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b, m.end())
        else:
            out.append((a, b, m.end()))
    return out


# The rules that end with an injury word: every match ends where one does, after a space
# (so the word's own anchor starts it, not one overlapping from before), at most 3
# characters after that anchor ("injur" in "injuries", "hospitali" in "hospitalized"),
# and nothing in them looks past their end, so their search stops there rather than
# _AFTER characters on.
_INJ_TAIL = 3
_ENDS_WITH_INJ = frozenset(i for i, (_, src) in enumerate(_RULE_SOURCES) if src.endswith(_INJ))

# Words that rules after their noun ("12 missiles were fired") cannot match without, by
# index in _RULE_SOURCES: they rarely match, and are the costlier for starting with a
# number.  Looked for in the lower-cased text only where lower_exact allows (re.I takes
# "ſ" for "s").
_RULE_NEEDS: dict[int, tuple[str, ...]] = {
    2: ("launched", "used", "involved"),
    3: ("launched", "fired", "involved"),
    6: ("were", "was", "been"),
    7: ("were", "was", "been"),
    8: ("which", "them"),
    9: ("which", "them"),
    11: ("fired", "hit", "landed", "fell"),
    17: ("deployed", "dispatched", "sent", "working", "fighting", "battling", "involved",
         "scene", "mobili"),
}  # fmt: skip


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end]; the first mention of a key wins where two overlap."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    low = text[start:end].lower()
    # every rule needs an anchor word (one pass over the text) and a number
    anchored = _anchored(low)
    if not anchored or (not _DIGIT.search(text, start, end) and not _WORDY.search(low)):
        return out
    # The rules run on the lower-cased text where that is exact (see lower_exact);
    # one character before `start` is kept, for a \b there.
    lo = max(0, start - 1)
    lowered = lower_exact(text[lo:end])
    if lowered is not None:
        src, off, anchors = lowered, lo, _ANCHOR_LOW
    else:
        src, off, anchors = text, 0, _anchor_rx()
    windows: dict[str, list[tuple[int, int, int]]] = {}
    for i, (key, _) in enumerate(_RULE_SOURCES):
        if key not in anchored:
            continue  # what _windows would find: no anchor word, no window
        needs = _RULE_NEEDS.get(i) if lowered is not None else None
        if needs and not any(w in low for w in needs):
            continue
        anchor = _ANCHORS[key]
        spans = windows.get(anchor)
        if spans is None:
            spans = windows[anchor] = _windows(key, src, start - off, end - off, None, anchors)
        if not spans:
            continue
        rx = _rule(i, lowered is not None)
        if i in _ENDS_WITH_INJ:
            found = (m for a, b, z in spans for m in rx.finditer(src, a, min(b, z + _INJ_TAIL)))
        else:
            found = (m for a, b, _ in spans for m in rx.finditer(src, a, b))
        for m in found:
            a, b = m.start("n") + off, m.end() + off
            if any(a < y and b > x for x, y in taken):
                continue
            n = text[a : m.end("n") + off]  # as written, not lower-cased
            if key == "area_m2":
                try:
                    raw = n.replace(",", "").replace(" ", "")
                    v = float(raw) if raw[0].isdigit() else float(parse_number(n) or 0)
                except ValueError:
                    continue
                value: int | None = _area(v, text[m.start("unit") + off : m.end("unit") + off])
            else:
                value = parse_number(n)
            if value is None:
                continue
            out.append(Quantity(key, value, a, b))
            taken.append((a, b))
    out.sort(key=lambda q: q.start)
    return out
