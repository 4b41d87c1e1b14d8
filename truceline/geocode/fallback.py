"""Names that match no gazetteer entry as written: other forms of the same name.

A span left unresolved is the worst possible answer, so a name the gazetteer does not
know is tried in other forms before the document's focus is taken instead:
  - administrative and feature words dropped: "Readington Township", "West Chester
    Twp.", "Town of Groton", "Catawba River", "Las Vegas Valley";
  - a direction before the name dropped: "South Los Angeles", "northern Nigeria";
  - demonyms turned back into their place: "Iowans", "Dagestani", "South Ossetian",
    "Londoner", "Gazans";
  - the parts of a longer name, longest first;
  - a loose (edit-distance) match among the larger places, for misspellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz, process, utils

from truceline.geocode.gazetteer import Candidate, Gazetteer
from truceline.geocode.names import fold

__all__ = ["fallback_candidates", "fuzzy_in_region", "name_variants"]

_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:town|city|village|borough|township|county|port|province|state|"
    r"district|municipality|republic)\s+of\s+)",
    re.I,
)
_SUFFIX = re.compile(
    r"\s+(?:twp\.?|township|borough|boro|village|town|city|county|co\.|parish|district|"
    r"region|area|valley|river|creek|lake|bay|island|islands|falls|national\s+park|"
    r"national\s+lakeshore|national\s+forest|state\s+park|park|heights|hills?|beach|"
    r"mountains?|harbou?r|airport|metro(?:politan)?\s+area|peninsula|coast|strip|delta|canal|"
    r"gorge|basin|desert|plateau|dam|reservoir|forest|gulf|straits?|pass)$",
    re.I,
)
_DIRECTION = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|north[\s-]?east(?:ern)?|"
    r"north[\s-]?west(?:ern)?|south[\s-]?east(?:ern)?|south[\s-]?west(?:ern)?|central|"
    r"upper|lower|greater|downtown|mid|rural|inner|outer|metro)\s+",
    re.I,
)
# Demonym endings and what the place name ends with instead (Iowans -> Iowa).
_DEMONYM_ENDINGS = [
    ("ians", "ia"), ("ian", "ia"), ("ians", "y"), ("ian", "y"), ("ians", "o"), ("ian", "o"),
    ("ans", "a"), ("an", "a"), ("ans", ""), ("an", ""), ("ers", ""), ("er", ""),
    ("ites", ""), ("ite", ""), ("is", ""), ("i", ""), ("ese", ""), ("ese", "a"),
    ("ish", ""), ("s", ""),
]  # fmt: skip


def name_variants(name: str) -> Iterator[str]:
    """Other forms of `name` that the gazetteer may know, best first."""
    name = name.strip(" .,;:'’\"()")
    seen = {fold(name)}

    def new(v: str) -> bool:
        k = fold(v)
        if len(k) < 3 or k in seen:
            return False
        seen.add(k)
        return True

    stripped = _SUFFIX.sub("", _PREFIX.sub("", name))
    if new(stripped):
        yield stripped
    for base in (name, stripped):
        plain = _DIRECTION.sub("", base)
        if plain != base and new(plain):
            yield plain
    for base in (name, _DIRECTION.sub("", name)):
        if base[:1].isupper():
            for end, repl in _DEMONYM_ENDINGS:
                if base.endswith(end) and len(base) - len(end) >= 3:
                    v = base[: -len(end)] + repl
                    if new(v):
                        yield v
    words = re.findall(r"[^\W\d_][\w’'.-]*", stripped)
    if len(words) > 1:
        for n in range(len(words) - 1, 0, -1):  # the parts, longest first, the last first
            for i in range(len(words) - n, -1, -1):
                part = " ".join(words[i : i + n])
                if (
                    part[:1].isupper()
                    and len(part) >= 4
                    and not _DIRECTION.match(part + " ")
                    and not _SUFFIX.match(" " + part)
                    and new(part)
                ):
                    yield part


def fallback_candidates(gaz: Gazetteer, name: str) -> tuple[tuple[Candidate, ...], str]:
    """Candidates for a name the gazetteer lacks, and how they were found ("" if none)."""
    for v in name_variants(name):
        found = tuple(c for c in gaz.candidates(v) if c.kind != 4 or " " not in v)
        if found:
            return found, "variant"
    key = fold(name)
    if len(key) >= 5:
        pool = gaz.major_names(key)
        hit = process.extractOne(key, [k for k, _i in pool], scorer=fuzz.ratio, score_cutoff=88)
        if hit:
            place = gaz.place(pool[hit[2]][1])
            if place is not None:
                return (place,), "fuzzy"
    return (), ""


def fuzzy_in_region(gaz: Gazetteer, name: str, cc: str, admin1: str) -> Candidate | None:
    """The place of one region whose name is closest to `name` ("Iskryskivshchyna" for
    "Iskrykivshchyna, Sumy"), if one is close enough."""
    places = gaz.region_places(cc, admin1)
    if not places:
        return None
    hit = process.extractOne(
        name,
        [k for k, _c in places],
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=85,
    )
    return places[hit[2]][1] if hit else None
