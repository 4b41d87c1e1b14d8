"""People named in a text, so that "Baker said" is not the town of Baker.

News introduces a person once in full ("Mayor Tom Baker", "Kristina Flores, 34,") and
then by one name.  A run of capitalised words that starts with a common given name
makes the one or two names after it surnames for the whole document (one sense per
discourse), and the given name too, unless it is also a sizeable place ("Kristina",
not "Georgia").
The given names are the US Census lists (data/given-names.txt, scripts/given-names).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from truceline.geocode.finder import STOP_WORDS

__all__ = ["PersonNames", "given_names"]

# "Tom Baker", "Mary K. Flores", "Jean-Pierre Bemba", "Sean O'Leary".  The possessive
# quantifiers (++, *+) match as the plain ones would, since what follows each never
# starts with what it would give back; they spare the backtracking through every
# capitalised word that no second name follows, most of this pattern's cost.
_RUN = re.compile(r"[A-Z][a-z]++(?:[-'’][A-Z]?[a-z]++)*+(?:\s++(?:[A-Z]\.|[A-Z][\w'’-]+))+")
_POSSESSIVE = re.compile(r"['’]s?$")
# a title before a name the census lists lack: "President Barack Obama", "Gov. Ron DeSantis"
_TITLES = (
    "President", "Premier", "Chancellor", "Governor", "Gov.", "Senator", "Sen.", "Rep.",
    "Mayor", "Minister", "Secretary", "Judge", "Mr.", "Mrs.", "Ms.", "Dr.", "General", "Gen.",
    "Col.", "Capt.", "Sgt.", "Sheriff", "Rev.",
)  # fmt: skip
_TITLED = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, _TITLES))})((?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){{1,3}})"
)
# any title at all, as a plain alternation: one scan, where 23 `in` tests take 2.5 times as long
_ANY_TITLE = re.compile("|".join(map(re.escape, _TITLES)))


# words that end a run as a thing, not a person: "Alton Edwardsville Road"
_THINGS = frozenset({
    "road", "street", "avenue", "highway", "bridge", "police", "department", "city", "county",
    "council", "district", "school", "university", "college", "hospital", "church", "park",
    "center", "centre", "museum", "company", "bank", "commission", "service", "board", "court",
    "river", "lake", "bay", "beach", "island", "valley", "mountain", "airport", "station",
    "state", "republic", "empire",
})  # fmt: skip


@cache
def given_names() -> frozenset[str]:
    """The census given names, less those that are also common words ("In", "June")."""
    ref = resources.files("truceline.geocode") / "data" / "given-names.txt"
    with ref.open(encoding="utf-8") as f:
        names = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return frozenset(n for n in names if len(n) > 2 and n not in STOP_WORDS)


class PersonNames:
    """The surnames, and given names, that `text` uses for people."""

    __slots__ = ("given", "surnames")

    def __init__(self, text: str) -> None:
        names = given_names()
        self.surnames: set[str] = set()
        self.given: set[str] = set()
        for m in _RUN.finditer(text):
            words = m.group(0).split()
            # the run may start with a title or a place ("President Joe Biden",
            # "Houston resident Ana Flores"): a person starts at any given name in it
            for i, w in enumerate(words[:-1]):
                if w.lower() not in names and w.split("-")[0].lower() not in names:
                    continue  # "Jean-Pierre" by its first part
                # "Mary Ann Flores": each of the next two names may be the one used later
                rest = [_POSSESSIVE.sub("", x) for x in words[i + 1 : i + 4] if x[-1] != "."]
                if rest and not any(x.lower() in _THINGS for x in rest):
                    self.surnames.update(rest[:2])
                    self.given.add(w)
                break

        # most texts have no title: _ANY_TITLE says so far faster than _TITLED's scan
        if not _ANY_TITLE.search(text):
            return
        for m in _TITLED.finditer(text):
            words = [w for w in m.group(1).split() if w[-1] != "."]
            if words:
                self.surnames.add(_POSSESSIVE.sub("", words[-1]))

    def __contains__(self, name: str) -> bool:
        return name in self.surnames

    def __bool__(self) -> bool:
        return bool(self.surnames)
