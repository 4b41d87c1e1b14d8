"""One name per region in the report, however the sources spelt it.

Incidents carry the admin-1 name their sources gave ("Moskva", "Moscow Oblast",
"Московская область") or the geocoder's.  The report counts per region, so
spellings of one region must land in one row.  With a gazetteer, a name is
resolved to its admin-1 entry (alternate names, romanisations and Cyrillic
included) and shown under the gazetteer's admin-1 name.  Without one, or for
a name it does not know, names are grouped by a folded key with the kind of
region ("oblast", "krai", "region") stripped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from truceline.geocode.names import fold

if TYPE_CHECKING:
    from truceline.geocode import Gazetteer

__all__ = ["RegionNames"]

_KIND = re.compile(
    r"\b(oblast|oblast s|region|province|krai|kray|raion|rayon|republic|respublika|"
    r"governorate|city|gorod|misto|область|край|республика|регион|oblys)\b"
)


# Russian and Ukrainian adjectival forms of a region's name: Kurskaya, Krasnodarskiy, Kyivska.
_ADJ = re.compile(r"(?:sk(?:aya|iy|ij|yi|yy|a|oy|oi|ii)?|s?kaya)$")


def _key(name: str) -> str:
    words = _KIND.sub(" ", fold(name)).split() or fold(name).split()
    return " ".join(_ADJ.sub("", w) or w for w in words)


class RegionNames:
    """Maps (admin1 as stated, country code) to the name the report shows."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str], str] = {}
        self._first: dict[tuple[str, str], str] = {}

    def _from_gazetteer(self, name: str, cc: str) -> str | None:
        if self.gazetteer is None:
            return None
        cands = [c for c in self.gazetteer.candidates(name) if not cc or c.cc == cc]
        # an admin-1 entry first; else a town of that name stands for its region
        for c in sorted(cands, key=lambda c: (not c.fcode.startswith("ADM1"), c.kind)):
            if c.fcode.startswith("ADM1") or c.fclass == "P":
                return self.gazetteer.admin1_name(c.cc, c.admin1)
        return None

    def name(self, admin1: str | None, country_code: str | None = None) -> str | None:
        """The region's display name (None stays None)."""
        if not admin1 or not admin1.strip():
            return None
        cc = (country_code or "").upper()
        hit = self._cache.get((admin1, cc))
        if hit is not None:
            return hit
        out = self._from_gazetteer(admin1, cc)
        if out is None:
            # unknown to the gazetteer: group by the folded key, shown as first spelt
            out = self._first.setdefault((_key(admin1), cc), " ".join(admin1.split()))
        self._cache[(admin1, cc)] = out
        return out
