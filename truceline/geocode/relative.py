"""Relative places: "near X", "20 km north of X", "the outskirts of X", "X region".

Each reading says where the event is with respect to a named place, and how precisely:
a point (possibly offset along a bearing, computed on the WGS84 ellipsoid), a radius
of uncertainty in km, and ACLED's geo_precision (1 the place itself, 2 near it or a
part of a region, 3 only the region is known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Relation", "offset", "relation_after", "relation_before", "relation_later"]


@lru_cache(maxsize=1)
def _wgs84() -> Any:
    """The WGS84 ellipsoid of geographiclib: Karney's geodesics, the algorithm PROJ (and
    so pyproj) uses, in a package that imports in a millisecond where pyproj takes 80."""
    from geographiclib.geodesic import Geodesic

    return Geodesic.WGS84


BEARINGS = {
    "north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135,
    "south-east": 135, "south": 180, "southwest": 225, "south-west": 225, "west": 270,
    "northwest": 315, "north-west": 315, "northern": 0, "southern": 180, "eastern": 90,
    "western": 270, "north east": 45, "south east": 135, "south west": 225, "north west": 315,
}  # fmt: skip
_BEARING = (
    r"(north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|north|south|east|west)"
)
_UNIT = r"(km|kms|kilometers|kilometres|kilometer|kilometre|mi|miles|mile|m|meters|metres)"
_NUM = r"(\d+(?:[.,]\d+)?|a few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty)"
_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "a few": 3, "several": 5}  # fmt: skip

# Patterns that end right before the place name.
_DISTANCE = re.compile(
    rf"\b{_NUM}[\s-]*{_UNIT}\s+(?:\(\d+(?:\.\d+)?\s*\w+\)\s+)?(?:to\s+the\s+)?(?:{_BEARING}\s+)?"
    rf"(?:of|from|away\s+from|outside(?:\s+of)?)\s+(?:the\s+)?(?:(?:town|city|village|settlement|center|centre)\s+of\s+)?$",
    re.I,
)
_NEAR = re.compile(
    r"\b(near|nearby|close\s+to|not\s+far\s+from|in\s+the\s+vicinity\s+of|around|outside(?:\s+of)?|"
    r"on\s+the\s+approaches\s+to|in\s+the\s+area\s+of|(?:in\s+)?the\s+direction\s+of|towards?)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|settlement)\s+of\s+)?$",
    re.I,
)
_OUTSKIRTS = re.compile(r"\b(outskirts|suburbs?|environs|periphery|edge)\s+of\s+(?:the\s+)?$", re.I)
_PART = re.compile(rf"\b{_BEARING}(?:ern)?\s+(?:part\s+of\s+|parts\s+of\s+)?(?:the\s+)?$", re.I)
_DIR_OF = re.compile(rf"\b{_BEARING}\s+of\s+(?:the\s+)?$", re.I)
_REGION_AFTER = re.compile(
    r"^(?:[’']s)?\s+(region|oblast|krai|kray|province|governorate|district|raion|rayon|"
    r"county|parish|state|area|republic|territory)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # "at", "near", "outskirts", "offset", "part", "region", "area"
    precision: int
    distance_km: float = 0.0
    bearing: float | None = None
    end: int = 0  # where the relation's words end (after the name), for "X region"


def _number(s: str) -> float:
    s = s.lower()
    return float(_WORDS[s]) if s in _WORDS else float(s.replace(",", "."))


def _km(n: float, unit: str) -> float:
    unit = unit.lower()
    if unit.startswith("mi"):
        return n * 1.609344
    if unit in ("m", "meters", "metres"):
        return n / 1000
    return n


_AT = Relation("at", 1)
# Every pattern above ends with one of these words and then spaces.
_LAST_WORDS = frozenset(
    ["of", "from", "outside", "the", "near", "nearby", "to", "around", "towards", "toward"]
)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# The patterns each last word can end: a bearing ends only _PART, "near" only _NEAR.
_ENDS_NEAR_ONLY = frozenset(["near", "nearby", "to", "around", "towards", "toward"])
# Of these, the words that are the whole of _NEAR's match ("near "): no search needed.
_NEAR_ALONE = frozenset(["near", "nearby", "around", "towards", "toward"])


def _last_word(window: str) -> str | None:
    """The word (ASCII letters) that `window` ends with before its trailing spaces, lower
    case; None unless the window ends in spaces after such a word.  A scan back from the
    end: a regex anchored at the end would be tried at every position of the window."""
    if not window[-1:].isspace():
        return None
    s = window.rstrip()
    i = j = len(s)
    while i > 0 and s[i - 1] in _ASCII_LETTERS:
        i -= 1
    return s[i:j].lower() if i < j else None


def relation_before(text: str, start: int) -> Relation:
    """The relation the words before text[start] set up for the place named there."""
    window = text[max(0, start - 80) : start]
    # On ASCII text every pattern needs the window to end in spaces after one of
    # _LAST_WORDS or a bearing ("north", "south-east"); which word it is tells which
    # patterns can match at all.
    if window.isascii():
        w = _last_word(window)
        if w is None:
            return _AT
        if w not in _LAST_WORDS:
            if not w.startswith(("north", "south", "east", "west")):
                return _AT
            # "north ", "southern ": only _PART ends with a bearing
            if m := _PART.search(window):
                return Relation(
                    "part", 2, 0.0, float(BEARINGS[re.sub(r"[\s-]", "", m.group(1).lower())])
                )
            return Relation("at", 1)
        if w in _NEAR_ALONE:
            # _NEAR's \b before the word is all there is left to test
            before = window.rstrip()[: -len(w)][-1:]
            near = not (before.isalnum() or before == "_")
            return Relation("near", 2, 10.0) if near else Relation("at", 1)
        if w in _ENDS_NEAR_ONLY:
            return Relation("near", 2, 10.0) if _NEAR.search(window) else Relation("at", 1)
    if m := _DISTANCE.search(window):
        km = _km(_number(m.group(1)), m.group(2))
        bearing = m.group(3)
        if bearing:
            b = BEARINGS[re.sub(r"\s+", " ", bearing.lower())]
            return Relation("offset", 2, km, float(b))
        return Relation("offset", 2, km, None)
    if _OUTSKIRTS.search(window):
        return Relation("outskirts", 2, 5.0)
    if _NEAR.search(window):
        return Relation("near", 2, 10.0)
    if m := _DIR_OF.search(window):
        return Relation("near", 2, 15.0, float(BEARINGS[re.sub(r"[\s-]", "", m.group(1).lower())]))
    if m := _PART.search(window):
        return Relation("part", 2, 0.0, float(BEARINGS[re.sub(r"[\s-]", "", m.group(1).lower())]))
    return Relation("at", 1)


def relation_after(text: str, end: int) -> Relation | None:
    """ "X region", "X Oblast", "X area" right after the name: the place is the region."""
    # every reading starts with a space or an apostrophe ("X's region")
    if end >= len(text) or not (text[end].isspace() or text[end] in "’'"):
        return None
    m = _REGION_AFTER.match(text[end : end + 30])
    if not m:
        return None
    word = m.group(1).lower()
    if word == "area":
        return Relation("area", 2, 15.0, end=end + m.end())
    return Relation("region", 3, 0.0, end=end + m.end())


# "the SMM heard 12 explosions 4-6km north-west": a distance and bearing from where the
# observer was, named before ("while in Horlivka"), with no "of X" after it
_FROM_OBSERVER = re.compile(
    rf"\b(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(\d+(?:[.,]\d+)?))?\s*{_UNIT}\s+{_BEARING}\b(?!\s+(?:of|from)\b)",
    re.I,
)


def relation_later(text: str, start: int, end: int) -> Relation | None:
    """A distance and bearing later in text[start:end] that say where, from the place
    named just before `start`, the event was seen or heard (monitors' reports)."""
    m = _FROM_OBSERVER.search(text, start, end)
    if m is None:
        return None
    low, high = _number(m.group(1)), _number(m.group(2) or m.group(1))
    km = _km((low + high) / 2, m.group(3))  # a range: its middle
    bearing = BEARINGS[re.sub(r"\s+", " ", m.group(4).lower())]
    return Relation("offset", 2, km, float(bearing))


def offset(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` along `bearing` (degrees from north) from (lat, lon), on WGS84."""
    g = _wgs84().Direct(lat, lon, bearing, km * 1000.0)
    return round(g["lat2"], 5), round(g["lon2"], 5)
