"""Which place each name of a document means: a score over each name's candidates.

  - prior: population (log), feature (country, region, capital, sea, town), how the
    name matched (its own name, an alternate, a romanisation, a loose skeleton);
  - explicit hints: "Alexandria, Louisiana", "Petrivka, Kharkiv" (the region or country
    right after the name: a village not in that region is looked for loosely within
    it, else the region itself is given), "X region", "X County";
  - one sense per document: every mention of a name gets the same place;
  - focus: the countries and regions that the document's *other* names agree on, and
    the distance to their places (a second pass, once every name has a first pick).

Speed matters (news archives): names are scored once per distinct name in a document,
priors are cached per name, and distances are computed for the best few only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from truceline.geocode.finder import Mention
from truceline.geocode.gazetteer import Candidate
from truceline.geocode.relative import relation_after

__all__ = ["Resolved", "apply_hints", "focus", "km", "pick_all", "prior", "within"]

_FEATURE_PRIOR = {
    "PCLI": 4.0, "CONT": 4.5, "ADM1": 2.0, "PPLC": 2.0, "ADM2": -1.5,
    "OCN": 5.0, "SEA": 5.0, "GULF": 5.0, "BAY": 4.0, "STRT": 4.0, "CHN": 4.0, "SND": 4.0,
    "LK": 4.0, "LKS": 4.0, "STM": 3.5, "MTS": 4.0, "RGN": 4.5, "PEN": 4.0, "DSRT": 4.0,
    "ISL": 4.0, "PS": 4.0,
}  # fmt: skip
_KIND_PRIOR = {0: 0.6, 1: 0.0, 2: -0.2, 3: -1.5, 4: 0.0}
_ADMIN_WORDS = re.compile(
    r"\b(county|parish|oblast|krai|kray|province|region|raion|rayon|district|state)\b", re.I
)
# "the state of Washington", "the province of Buenos Aires"
_ADMIN_BEFORE = re.compile(
    r"\b(?:state|province|region|oblast|county|parish|district|governorate)\s+of\s+$", re.I
)
# ", Syria", " and Syria", and the serial comma's ", and Syria"
_LIST_GOES_ON = re.compile(r"^\s*(?:,(?:\s*(?:and|or|&))?|and|or|&)\s+[A-ZА-ЯЁІЇЄҐ]")
_TOP_FOR_DISTANCE = 12
_W_COUNTRY, _W_REGION = 4.0, 2.0  # how much the other names of a document count
# "Petrivka, Kharkiv", "Stepanivka village, Kherson", "Paris (Texas)"
_PAIR = re.compile(r"(?:\s+(?:village|town|city|settlement|hromada|district|raion))?,\s*|\s+\(")


@dataclass(slots=True)
class Resolved:
    """A mention with its candidates and the one picked."""

    mention: Mention
    candidates: tuple[Candidate, ...]
    best: Candidate | None = None
    score: float = 0.0
    hint: tuple[str, str] | None = None  # (cc, admin1) from "X, Region"
    hint_cc: str | None = None  # from "X, Country"
    is_hint: bool = False  # this mention is the ", Region" of the previous one
    key: str = ""  # folded name: one sense per document
    via: str = ""  # how candidates were found when the name itself was not: variant, ...


def prior(c: Candidate, explicit_admin: bool, towns: set[tuple[str | None, str]]) -> float:
    """What a candidate is worth before the document's other names are read."""
    s = math.log10(c.population + 10) + _FEATURE_PRIOR.get(c.fcode, 0.0)
    s += _KIND_PRIOR.get(c.kind, 0.0)
    if c.fcode in ("ADM1", "ADM2"):
        if explicit_admin:
            s += 4.0
        elif (c.cc, c.admin1) in towns:
            s -= 2.5  # "Sumy" alone is the town, "Sumy region" the oblast
    elif explicit_admin and c.fclass == "P":
        s -= 3.0
    if c.layer in ("import", "local"):
        s += 1.0
    return s


