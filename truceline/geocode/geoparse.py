"""The geocoder: find the places a text names, pick which ones it means, locate events.

Disambiguation is a score over each name's candidates, from the document itself:
  - prior: population (log), feature (country, region, capital, town), how the name
    matched (its own name, an alternate, a romanisation, a loose skeleton);
  - explicit hints: "Alexandria, Louisiana", "Pervomaisk, Luhansk" (the region or
    country right after the name), "X region", "X County";
  - focus: the countries and regions that the document's other places agree on, and
    the distance to those places (a second pass, once every name has a first pick).
A name that resolves to nothing gives a Place with no coordinates; it never takes the
rest of the result with it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from truceline.geocode.finder import Mention, find_mentions
from truceline.geocode.gazetteer import Candidate, Gazetteer
from truceline.geocode.names import fold
from truceline.geocode.relative import Relation, offset, relation_after, relation_before
from truceline.geocode.sites import SiteMatch, SiteRegistry
from truceline.models import Place

__all__ = ["DocContext", "Geocoder"]

_FEATURE_PRIOR = {"PCLI": 4.0, "CONT": 4.0, "ADM1": 2.0, "PPLC": 2.0, "ADM2": -1.5}
_KIND_PRIOR = {0: 0.6, 1: 0.0, 2: -0.2, 3: -1.5}
_NAME_COMMA = re.compile(r"([A-ZА-ЯЁІЇЄҐ][\w’'\-]+(?:\s[A-ZА-ЯЁІЇЄҐ][\w’'\-]+)*),\s*$")
_COUNTY_ABBR = re.compile(r"\s+Co\.?$")
_ADMIN_WORDS = re.compile(
    r"\b(county|parish|oblast|krai|kray|province|region|raion|rayon|district)\b", re.I
)


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


@dataclass
class DocContext:
    """What a document tells about where it is: countries, regions and places named."""

    text: str
    resolved: list[Resolved] = field(default_factory=list)
    sites: list[SiteMatch] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)

    @property
    def country(self) -> str | None:
        """The country in focus."""
        return self.countries.most_common(1)[0][0] if self.countries else None


class Geocoder:
    def __init__(self, gazetteer: Gazetteer, sites: SiteRegistry | None = None) -> None:
        self.gaz = gazetteer
        self.sites = sites if sites is not None else SiteRegistry.bundled()

    # -- finding and resolving --------------------------------------------------------------

    def context(self, text: str) -> DocContext:
        mentions = find_mentions(text, self._known)
        ctx = DocContext(text, sites=self.sites.find(text))
        site_spans = [(s.start, s.end) for s in ctx.sites]
        mentions = [
            m for m in mentions if not any(a <= m.start and m.end <= b for a, b in site_spans)
        ]
        self._resolve(ctx, [Resolved(m, self._candidates(m.name)) for m in mentions])
        return ctx

    def geoparse(self, text: str) -> list[Place]:
        """Every toponym in `text`, resolved, with its span."""
        ctx = self.context(text)
        places = [self._place(r) for r in ctx.resolved]
        places += [self._site_place(s) for s in ctx.sites]
        return sorted(places, key=lambda p: p.start or 0)

    def resolve_spans(
        self, text: str, spans: list[tuple[int, int]] | list[list[int]]
    ) -> list[Place | None]:
        """Resolve exactly these spans, in order: one entry per span, None never dropped."""
        ctx = DocContext(text, sites=self.sites.find(text))
        items = []
        for start, end in spans:
            s, e = _word_bounds(text, int(start), int(end))
            name = text[s:e]
            items.append(Resolved(Mention(s, e, name), self._candidates(name)))
        # other places of the text inform the focus, without being reported
        extra = [
            Resolved(m, self._candidates(m.name))
            for m in find_mentions(text, self._known)
            if not any(m.start < r.mention.end and m.end > r.mention.start for r in items)
        ]
        self._resolve(ctx, items + extra)
        out: list[Place | None] = []
        for (start, end), r in zip(spans, items, strict=True):
            p = self._place(r)
            p.start, p.end = int(start), int(end)
            out.append(p)
        return out

    def _known(self, name: str) -> bool:
        """A name the finder may take: not only a demonym ("Russian forces")."""
        cands = [c for c in self._candidates(name) if c.kind != 4]
        if " " in name.strip() or len(cands) == 0:
            return bool(cands)
        # one word known only as some hamlet's alternate name ("Air") is a common word
        return any(
            c.kind in (0, 2) or c.population >= 5000 or c.fclass == "A" or c.layer != "base"
            for c in cands
        )

    def _candidates(self, name: str) -> tuple[Candidate, ...]:
        found = self.gaz.candidates(name)
        if not found and _COUNTY_ABBR.search(name):
            found = self.gaz.candidates(_COUNTY_ABBR.sub(" County", name))
        if not found:
            stripped = _ADMIN_WORDS.sub("", name).strip(" ,")
            if stripped and stripped != name:
                found = tuple(c for c in self.gaz.candidates(stripped) if c.fclass == "A")
        return found

    def _resolve(self, ctx: DocContext, items: list[Resolved]) -> None:
        items.sort(key=lambda r: r.mention.start)
        text = ctx.text
        # "X, Region" / "X, Country": the second names where the first is
        for a, b in zip(items, items[1:], strict=False):
            between = text[a.mention.end : b.mention.start]
            if re.fullmatch(r",\s*|\s+\(", between):
                regions = [c for c in b.candidates if c.fcode in ("ADM1", "ADM2", "PCLI")]
                if regions and any(_within(c, r) for c in a.candidates for r in regions):
                    b.is_hint = True
                    r = max(
                        regions,
                        key=lambda r: (
                            any(_within(c, r) for c in a.candidates),
                            r.fcode != "ADM2",
                            r.population,
                        ),
                    )
                    if r.fcode == "PCLI":
                        a.hint_cc = r.cc
                    else:
                        a.hint = (r.cc or "", r.admin1)
                        b.best = r
        # pass 1: priors and explicit hints; pass 2: with the document's focus
        for r in items:
            self._pick(r, ctx, None)
        ctx.countries, ctx.regions = _focus(items)
        for r in items:
            self._pick(r, ctx, items)
        ctx.countries, ctx.regions = _focus(items)
        ctx.resolved = items

    def _pick(self, r: Resolved, ctx: DocContext, others: list[Resolved] | None) -> None:
        if not r.candidates:
            r.best, r.score = None, 0.0
            return
        if r.is_hint and r.best is not None:
            r.score = 1.0
            return
        after = relation_after(ctx.text, r.mention.end)
        explicit_admin = bool(_ADMIN_WORDS.search(r.mention.name)) or (
            after and after.kind == "region"
        )
        countries, regions = ctx.countries, ctx.regions
        if others is not None:  # the focus as the *other* names set it
            key = fold(r.mention.name)
            countries, regions = _focus([o for o in others if fold(o.mention.name) != key])
        n_country = sum(countries.values()) or 1
        n_region = sum(regions.values()) or 1
        scored = []
        towns = {(c.cc, c.admin1) for c in r.candidates if c.fclass == "P"}
        for c in r.candidates:
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
            if r.hint and (c.cc, c.admin1) == r.hint:
                s += 8.0
            if r.hint_cc and c.cc == r.hint_cc:
                s += 6.0
            if others is not None:
                s += 3.0 * countries.get(c.cc, 0) / n_country
                s += 2.0 * regions.get((c.cc, c.admin1), 0) / n_region
                s += _proximity(c, r, others)
            scored.append((s, c))
        scored.sort(key=lambda x: -x[0])
        r.best = scored[0][1]
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        r.score = round(1 / (1 + math.exp(-margin)), 3)

    # -- locating an event ------------------------------------------------------------------

    def locate(
        self, text: str, start: int = 0, end: int | None = None, ctx: DocContext | None = None
    ) -> Place | None:
        """Where the event told in text[start:end] happened, or None if no place is named."""
        end = len(text) if end is None else end
        if ctx is None or ctx.text != text:
            ctx = self.context(text)
        for s in ctx.sites:
            if start <= s.start < end:
                return self._relative(self._site_place(s), text, s.start)
        inside = [r for r in ctx.resolved if start <= r.mention.start < end and not r.is_hint]
        for r in inside:
            unknown = self._unknown_in_region(ctx, r)
            if unknown is not None:
                return self._relative(unknown, text, unknown.start or 0)
        usable = [r for r in inside if r.best is not None]
        if not usable:
            before = [
                r
                for r in ctx.resolved
                if r.mention.start < start and r.best is not None and not r.is_hint
            ]
            if not before:
                return None
            usable = before[-1:]
        focus = ctx.country
        chosen = min(
            usable,
            key=lambda r: (
                focus is not None and r.best.cc != focus,
                _specificity(r.best),
                r.mention.start,
            ),
        )
        return self._relative(self._place(chosen), text, chosen.mention.start)

    def _unknown_in_region(self, ctx: DocContext, r: Resolved) -> Place | None:
        """ "near Iskryskivshchyna, Sumy", the village not in the gazetteer: look for it
        loosely within the region, else give the region itself (geo_precision 3)."""
        text = ctx.text
        lo = max(0, r.mention.start - 60)
        m = _NAME_COMMA.search(text[lo : r.mention.start])
        if not m:
            return None
        s, e = lo + m.start(1), lo + m.end(1)
        if any(o.mention.start < e and o.mention.end > s for o in ctx.resolved):
            return None
        regions = [c for c in r.candidates if c.fcode == "ADM1"]
        if not regions:
            return None
        region = max(regions, key=lambda c: ctx.countries.get(c.cc, 0) + c.population / 1e9)
        name = text[s:e]
        near = [
            c for c in self.gaz.fuzzy_candidates(name)
            if c.cc == region.cc and c.admin1 == region.admin1 and c.fclass == "P"
        ]  # fmt: skip
        if near:
            best = max(near, key=lambda c: c.population)
            return self._place(Resolved(Mention(s, e, name), (best,), best, 0.6))
        place = self._place(Resolved(Mention(s, e, name), (region,), region, 0.3))
        place.end = r.mention.end
        return place

    def _relative(self, place: Place, text: str, start: int) -> Place:
        rel = relation_before(text, start)
        after = relation_after(text, place.end or start)
        if after and after.kind == "region" and place.feature_code not in ("ADM1", "ADM2", "SITE"):
            region = self._region_of(place)
            if region is not None:
                region.start, region.end, region.name = (
                    place.start,
                    after.end,
                    text[place.start or 0 : after.end],
                )
                place = region
        _apply_relation(place, rel, after)
        return place

    def _region_of(self, place: Place) -> Place | None:
        for c in self._candidates(place.admin1 or ""):
            if c.fcode == "ADM1" and c.cc == place.country_code:
                return self._place(
                    Resolved(
                        Mention(place.start or 0, place.end or 0, c.name), (c,), c, place.score
                    )
                )
        return None

    # -- output -------------------------------------------------------------------------------

    def _place(self, r: Resolved) -> Place:
        m, c = r.mention, r.best
        if c is None:
            return Place(name=m.name, start=m.start, end=m.end, score=0.0)
        precision = 3 if c.fcode in ("ADM1", "ADM2", "PCLI", "CONT") else 1
        return Place(
            name=m.name,
            latitude=round(c.lat, 5),
            longitude=round(c.lon, 5),
            geonameid=c.geonameid,
            feature_code=c.fcode,
            country_code=c.cc,
            admin1=self.gaz.admin1_name(c.cc, c.admin1),
            geo_precision=precision,
            radius_km=_radius(c),
            start=m.start,
            end=m.end,
            score=r.score,
        )

    def _site_place(self, s: SiteMatch) -> Place:
        site = s.site
        return Place(
            name=site.name,
            latitude=site.latitude,
            longitude=site.longitude,
            feature_code="SITE",
            country_code=site.country_code,
            admin1=site.admin1,
            geo_precision=1,
            radius_km=1.0,
            start=s.start,
            end=s.end,
            score=1.0,
            site_id=site.site_id,
            site_class=site.site_class,
            confidential=site.confidential,
        )


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Snap a span to whole words: gold spans can be off by a character or two."""
    start, end = max(0, start), min(len(text), end)
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while start >= 2 and text[start - 1] == "." and text[start - 2].isupper():
        start -= 2  # "U.S." given as ".S."
    while end < len(text) and text[end].isalnum() and end > start and text[end - 1].isalnum():
        end += 1
    if end < len(text) and text[end] == "." and text[end - 1].isupper():
        end += 1  # "U.S." and "Ill." keep their full stop
    return start, end


