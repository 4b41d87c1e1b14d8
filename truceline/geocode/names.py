"""Name keys and romanisation: how a place name written any way finds its gazetteer entry.

Every name in the gazetteer is stored under a *folded* key (lower case, accents and
apostrophes dropped), so "Kyïv", "KYIV" and "Kyiv" meet.  Cyrillic names of the theatre
(UA, RU, BY) are also stored under the Latin spellings that the usual romanisation
systems give them -- Ukrainian national (2010), a press style with "y", and Russian
BGN -- so "Zaporizhzhia", "Zaporizhzhya" and "Zaporozhye" all reach the city from its
Cyrillic names, without a hand-kept list per town.  A looser *skeleton* key catches the
spellings no system produces ("Zaporizhia", "Kharkov'").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from operator import itemgetter

__all__ = ["common_words", "fold", "has_cyrillic", "romanise", "skeleton"]

_APOSTROPHES = re.compile(r"['’ʼ`´ʹʻ\"“”«»]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_./,()]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def common_words() -> frozenset[str]:
    """Frequent English common words ("much", "union", "farmers"): data/common-words.txt,
    written by scripts/common-words."""
    ref = resources.files("truceline.geocode") / "data" / "common-words.txt"
    with ref.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


def fold(name: str) -> str:
    """The lookup key of a name: lower case, no accents, apostrophes or hyphens."""
    if name.isascii():  # most names: no accents to strip
        s = name.lower()
        if s.isalpha():  # one plain word: no apostrophe or separator to replace
            return s
        s = _APOSTROPHES.sub("", s)
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = _APOSTROPHES.sub("", s.lower())
    return _SEPARATORS.sub(" ", s).strip()


def has_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC.search(name))


# Letters that read the same in every system used here.
_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
# Ukrainian national system (KMU 2010): initial forms differ from medial ones.
_UA_NATIONAL = {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "й": "i", "є": "ie", "ю": "iu",
                "я": "ia", "ы": "y", "э": "e", "ё": "e"}  # fmt: skip
_UA_INITIAL = {"ї": "yi", "й": "y", "є": "ye", "ю": "yu", "я": "ya"}
# The "y" style of much English-language press: Mykolayiv, Zaporizhzhya, Kyyiv.
_UA_PRESS = {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "й": "y", "є": "ye", "ю": "yu",
             "я": "ya", "ы": "y", "э": "e", "ё": "e"}  # fmt: skip
# Russian BGN/PCGN, simplified as news wires write it (no diacritics).
_RU_BGN = {"г": "g", "ґ": "g", "и": "i", "і": "i", "ї": "yi", "й": "y", "є": "ye", "ю": "yu",
           "я": "ya", "ы": "y", "э": "e", "ё": "e"}  # fmt: skip
_VOWELS_SIGNS = set("аеёиіїоуыэюяєьъ")


def _apply(name: str, table: dict[str, str], initial: dict[str, str] | None = None) -> str:
    out: list[str] = []
    prev = " "
    for ch in name.lower():
        if initial and ch in initial and not prev.isalpha():
            out.append(initial[ch])
        elif ch == "г" and prev == "з" and table is not _RU_BGN:
            out.append("gh")  # зг is "zgh", keeping it apart from ж
        elif ch == "е" and table is _RU_BGN and (not prev.isalpha() or prev in _VOWELS_SIGNS):
            out.append("ye")
        elif ch in table:
            out.append(table[ch])
        elif ch in _COMMON:
            out.append(_COMMON[ch])
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def romanise(name: str) -> set[str]:
    """Folded Latin spellings of a Cyrillic name under the usual systems."""
    if not has_cyrillic(name):
        return set()
    forms = {
        _apply(name, _UA_NATIONAL, _UA_INITIAL),
        _apply(name, _UA_PRESS),
        _apply(name, _RU_BGN),
    }
    return {fold(f) for f in forms if f and not has_cyrillic(f)}


_SKELETON_RULES = [
    ("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
    ("ch", "c"), ("sh", "s"), ("j", "i"), ("y", "i"), ("g", "h"), ("w", "v"), ("ph", "f"),
    ("x", "ks"),
]  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
_FIRST_OF_RUN = itemgetter(1)  # a callable, not r"\1": sub() then needs no template
_I_ENDING = re.compile(r"i[ie]?$")


def skeleton(name: str) -> str:
    """A loose key for romanisations no system produces: "Zaporizhia" ~ "Zaporizhzhia".

    Digraphs are reduced to one letter, i/y/j merge, g/h merge (Russian vs Ukrainian
    г), doubled letters collapse, and endings -iy/-yi/-ii become -i.
    """
    s = fold(name).replace(" ", "")
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    s = _DOUBLED.sub(_FIRST_OF_RUN, s)
    return _I_ENDING.sub("i", s)
