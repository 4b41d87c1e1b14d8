"""What the public may see: the one place the redaction rules live.

The public view (the API without a token, public exports, the public daily
report) follows three rules:

1. A protected source never appears: not its name, not its documents, not the
   words of its reports, not its place in a disagreement record.
2. A confidential site never appears: no site ID, no place name finer than the
   region, no coordinates.
3. Where a protected reporter contributed to an incident, its coordinates are
   coarsened to the centre of a grid cell of `COARSE_DEG` degrees, because a
   monitor's exact fix tells where the monitor stood.

The functions here are pure: the caller marks each row with what it knows
(`protection_flags` computes the marks from the store):

- ``protected``: a member claim comes from a protected source;
- ``confidential``: the incident or claim concerns a confidential site;
- ``protected_sources``: names of the protected sources among its members.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from truceline.store.schema import agreements, claims, documents, incident_claims, sources

__all__ = [
    "COARSE_DEG",
    "coarsen",
    "confidential_site_ids",
    "protection_flags",
    "public_claim",
    "public_finding",
    "public_incident",
]

COARSE_DEG = 0.25  # about 28 km north-south: a district, not a trench
WITHHELD = "withheld"
_PLACE_FIELDS = ("latitude", "longitude", "location", "site_id", "h3", "radius_km", "geonameid")
# Never public: internal keys, analysts' free text, and the marks themselves.
_DROP = ("h3", "status_reason", "protected", "confidential", "protected_sources")


def coarsen(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """The centre of the grid cell holding the point."""
    if lat is None or lon is None:
        return None, None

    def centre(v: float) -> float:
        return round((math.floor(v / COARSE_DEG) + 0.5) * COARSE_DEG, 4)

    return centre(lat), centre(lon)


def _place(out: dict[str, Any], row: dict[str, Any]) -> None:
    if row.get("confidential"):
        out["site_id"] = None
        out["location"] = row.get("admin1")
        out["latitude"] = out["longitude"] = None
        out["geo_precision"] = 3
        out["radius_km"] = None
        out["coordinates"] = WITHHELD
    elif row.get("protected") and row.get("latitude") is not None:
        out["latitude"], out["longitude"] = coarsen(row["latitude"], row.get("longitude"))
        out["geo_precision"] = max(row.get("geo_precision") or 2, 2)
        out["radius_km"] = max(row.get("radius_km") or 0.0, COARSE_DEG * 111 / 2)
        out["coordinates"] = "coarsened"


def _disagreements(value: Any, row: dict[str, Any]) -> dict[str, Any] | None:
    """Drop what names a protected source, and every place field where the place is sensitive."""
    if not isinstance(value, dict):
        return None
    hidden = set(row.get("protected_sources") or ())
    sensitive = bool(row.get("protected") or row.get("confidential"))
    out: dict[str, Any] = {}
    for field, readings in value.items():
        if sensitive and field in _PLACE_FIELDS:
            continue
        kept = []
        for reading in readings if isinstance(readings, list) else []:
            if not isinstance(reading, dict):
                continue
            names = [s for s in reading.get("sources") or [] if s not in hidden]
            if reading.get("sources") and not names:
                continue  # only protected sources hold this reading
            kept.append({**reading, "sources": names, "claims": None})
        if len(kept) > 1:
            out[field] = kept
    return out


def public_incident(row: dict[str, Any]) -> dict[str, Any]:
    """An incident as the public may see it."""
    out = {k: v for k, v in row.items() if k not in _DROP}
    _place(out, row)
    out["disagreements"] = _disagreements(row.get("disagreements"), row)
    if "sources" in out:
        hidden = set(row.get("protected_sources") or ())
        out["sources"] = [s for s in out["sources"] or [] if s not in hidden]
    return out


def public_claim(row: dict[str, Any]) -> dict[str, Any]:
    """A claim as the public may see it.

    A protected source's claim keeps its coded fields (type, date, counts) but
    loses everything that could identify the reporter: source, document, words.
    """
    out = {k: v for k, v in row.items() if k not in _DROP}
    _place(out, row)
    if row.get("protected"):
        for k in (
            "source",
            "document_id",
            "evidence",
            "text",
            "span_start",
            "span_end",
            "claimed_by",
            "actor1_stated",
            "actor2_stated",
            "title",
            "url",
            "external_id",
        ):
            if k in out:
                out[k] = None
        out["source"] = "protected source"
    if row.get("confidential"):
        out["target"] = None
        out["site_class"] = out.get("site_class")
    return out


_QUOTED = re.compile("\u201c[^\u201d]*\u201d")
FINDING_WITHHELD = (
    "The reasoning is withheld from the public view: it concerns a protected reporter or site."
)


def _withhold_quotes(text: str | None, confidential: bool) -> str | None:
    if text and confidential:
        return _QUOTED.sub("\u201c[withheld]\u201d", text)
    return text


def public_finding(row: dict[str, Any]) -> dict[str, Any]:
    """A finding as the public may see it; ``row`` carries its incident's marks.

    Where the incident is sensitive (a protected reporter, a confidential site,
    or the evaluation matched a confidential site), the public rationale written
    at evaluation time replaces the full one: the same reasoning with distances
    rounded and no protected words.  At a confidential site even public quotes
    are withheld, since they may name it.  Findings stored before the public
    rationale existed are withheld whole, as the web's findings list does.
    """
    out = {k: v for k, v in row.items() if k not in _DROP}
    evidence = dict(row.get("evidence") or {})
    public_text = evidence.pop("public_rationale", None)
    confidential = bool(row.get("confidential") or evidence.get("confidential_site"))
    if not (row.get("protected") or confidential):
        out["evidence"] = evidence
        out["readings"] = [
            {k: v for k, v in r.items() if k != "public_reason"} for r in row.get("readings") or []
        ]
        return out
    out["rationale"] = _withhold_quotes(public_text, confidential) or FINDING_WITHHELD
    out["evidence"] = None  # quotes, exact distances, document IDs
    out["readings"] = [
        {
            **{k: v for k, v in r.items() if k not in ("reason", "public_reason")},
            "reason": _withhold_quotes(r.get("public_reason"), confidential)
            if public_text
            else None,
        }
        for r in row.get("readings") or []
    ]
    return out


def confidential_site_ids(conn: Connection) -> set[str]:
    """Site IDs that a loaded agreement marks ``confidential: true`` (any nesting)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("confidential") is True and node.get("id") is not None:
                found.add(str(node["id"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for (body,) in conn.execute(select(agreements.c.body)):
        walk(body)
    return found


def protection_flags(
    conn: Connection, incident_ids: Iterable[str], *, confidential: set[str] | None = None
) -> dict[str, dict[str, Any]]:
    """For each incident: ``protected``, ``confidential`` and ``protected_sources``."""
    ids = list(incident_ids)
    confidential = confidential_site_ids(conn) if confidential is None else confidential
    flags: dict[str, dict[str, Any]] = {
        i: {"protected": False, "confidential": False, "protected_sources": []} for i in ids
    }
    for i in range(0, len(ids), 500):
        q = (
            select(
                incident_claims.c.incident_id,
                claims.c.site_id,
                sources.c.name,
                sources.c.protected,
            )
            .select_from(
                incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
                .join(documents, documents.c.id == claims.c.document_id)
                .outerjoin(sources, sources.c.id == documents.c.source_id)
            )
            .where(incident_claims.c.incident_id.in_(ids[i : i + 500]))
        )
        for inc, site, name, protected in conn.execute(q):
            f = flags[inc]
            if protected:
                f["protected"] = True
                if name not in f["protected_sources"]:
                    f["protected_sources"].append(name)
            if site is not None and str(site) in confidential:
                f["confidential"] = True
    return flags