def _within(c: Candidate, region: Candidate) -> bool:
    if c.id == region.id or c.cc != region.cc:
        return False
    if region.fcode == "PCLI":
        return True
    if region.fcode == "ADM2":
        return c.admin1 == region.admin1 and c.admin2 == region.name
    return c.admin1 == region.admin1 and c.fcode != "ADM1"


def _focus(items: list[Resolved]) -> tuple[Counter, Counter]:
    countries: Counter = Counter()
    regions: Counter = Counter()
    for r in items:
        if r.best is None or r.best.cc is None:
            continue
        w = r.score
        countries[r.best.cc] += w
        if r.best.fcode != "PCLI":
            regions[(r.best.cc, r.best.admin1)] += w
    return countries, regions


def _proximity(c: Candidate, r: Resolved, others: list[Resolved]) -> float:
    best = 0.0
    for o in others:
        if o is r or o.best is None or o.best.fcode in ("PCLI", "CONT"):
            continue
        if o.mention.name == r.mention.name:
            continue
        d = _km(c.lat, c.lon, o.best.lat, o.best.lon)
        best = max(best, 1.5 if d < 50 else 1.0 if d < 200 else 0.4 if d < 800 else 0.0)
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _specificity(c: Candidate) -> int:
    return {"CONT": 5, "PCLI": 4, "ADM1": 3, "ADM2": 2}.get(c.fcode, 0)


def _radius(c: Candidate) -> float:
    if c.fcode in ("PCLI", "CONT"):
        return 500.0
    if c.fcode == "ADM1":
        return 100.0
    if c.fcode == "ADM2":
        return 30.0
    return round(max(1.0, min(20.0, math.sqrt(max(c.population, 1)) / 100)), 1)


def _apply_relation(place: Place, rel: Relation, after: Relation | None) -> None:
    if place.latitude is None or place.longitude is None:
        return
    if after is not None and after.kind == "area" and (place.geo_precision or 1) < 2:
        place.geo_precision, place.radius_km = 2, max(place.radius_km or 0, after.distance_km)
    if rel.kind == "at":
        return
    if rel.kind == "offset" and rel.bearing is not None:
        place.latitude, place.longitude = offset(
            place.latitude, place.longitude, rel.bearing, rel.distance_km
        )
        place.radius_km = round(max(2.0, rel.distance_km * 0.25), 1)
    elif rel.kind == "offset" or rel.kind in ("near", "outskirts"):
        place.radius_km = round(max(rel.distance_km, place.radius_km or 0), 1)
    place.geo_precision = max(place.geo_precision or 1, rel.precision)
