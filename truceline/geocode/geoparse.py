"""The geocoder: find the places a text names, pick which ones it means, locate events.

Which place a name means is decided in `disambiguate` (priors, "X, Region" hints, the
document's focus); names the gazetteer lacks as written are tried in other forms in
`fallback`.  A name that resolves to nothing gives a Place with no coordinates; it
never takes the rest of the result with it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from truceline.geocode.build import THEATRE
from truceline.geocode.disambiguate import Resolved, apply_hints, focus, pick_all
from truceline.geocode.fallback import fallback_candidates, fuzzy_in_region
from truceline.geocode.finder import STOP_WORDS, Mention, find_mentions
from truceline.geocode.gazetteer import Candidate, Gazetteer
from truceline.geocode.names import common_words, fold
from truceline.geocode.people import PersonNames
from truceline.geocode.relative import (
    Relation,
    offset,
    relation_after,
    relation_before,
    relation_later,
)
from truceline.geocode.sites import SiteMatch, SiteRegistry
from truceline.models import Place

__all__ = ["DocContext", "Geocoder"]

_NAME_COMMA = re.compile(r"([A-ZА-ЯЁІЇЄҐ][\w’'\-]+(?:\s[A-ZА-ЯЁІЇЄҐ][\w’'\-]+)*),\s*$")
_NOT_NAMES = STOP_WORDS - {"north", "south", "east", "west", "new", "high", "central"}
# A place name standing for those who govern it ("the Kyiv regime", "Moscow authorities
# said") names an actor, not where the event happened.
_ACTOR_USE = re.compile(r"\s+(?:regime|government|authorities|leadership|officials|junta)\b", re.I)
_CODED_TO = re.compile(r"\(coded to ([^)]{2,80})\)", re.I)
_REGION_WORDS = re.compile(
    r"\s*\b(region|oblast|krai|kray|province|district|raion|rayon|county|parish|"
    r"territorial community|hromada)\b",
    re.I,
)
_WORD = re.compile(r"\w+")
_SPACE_DASH = re.compile(r"[\s\-]+")
_COUNTY_ABBR = re.compile(r"\s+Co\.?$")
_ADMIN_WORDS = re.compile(
    r"\b(county|parish|oblast|krai|kray|province|region|raion|rayon|district|state)\b", re.I
)


_weight = itemgetter(1)


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
        # max() is what most_common(1) runs, without its heapq call: the first of the
        # most weighty, as before
        return max(self.countries.items(), key=_weight)[0] if self.countries else None


_MISSING = object()


class _Memo(dict):
    """Answers computed per key, emptied when past `limit` keys: a long archive run
    must not grow it without end, and names recur across documents."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = 200_000) -> None:
        super().__init__()
        self.limit = limit

    def get_or(self, key: Any, compute: Callable[..., Any], *args: Any) -> Any:
        """The answer for `key`, from `compute(*args)` the first time."""
        hit = self.get(key, _MISSING)
        if hit is _MISSING:
            if len(self) > self.limit:
                self.clear()
            hit = self[key] = compute(*args)
        return hit


