"""An incident's merged fields, and the record of where its claims disagree.

Merged values follow the field's convention: fatalities take the most
conservative figure (ACLED); other quantities take the most reliable source's
figure; type, date and actors take a vote weighted by source reliability and
claim confidence; the place is the most precise one given.  Wherever members
differ, every value is kept with the claims and sources behind it, and numbers
(and dates) also get a range.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from truceline.models import QUANTITY_KEYS, Claim, Incident, event_type_of

__all__ = ["Provenance", "incident_id_for", "merge_claims", "RELIABILITY_WEIGHT"]

RELIABILITY_WEIGHT = {"A": 6.0, "B": 5.0, "C": 4.0, "D": 3.0, "E": 2.0, "F": 1.0}
_VOTED = ("sub_event_type", "event_type", "actor1", "actor2", "target_class", "weapon")


@dataclass(slots=True)
class Provenance:
    """Where one member claim came from."""

    source: str | None = None
    reliability: str = "F"
    external_id: str | None = None


def incident_id_for(claim_ids: Sequence[str]) -> str:
    """A new incident's ID: a hash of its first members, so rebuilding gives the same IDs."""
    return "inc-" + hashlib.sha256("|".join(sorted(claim_ids)).encode()).hexdigest()[:16]


def _weight(c: Claim, p: Provenance) -> float:
    return RELIABILITY_WEIGHT.get(p.reliability, 1.0) * (0.5 + (c.confidence or 0.0))


def _vote(values: list[tuple[Any, float]]) -> Any:
    score: dict[Any, float] = defaultdict(float)
    for v, w in values:
        if v is not None:
            score[v] += w
    return max(score, key=lambda v: (score[v], str(v))) if score else None


def _record(
    field: str, values: list[tuple[Any, str, str | None]], out: dict[str, list[dict[str, Any]]]
) -> None:
    """Add field's disagreement entry when members give more than one value."""
    by_value: dict[Any, dict[str, Any]] = {}
    for v, claim_id, source in values:
        if v is None:
            continue
        e = by_value.setdefault(v, {"value": v, "claims": [], "sources": []})
        e["claims"].append(claim_id)
        if source and source not in e["sources"]:
            e["sources"].append(source)
    if len(by_value) > 1:
        out[field] = sorted(by_value.values(), key=lambda e: (str(type(e["value"])), e["value"]))


def merge_claims(
    claims: Sequence[Claim], prov: Sequence[Provenance], incident_id: str | None = None
) -> tuple[Incident, dict[str, list[Any]]]:
    """The merged incident and the ranges of its numeric and date fields."""
    ids = [c.id or c.doc_id for c in claims]
    weights = [_weight(c, p) for c, p in zip(claims, prov, strict=True)]
    inc = Incident(id=incident_id or incident_id_for(ids), claim_ids=list(ids))
    dis: dict[str, list[dict[str, Any]]] = {}
    ranges: dict[str, list[Any]] = {}

    def rows(get) -> list[tuple[Any, str, str | None]]:  # type: ignore[no-untyped-def]
        return [(get(c), i, p.source) for c, i, p in zip(claims, ids, prov, strict=True)]

    for name in _VOTED:
        setattr(
            inc, name, _vote([(getattr(c, name), w) for c, w in zip(claims, weights, strict=True)])
        )
        _record(name, rows(lambda c, n=name: getattr(c, n)), dis)
    inc.event_type = inc.event_type or event_type_of(inc.sub_event_type)

    # The date: the most precise dates vote; the range spans every date given.
    dated = [(c, w) for c, w in zip(claims, weights, strict=True) if c.event_date]
    if dated:
        best = min(c.time_precision or 1 for c, _ in dated)
        inc.event_date = _vote(
            [(c.event_date, w) for c, w in dated if (c.time_precision or 1) == best]
        )
        inc.time_precision = best
        _record("event_date", rows(lambda c: c.event_date), dis)
        dates = sorted(c.event_date for c, _ in dated)
        if dates[0] != dates[-1]:
            ranges["event_date"] = [dates[0], dates[-1]]

    # The place: the most precise coordinates given, their median if several agree.
    placed = [c.place for c in claims if c.place and c.place.latitude is not None]
    if placed:
        r = [
            p.radius_km if p.radius_km is not None else 0.1 * (p.geo_precision or 1) for p in placed
        ]
        tight = [p for p, x in zip(placed, r, strict=True) if x <= 1.5 * min(r)]
        head = tight[0]
        inc.latitude = round(median(p.latitude for p in tight), 6)
        inc.longitude = round(median(p.longitude for p in tight), 6)
        inc.location, inc.admin1, inc.country_code = (
            head.name or None,
            head.admin1,
            head.country_code,
        )
        inc.geo_precision, inc.radius_km = head.geo_precision, min(r)
    elif any(c.place for c in claims):
        head = next(c.place for c in claims if c.place)
        inc.location, inc.admin1, inc.country_code = (
            head.name or None,
            head.admin1,
            head.country_code,
        )
        inc.geo_precision = head.geo_precision
    _record("location", rows(lambda c: c.place.name if c.place and c.place.name else None), dis)

    # Fatalities: the most conservative figure (ACLED); others: the most reliable source's.
    fat = [c.fatalities for c in claims if c.fatalities is not None]
    if fat:
        inc.fatalities = min(fat)
        _record("fatalities", rows(lambda c: c.fatalities), dis)
        if min(fat) != max(fat):
            ranges["fatalities"] = [min(fat), max(fat)]
    for key in QUANTITY_KEYS:
        given = [
            (c.quantities[key], RELIABILITY_WEIGHT.get(p.reliability, 1.0))
            for c, p in zip(claims, prov, strict=True)
            if c.quantities and c.quantities.get(key) is not None
        ]
        if not given:
            continue
        top = max(w for _, w in given)
        inc.quantities[key] = min(v for v, w in given if w == top)
        _record(f"quantities.{key}", rows(lambda c, k=key: (c.quantities or {}).get(k)), dis)
        vals = [v for v, _ in given]
        if min(vals) != max(vals):
            ranges[f"quantities.{key}"] = [min(vals), max(vals)]
    inc.disagreements = dis
    return inc, ranges