def _unsplit(
    rows: list[tuple[float, Candidate]], towns: set[tuple[str | None, str]]
) -> list[tuple[float, Candidate]]:
    """A town and the region named after it ("Gaza" and its governorate) split one
    sense between them, and `prior` marks the region down so that the town wins; a
    namesake elsewhere (Gaza province, Mozambique) must not win by that split.  The
    pair's better member is lifted just above such a namesake, never above what the
    region was worth: the document's other names can still decide."""
    home = {
        (c.cc, c.admin1): prior(c, False, set())
        for _s, c in rows
        if c.fcode == "ADM1" and (c.cc, c.admin1) in towns
    }
    if not home:
        return rows
    lifted = list(rows)
    for key, worth in home.items():
        pair = [i for i, (_s, c) in enumerate(rows) if (c.cc, c.admin1) == key]
        rival = max((s for s, c in rows if (c.cc, c.admin1) != key), default=None)
        best = max(pair, key=lambda i: rows[i][0])
        if rival is not None and rows[best][0] <= rival < worth:
            lifted[best] = (rival + 0.01, rows[best][1])
    return sorted(lifted, key=lambda x: -x[0])


def _capital_first(rows: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """A national capital named alone is the capital, not a larger region of its own
    country that happens to share its name but does not contain it ("Washington",
    "Buenos Aires"); "Washington state" is explicit and never reaches here."""
    top = rows[0][1] if rows else None
    if top is None or top.fcode != "ADM1":
        return rows
    for i, (_s, cap) in enumerate(rows):
        if cap.fcode == "PPLC" and cap.cc == top.cc and cap.admin1 != top.admin1:
            lifted = [(rows[0][0] + 0.01, cap), *rows[:i], *rows[i + 1 :]]
            return lifted
    return rows


def within(c: Candidate, region: Candidate) -> bool:
    if c.id == region.id or c.cc != region.cc:
        return False
    if region.fcode == "PCLI":
        return True
    if region.fcode == "ADM2":
        return c.admin1 == region.admin1 and c.admin2 == region.name
    return c.admin1 == region.admin1 and c.fcode != "ADM1"


def apply_hints(text: str, items: list[Resolved]) -> list[tuple[Resolved, Candidate]]:
    """Mark "X, Region" and "X (Country)" pairs; returns the (X, region) pairs where X
    has no candidate inside the region it is said to be in."""
    orphans: list[tuple[Resolved, Candidate]] = []
    for a, b in zip(items, items[1:], strict=False):
        e = a.mention.end
        # _PAIR starts with a comma or a space: most pairs are told apart by one character
        if e >= b.mention.start or not (text[e] == "," or text[e].isspace()):
            continue
        if not _PAIR.fullmatch(text, e, b.mention.start):
            continue
        regions = [c for c in b.candidates if c.fcode in ("ADM1", "ADM2", "PCLI")]
        if not regions:
            continue
        inside = [r for r in regions if any(within(c, r) for c in a.candidates)]
        listed = bool(_LIST_GOES_ON.match(text[b.mention.end : b.mention.end + 40]))
        if listed and any(c.fcode in ("ADM1", "PCLI") for c in a.candidates):
            continue  # "Georgia, Oklahoma, Pennsylvania and California": a list of states
        if inside:
            r = max(inside, key=lambda r: (r.fcode != "ADM2", r.population))
        else:
            # "Petrivka, Kharkiv" where the gazetteer's Petrivkas lie elsewhere: the
            # region still says where, unless X is a city in its own right or the pair
            # is part of a list ("Kyiv, Kharkiv and Odesa").
            after = relation_after(text, b.mention.end)
            said = after is not None and after.kind == "region"
            big = any(c.population >= 100_000 or c.fclass == "A" for c in a.candidates)
            admin1 = [r for r in regions if r.fcode == "ADM1"]
            if not admin1 or not (said or (not big and not listed)):
                continue
            r = max(admin1, key=lambda r: r.population)
            orphans.append((a, r))
        b.is_hint = True
        b.best, b.score = r, 1.0
        if r.fcode == "PCLI":
            a.hint_cc = r.cc
        else:
            a.hint = (r.cc or "", r.admin1)
    return orphans


def focus(groups: list[list[Resolved]]) -> tuple[Counter, Counter]:
    """The countries and (country, admin-1) regions the groups' picks point to."""
    # summed in plain dicts (Counter's += calls __missing__ for each new key), in order
    countries: dict[str, float] = {}
    regions: dict[tuple[str, str], float] = {}
    for g in groups:
        r = g[0]
        if r.best is None or r.best.cc is None:
            continue
        w = r.score * (1 + 0.25 * (len(g) - 1))
        countries[r.best.cc] = countries.get(r.best.cc, 0) + w
        if r.best.fcode != "PCLI" and r.best.admin1:
            key = (r.best.cc, r.best.admin1)
            regions[key] = regions.get(key, 0) + w
    return Counter(countries), Counter(regions)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _group_score(g: list[Resolved]) -> None:
    """Spread the group's pick to all its mentions."""
    head = g[0]
    for r in g[1:]:
        r.best, r.score = head.best, head.score


def pick_all(
    text: str,
    groups: list[list[Resolved]],
    priors: dict[tuple[str, bool], list[tuple[float, Candidate]]] | None = None,
) -> None:
    """Two passes over the distinct names: priors and hints, then the document's focus.
    `priors` caches each name's candidates with their priors across documents."""
    priors = {} if priors is None else priors
    scored: list[list[tuple[float, Candidate]]] = []
    for g in groups:
        head = g[0]
        if head.is_hint and head.best is not None:
            scored.append([])
            continue
        after = relation_after(text, head.mention.end)
        explicit = (
            bool(_ADMIN_WORDS.search(head.mention.name))
            or (after is not None and after.kind == "region")
            or _admin_before(text, head.mention.start)
        )
        key = (head.key + "|" + head.via, explicit)
        rows = priors.get(key) if not head.via.startswith("region") else None
        if rows is None:
            towns = {(c.cc, c.admin1) for c in head.candidates if c.fclass == "P"}
            rows = sorted(
                ((prior(c, explicit, towns), c) for c in head.candidates), key=lambda x: -x[0]
            )
            if not explicit:
                rows = _capital_first(_unsplit(rows, towns))
            if not head.via.startswith("region"):
                if len(priors) > 100_000:
                    priors.clear()
                priors[key] = rows
        hint = hint_cc = None
        for r in g:  # the first of each the group's mentions give
            if r.hint and hint is None:
                hint = r.hint
            if r.hint_cc and hint_cc is None:
                hint_cc = r.hint_cc
        if hint or hint_cc:
            rows = sorted(
                (
                    (
                        s
                        + (8.0 if hint and (c.cc, c.admin1) == hint else 0.0)
                        + (6.0 if hint_cc and c.cc == hint_cc else 0.0),
                        c,
                    )
                    for s, c in rows
                ),
                key=lambda x: -x[0],
            )
        scored.append(rows)
        _choose(head, rows)
        _group_score(g)
    # the focus pass runs again when a pick changed: "Georgia" the state, once the
    # story is seen to be American, changes what the other names see
    if _focus_pass(groups, scored):
        _focus_pass(groups, scored)


def _admin_before(text: str, start: int) -> bool:
    """ "the state of Washington": _ADMIN_BEFORE, run only when the words before the
    name end with "of" and spaces, as every match of it does (few names)."""
    lo = max(0, start - 30)
    i = start
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i == start or i - lo < 2 or text[i - 2 : i].lower() != "of":
        return False
    return _ADMIN_BEFORE.search(text, lo, start) is not None


def _weight(g: list[Resolved]) -> float:
    return g[0].score * (1 + 0.25 * (len(g) - 1))


def _add(countries: dict, regions: dict, g: list[Resolved], sign: float) -> None:
    c = g[0].best
    if c is None or c.cc is None:
        return
    w = sign * _weight(g)
    countries[c.cc] = countries.get(c.cc, 0) + w
    if c.fcode != "PCLI" and c.admin1:
        key = (c.cc, c.admin1)
        regions[key] = regions.get(key, 0) + w


def _focus_pass(groups: list[list[Resolved]], scored: list[list[tuple[float, Candidate]]]) -> bool:
    """Rescore every ambiguous name with the focus the other names set, the surest
    names first, each new pick counting at once for the names after it; True if any
    pick changed."""
    if all(len(rows) < 2 for rows in scored):
        return False  # no name to rescore (half the documents): the focus is not needed
    changed = False
    # plain dicts, not Counters: the same sums in the same order, without Counter's costs
    countries: dict[str, float] = {}
    regions: dict[tuple[str, str], float] = {}
    for g in groups:
        _add(countries, regions, g, 1.0)
    picks = {
        i: g[0].best
        for i, g in enumerate(groups)
        if g[0].best is not None and g[0].best.fclass in ("P", "A") and g[0].best.fcode != "PCLI"
    }
    order = sorted(range(len(groups)), key=lambda i: -groups[i][0].score)
    for i in order:
        g, rows = groups[i], scored[i]
        if len(rows) < 2:
            continue
        head = g[0]
        own = head.best
        # the focus as the *other* names set it
        _add(countries, regions, g, -1.0)
        c_tot = sum(v for v in countries.values() if v > 0)
        r_tot = sum(v for v in regions.values() if v > 0)
        cshare = {k: _W_COUNTRY * v / c_tot for k, v in countries.items() if v > 0}
        rshare = {k: _W_REGION * v / r_tot for k, v in regions.items() if v > 0}
        # rows are sorted by prior: past this point no bonus can lift a candidate
        floor = rows[0][0] - _W_COUNTRY - _W_REGION - 1.5
        rescored = []
        for s, c in rows:
            if s < floor:
                break
            rescored.append((s + cshare.get(c.cc, 0.0) + rshare.get((c.cc, c.admin1), 0.0), c))
        rescored.sort(key=lambda x: -x[0])
        # distance can add at most 1.5: only the candidates within reach are measured
        reach = rescored[0][0] - 1.5
        top = [x for x in rescored[:_TOP_FOR_DISTANCE] if x[0] >= reach]
        if len(top) > 1 and (others := [p for j, p in picks.items() if j != i]):
            top = [(s + _proximity(c, others), c) for s, c in top]
            top.sort(key=lambda x: -x[0])
        _choose(head, top + rescored[len(top) :])
        _group_score(g)
        _add(countries, regions, g, 1.0)
        if head.best is not own:
            changed = True
            b = head.best
            if b is not None and b.fclass in ("P", "A") and b.fcode != "PCLI":
                picks[i] = b
            else:
                picks.pop(i, None)
    return changed


def _choose(r: Resolved, rows: list[tuple[float, Candidate]]) -> None:
    if not rows:
        r.best, r.score = None, 0.0
        return
    r.best = rows[0][1]
    margin = rows[0][0] - rows[1][0] if len(rows) > 1 else 5.0
    r.score = round(1 / (1 + math.exp(-margin)), 3)


def _proximity(c: Candidate, others: list[Candidate]) -> float:
    # an equirectangular distance is plenty for these bands
    coslat = math.cos(math.radians(c.lat))
    best = 0.0
    for o in others:
        dx = (c.lon - o.lon) * coslat
        dy = c.lat - o.lat
        d2 = dx * dx + dy * dy  # degrees squared; 1 degree ~ 111 km
        if d2 < 0.2:  # ~50 km
            return 1.5
        if d2 < 3.25:  # ~200 km
            best = 1.0
        elif d2 < 52 and best < 0.4:  # ~800 km
            best = 0.4
    return best