class Geocoder:
    def __init__(self, gazetteer: Gazetteer, sites: SiteRegistry | None = None) -> None:
        self.gaz = gazetteer
        self.sites = sites if sites is not None else SiteRegistry.bundled()
        self._cand_cache, self._known_cache, self._fallback_cache = _Memo(), _Memo(), _Memo()
        self._region_cache = _Memo(100_000)
        self._priors: dict[tuple[str, bool], list[tuple[float, Candidate]]] = {}
        self._adm1_cache, self._fold_cache = _Memo(), _Memo()
        # first words of the site aliases, for a cheap test before the registry's scan
        self._site_words: tuple[int, dict[str, list[str]] | None, Any] = (-1, None, None)

    # -- finding and resolving --------------------------------------------------------------

    @property
    def gazetteer(self) -> Gazetteer:
        return self.gaz

    def context(self, text: str) -> DocContext:
        mentions = find_mentions(text, self._known)
        sites = self._find_sites(text)
        if sites:
            site_spans = [(s.start, s.end) for s in sites]
            mentions = [
                m for m in mentions if not any(a <= m.start and m.end <= b for a, b in site_spans)
            ]
        mentions = self._whole_names_before_regions(text, mentions)
        people = PersonNames(text) if mentions else None
        if people:
            mentions = [m for m in mentions if not self._a_persons_name(m.name, people)]
        items = [Resolved(m, self._candidates(m.name)) for m in mentions]
        countries, regions = self._resolve(text, items)
        # built once, with every field given: no default Counters made only to be replaced
        return DocContext(text, items, sites, countries, regions)

    def _a_persons_name(self, name: str, people: PersonNames) -> bool:
        """ "Baker said", once "Tom Baker" was named; "Kristina" alone, unless the given
        name is also a sizeable place ("Georgia", "Charlotte")."""
        if " " in name:
            return False
        if name in people.surnames:
            return True
        return name in people.given and all(
            c.fclass == "P" and c.population < 100_000 for c in self._candidates(name)
        )

    def _find_sites(self, text: str) -> list[SiteMatch]:
        """The registry's site mentions.  Its scan (one large case-blind regex) runs only
        when some alias is in the text, as words, which few texts have."""
        n, index, auto = self._site_words
        if n != len(self.sites):
            index = _alias_index(self.sites)
            auto = _alias_automaton(index) if index else None
            self._site_words = (len(self.sites), index, auto)
        if index is not None:
            low = text.lower()
            # the text as the aliases are kept, runs of spaces and dashes as one space;
            # most texts have no space but single " " (every other is not printable),
            # and no dash next to a space: replacing each dash then gives the same text
            # as the regex, which would make a match of every space
            norm = low.replace("-", " ") if "-" in low else low
            if not low.isprintable() or "  " in norm:
                norm = _SPACE_DASH.sub(" ", low)
            # no alias anywhere in the text, even inside a word: nothing to test further
            if auto is None or next(auto.iter(norm), None) is None:
                return []
            hits = index.keys() & _WORD.findall(low)
            if not hits:
                return []
            if not any(alias in norm for w in hits for alias in index[w]):
                return []
        return self.sites.find(text)

    def _whole_names_before_regions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "shelled Vilne Pole, Donetsk": the whole run of capitalised words before a
        region is the place's name, even where the gazetteer knows only a part of it
        ("Vilne") or none; the region then says where to look for it."""
        out = list(mentions)
        changed = False
        for m in mentions:
            if not self._has_adm1(m.name):
                continue
            lo = max(0, m.start - 60)
            if not _ends_with_comma(text, lo, m.start):
                continue
            hit = _NAME_COMMA.search(text[lo : m.start])
            if not hit:
                continue
            s, e = lo + hit.start(1), lo + hit.end(1)
            words = text[s:e].split(" ")
            while words and (words[0].lower() in _NOT_NAMES or words[0][:1].isdigit()):
                s += len(words.pop(0)) + 1
            if not words or any(w.lower() in _NOT_NAMES for w in words):
                continue
            if any(o.start == s and o.end == e for o in out):
                continue
            out = [o for o in out if not (o.start < e and o.end > s)]
            out.append(Mention(s, e, text[s:e]))
            changed = True
        # the finder gives its mentions in order: only a name added here needs a sort
        return sorted(out, key=lambda o: o.start) if changed else out

    def _has_adm1(self, name: str) -> bool:
        """Whether some candidate of the name is a first-level region (cached per name)."""
        return self._adm1_cache.get_or(name, self._any_adm1, name)

    def _any_adm1(self, name: str) -> bool:
        return any(c.fcode == "ADM1" for c in self._candidates(name))

    def _fold(self, name: str) -> str:
        """names.fold, cached per name: a document's names recur across documents."""
        return self._fold_cache.get_or(name, fold, name)

    def geoparse(self, text: str) -> list[Place]:
        """Every toponym in `text`, resolved, with its span."""
        ctx = self.context(text)
        places = [self._place(r) for r in ctx.resolved]
        places += [self._site_place(s) for s in ctx.sites]
        return sorted(places, key=lambda p: p.start or 0)

    def resolve_spans(
        self, text: str, spans: list[tuple[int, int]] | list[list[int]]
    ) -> list[Place | None]:
        """Resolve exactly these spans, in order: one entry per span, None never dropped.

        The spans given are taken as the document's places: they alone set its focus
        (no finding pass), which keeps resolution fast on large archives."""
        items = []
        for start, end in spans:
            s, e = _word_bounds(text, int(start), int(end))
            name = text[s:e]
            items.append(Resolved(Mention(s, e, name), self._candidates(name)))
        self._resolve(text, list(items))
        out: list[Place | None] = []
        for (start, end), r in zip(spans, items, strict=True):
            p = self._place(r)
            p.start, p.end = int(start), int(end)
            out.append(p)
        return out

    def _known(self, name: str) -> bool:
        """A name the finder may take: not only a demonym ("Russian forces")."""
        return self._known_cache.get_or(name, self._is_known, name)

    def _is_known(self, name: str) -> bool:
        cands = [c for c in self._candidates(name) if c.kind != 4]
        if " " in name.strip() or len(cands) == 0:
            return bool(cands)
        if name.isupper() and all(c.fclass == "P" and c.population < 100_000 for c in cands):
            return False  # an acronym ("TASS", "KAB"), not a small town written in capitals
        if name.lower() in common_words() and all(
            c.fclass == "P" and c.population < 50_000 and c.layer == "base" for c in cands
        ):
            return False  # "Much", "Union", "Farmers": a common word before a hamlet
        # one word known only as some hamlet's alternate name ("Air") is a common word
        return any(
            c.kind in (0, 2) or c.population >= 5000 or c.fclass != "P" or c.layer != "base"
            for c in cands
        )

    def _candidates(self, name: str) -> tuple[Candidate, ...]:
        return self._cand_cache.get_or(name, self._lookup, name)

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        found = self.gaz.candidates(name)
        # "Zaporizhia": the city under a romanisation, the oblast under the loose key
        if not found:
            found = self.gaz.fuzzy_candidates(name)
        elif any(c.cc in THEATRE for c in found) and not any(c.fclass == "A" for c in found):
            ids = {c.id for c in found}
            loose = self.gaz.fuzzy_candidates(name)
            found += tuple(c for c in loose if c.fclass == "A" and c.id not in ids)
        if not found and _COUNTY_ABBR.search(name):
            found = self.gaz.candidates(_COUNTY_ABBR.sub(" County", name))
        if not found:
            stripped = _ADMIN_WORDS.sub("", name).strip(" ,")
            if stripped and stripped != name:
                found = tuple(c for c in self.gaz.candidates(stripped) if c.fclass == "A")
        return found

    def _near_in_region(self, name: str, cc: str, admin1: str | None) -> Candidate | None:
        key = (name, cc, admin1)
        return self._region_cache.get_or(key, fuzzy_in_region, self.gaz, name, cc, admin1)

    def _fallback(self, name: str) -> tuple[tuple[Candidate, ...], str]:
        return self._fallback_cache.get_or(name, fallback_candidates, self.gaz, name)

    def _resolve(self, text: str, items: list[Resolved]) -> tuple[Counter, Counter]:
        """Pick each item's place (in place, items sorted by start); returns the countries
        and regions the document points to."""
        items.sort(key=lambda r: r.mention.start)
        for a, region in apply_hints(text, items):
            near = self._near_in_region(a.mention.name, region.cc or "", region.admin1)
            a.candidates, a.via = ((near,), "region-fuzzy") if near else ((region,), "region")
        for r in items:
            r.key = self._fold(r.mention.name)
            if not r.candidates:
                r.candidates, r.via = self._fallback(r.mention.name)
        groups: dict[tuple, list[Resolved]] = {}
        for r in items:
            groups.setdefault((r.key, r.hint, r.hint_cc, r.is_hint, r.via), []).append(r)
        glist = list(groups.values())
        pick_all(text, glist, self._priors)
        # "Paris, Texas ... Paris": the name keeps the sense its hinted mention has
        hinted = {g[0].key: g[0].best for g in glist if (g[0].hint or g[0].hint_cc) and g[0].best}
        for g in glist:
            h = hinted.get(g[0].key)
            if h is not None and not (g[0].hint or g[0].hint_cc or g[0].is_hint):
                for r in g:
                    r.best = h
        _distrust_foreign_guesses(glist)
        countries, regions = focus(glist)
        # a name no form of which the gazetteer knows (a neighbourhood, a park): the
        # document's own focus is a far better guess than nothing
        lost = [g for g in glist if g[0].best is None]
        if lost:
            centre = _centre_of(glist)
            for g in lost:
                for r in g:
                    r.best, r.score, r.via = centre, 0.05, "focus"
        return countries, regions

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
        inside = [
            r
            for r in ctx.resolved
            if start <= r.mention.start < end
            and not r.is_hint
            and not _ACTOR_USE.match(text, r.mention.end)
        ]
        # the coder's own note says where: "(coded to Yehorivka, Zaporizhia)"
        if text.find("(", start, end) >= 0 and (m := _CODED_TO.search(text, start, end)):
            coded = [r for r in inside if m.start(1) <= r.mention.start < m.end(1)]
            inside = coded or inside
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
        # a place said to be in a region ("Kyslivka, Kharkiv") first, then a place
        # of the country in focus over one abroad, a town over a region; a country
        # only when nothing smaller is named
        chosen = min(
            usable,
            key=lambda r: (
                r.best.fcode in ("PCLI", "CONT"),
                not (r.hint or r.hint_cc),
                focus is not None and r.best.cc != focus,
                _specificity(r.best),
                r.mention.start,
            ),
        )
        return self._at_seat(self._relative(self._place(chosen), text, chosen.mention.start, end))

    def _at_seat(self, place: Place) -> Place:
        """An event placed only in a region ("over the Odesa region") is pinned, as
        ACLED codes it, to the town the region is named after (geo_precision stays 3)."""
        if place.feature_code not in ("ADM1", "ADM2") or place.latitude is None:
            return place
        name = _REGION_WORDS.sub("", place.name).strip(" ,")
        towns = [
            c
            for c in self._candidates(name) + self._candidates(place.admin1 or "")
            if c.fclass == "P"
            and c.cc == place.country_code
            and self.gaz.admin1_name(c.cc, c.admin1) == place.admin1
            and c.population >= 1000
        ]
        if towns:
            seat = max(towns, key=lambda c: c.population)
            place.latitude, place.longitude = round(seat.lat, 5), round(seat.lon, 5)
        return place

    def _unknown_in_region(self, ctx: DocContext, r: Resolved) -> Place | None:
        """ "near Iskryskivshchyna, Sumy", the village not in the gazetteer: look for it
        loosely within the region, else give the region itself (geo_precision 3)."""
        text = ctx.text
        lo = max(0, r.mention.start - 60)
        if not _ends_with_comma(text, lo, r.mention.start):
            return None
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
        best = max(near, key=lambda c: c.population) if near else None
        best = best or fuzzy_in_region(self.gaz, name, region.cc or "", region.admin1)
        if best is not None:
            return self._place(Resolved(Mention(s, e, name), (best,), best, 0.6))
        place = self._place(Resolved(Mention(s, e, name), (region,), region, 0.3))
        place.end = r.mention.end
        return place

    def _relative(self, place: Place, text: str, start: int, end: int | None = None) -> Place:
        """`place` as the words around its name at text[start] qualify it; `end`: where
        the event's span ends, for a bearing told after the name ("in Horlivka, the SMM
        heard explosions 4-6km north-west")."""
        rel = relation_before(text, start)
        if rel.kind == "at" and end is not None and place.end is not None:
            rel = relation_later(text, place.end, end) or rel
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
        precision = 1 if c.fclass == "P" else 3  # a region, country, sea, river ...
        radius = _radius(c)
        if r.via == "variant" and _FEATURE_AFTER.search(m.name):
            # "Salinas Valley", "Kakhovka Reservoir" placed at the town they are named after
            precision, radius = max(precision, 2), max(radius, 25.0)
        return Place(
            name=m.name,
            latitude=round(c.lat, 5),
            longitude=round(c.lon, 5),
            geonameid=c.geonameid,
            feature_code=c.fcode,
            country_code=c.cc,
            admin1=self.gaz.admin1_name(c.cc, c.admin1),
            geo_precision=precision,
            radius_km=radius,
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


def _ends_with_comma(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] ends with a comma and spaces: what _NAME_COMMA needs, tested
    before that regex (costly on every name) is run."""
    i = hi - 1
    while i >= lo and text[i].isspace():
        i -= 1
    return i >= lo and text[i] == ","


def _alias_index(sites: SiteRegistry) -> dict[str, list[str]] | None:
    """Every site alias as the registry matches it (lower case, runs of spaces and dashes
    as one space), under its first word; None when some alias starts with no word, so
    that every text must be scanned."""
    index: dict[str, list[str]] = {}
    for site in sites.sites:
        for alias in (site.name, *site.aliases):
            key = _SPACE_DASH.sub(" ", alias.strip().lower().removeprefix("the ")).strip()
            m = _WORD.match(key)
            if m is None:
                return None
            index.setdefault(m.group(0), []).append(key)
    return index


def _alias_automaton(index: dict[str, list[str]]) -> Any:
    """Every alias of `index` in one Aho-Corasick automaton: one pass tells whether any
    alias is in a text at all, which few texts have."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for aliases in index.values():
        for a in aliases:
            auto.add_word(a, a)
    auto.make_automaton()
    return auto


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


def _distrust_foreign_guesses(groups: list[list[Resolved]]) -> None:
    """A town found only through another form of its name ("Tennessee Colony" ->
    Kolonia, "Farallon Islands" -> Farallón) in a country that the document's own names
    do not point to is most likely a local place the gazetteer lacks: it is dropped, so
    that the document's focus stands in for it."""
    if not any(g[0].via in ("variant", "fuzzy") for g in groups):
        return  # no such guess (most documents)
    sure: Counter = Counter()
    for g in groups:
        b = g[0].best
        if b is not None and b.cc and g[0].via in ("", "region", "region-fuzzy"):
            sure[b.cc] += g[0].score * len(g)
    if not sure:
        return
    top, w = sure.most_common(1)[0]
    if w < 0.5 * sum(sure.values()):
        return
    for g in groups:
        b = g[0].best
        if g[0].via in ("variant", "fuzzy") and b is not None and b.fclass == "P" and b.cc != top:
            for r in g:
                r.best, r.score = None, 0.0


def _centre_of(groups: list[list[Resolved]]) -> Candidate | None:
    """The document's main place: its most mentioned town or region, else country."""
    best, best_w = None, 0.0
    for g in groups:
        c = g[0].best
        if c is None or g[0].via == "focus":
            continue
        w = len(g) * (2.0 if c.fclass == "P" else 1.5 if c.fcode in ("ADM1", "ADM2") else 1.0)
        if w > best_w:
            best, best_w = c, w
    return best


def _specificity(c: Candidate) -> int:
    return {"CONT": 5, "PCLI": 4, "ADM1": 3, "ADM2": 2}.get(c.fcode, 0)


_FEATURE_AFTER = re.compile(
    r"\s(?:valley|delta|canal|river|lake|bay|islands?|strip|gorge|basin|desert|plateau|"
    r"peninsula|coast|mountains|hills|creek|falls|dam|reservoir|forest|gulf|straits?|pass)$",
    re.I,
)


def _radius(c: Candidate) -> float:
    if c.fcode in ("PCLI", "CONT"):
        return 500.0
    if c.fcode == "ADM1":
        return 100.0
    if c.fcode == "ADM2":
        return 30.0
    if c.fclass != "P":  # seas and ranges span hundreds of km; rivers, lakes and bays tens
        return 300.0 if c.fcode in ("OCN", "SEA", "GULF", "RGN", "DSRT", "MTS") else 50.0
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
