"""One claim for a structured report (a JSONL field report, an ACLED CSV row).

The source's coded fields (event_date, location, latitude, longitude, sub_event_type,
fatalities, actors ...) are taken as given; the text fills in the rest.  A report
always yields exactly one claim: when its text is too short for the classifier
("Footage of shelling"), a keyword guess types it with low confidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from truceline.extract.dates import find_dates, parse_published
from truceline.extract.fatalities import find_fatalities
from truceline.extract.quantities import find_quantities
from truceline.models import QUANTITY_KEYS, SUB_EVENT_TYPES, Claim, Place, event_type_of

if TYPE_CHECKING:
    from truceline.extract.claims import Extractor

__all__ = ["claim_from_report", "guess_type"]

# Last resort for report texts the classifier will not type; first match wins.
_GUESSES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:intercept|shot\s+down|air\s+defen[cs]e)", re.I), "Disrupted weapons use"),
    (re.compile(r"\b(?:drone|uav|air\s*strike|bomb(?:ed|ing)|aircraft|jet)", re.I), "Air/drone strike"),
    (re.compile(r"\b(?:shell|artiller|missile|rocket|mortar|mlrs|grad|himars|strike|hit|explosion)", re.I), "Shelling/artillery/missile attack"),
    (re.compile(r"\b(?:mine|ied|landmine|explosive\s+device|booby)", re.I), "Remote explosive/landmine/IED"),
    (re.compile(r"\b(?:grenade)", re.I), "Grenade"),
    (re.compile(r"\b(?:clash|fight|firefight|gunfire|small\s+arms|assault|battle|offensive)", re.I), "Armed clash"),
    (re.compile(r"\b(?:abduct|kidnap|detained|disappear)", re.I), "Abduction/forced disappearance"),
    (re.compile(r"\b(?:arrest)", re.I), "Arrests"),
    (re.compile(r"\b(?:protest|rally|demonstrat)", re.I), "Peaceful protest"),
    (re.compile(r"\b(?:loot|arson|vandal|burn(?:ed|ing)|fire)", re.I), "Looting/property destruction"),
]  # fmt: skip

_FLOAT_FIELDS = ("latitude", "longitude")


def guess_type(text: str) -> str:
    for rx, sub in _GUESSES:
        if rx.search(text):
            return sub
    return "Other"


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def claim_from_report(ex: Extractor, doc: Any) -> Claim:
    fields: dict[str, Any] = dict(getattr(doc, "fields", None) or {})
    text: str = doc.text or ""
    published = fields.get("published") or doc.published
    doc_id = doc.id
    found = ex.extract_text(text, published=published, doc_id=doc_id) if text.strip() else []
    if found:
        claim = max(found, key=lambda c: c.confidence)
        for other in found:  # a report tells one event: keep every figure it states
            for k, v in other.quantities.items():
                claim.quantities.setdefault(k, v)
    else:
        claim = _fallback(ex, text, published, doc_id)

    sub = fields.get("sub_event_type")
    if sub in SUB_EVENT_TYPES:
        claim.sub_event_type, claim.event_type = sub, event_type_of(sub)
        claim.confidence = max(claim.confidence, 0.9)
    elif fields.get("event_type"):
        claim.event_type = str(fields["event_type"])
    if fields.get("event_date"):
        d = parse_published(str(fields["event_date"]))
        if d is not None:
            claim.event_date = d.isoformat()
            claim.time_precision = _int(fields.get("time_precision")) or 1
    if _int(fields.get("fatalities")) is not None:
        claim.fatalities = _int(fields["fatalities"])
    for key in ("actor1", "actor2", "claimed_by"):
        if fields.get(key):
            setattr(claim, key, str(fields[key]))
    if fields.get("source") and not claim.claimed_by:
        claim.claimed_by = str(fields["source"])
    for key in QUANTITY_KEYS:
        if _int(fields.get(key)) is not None:
            claim.quantities[key] = _int(fields[key])  # type: ignore[assignment]
    claim.place = _place(ex, fields, claim.place)
    return claim


def _fallback(ex: Extractor, text: str, published: str | None, doc_id: str) -> Claim:
    """Type a report the sentence classifier would not: the whole text, then keywords."""
    cls = ex.classify(text) if text.strip() else None
    if cls is not None and cls.sub_event_type:
        sub, conf = cls.sub_event_type, min(float(cls.confidence), 0.5)
    else:
        sub, conf = guess_type(text), 0.2 if text.strip() else 0.05
    pub = parse_published(published)
    dates = find_dates(text, pub)
    claim = Claim(
        doc_id=doc_id,
        event_type=event_type_of(sub),
        sub_event_type=sub,
        span=(0, len(text)),
        evidence=text,
        confidence=conf,
    )
    if dates:
        claim.event_date, claim.time_precision = dates[0].date, dates[0].precision
        claim.time_of_day = dates[0].time_of_day
    elif pub is not None:
        claim.event_date, claim.time_precision = pub.isoformat(), 1
    claim.fatalities, _ = find_fatalities(text)
    for q in find_quantities(text):
        claim.quantities.setdefault(q.key, q.value)
    if ex.geocoder is not None and text.strip():
        claim.place = ex.geocoder.locate(text, 0, len(text), ex.geocoder.context(text))
    return claim


def _place(ex: Extractor, fields: dict[str, Any], found: Place | None) -> Place | None:
    lat, lon = (_float(fields.get(k)) for k in _FLOAT_FIELDS)
    name = str(fields.get("location") or "").strip()
    precision = _int(fields.get("geo_precision"))
    if lat is not None and lon is not None:
        place = Place(
            name=name or (found.name if found else ""),
            latitude=lat,
            longitude=lon,
            geo_precision=precision or 1,
            country_code=fields.get("country_code") or (found.country_code if found else None),
            admin1=fields.get("admin1") or (found.admin1 if found else None),
            score=1.0,
        )
        return place
    if name:
        if found is not None and found.name.lower() == name.lower():
            place = found
        elif ex.geocoder is not None:
            place = ex.geocoder.locate(name, 0, len(name), ex.geocoder.context(name)) or Place(
                name=name
            )
        else:
            place = Place(name=name)
        if fields.get("admin1"):
            place.admin1 = str(fields["admin1"])
        if precision:
            place.geo_precision = precision
        return place
    return found
