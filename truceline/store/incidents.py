"""Reading and writing incidents, their members, analysts' decisions and evidence.

Incident IDs are stable across runs of the resolver: a rebuilt cluster takes
the ID of the old incident it shares most claims with, so findings, analyst
status decisions and sensor evidence stay attached.  Every change of
membership is written to the audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from truceline.models import Claim, Incident
from truceline.store import audit
from truceline.store.records import load_claims
from truceline.store.schema import (
    claims,
    decisions,
    documents,
    evidence,
    findings,
    incident_claims,
    incidents,
    sources,
)

__all__ = [
    "ClaimContext",
    "add_decision",
    "add_evidence",
    "assign_ids",
    "incident_members",
    "load_context",
    "load_decisions",
    "load_evidence",
    "load_incident",
    "membership",
    "save_incidents",
]

_CHUNK = 500


@dataclass(slots=True)
class ClaimContext:
    """A claim with its document and source, as resolve and verify need them."""

    claim: Claim
    source: str | None = None
    source_kind: str | None = None
    reliability: str = "F"
    external_id: str | None = None
    text: str = ""
    url: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def monitor(self) -> bool:
        """A monitor's own observation: a monitor source, or a report saying how it was observed."""
        return self.source_kind == "monitor" or bool(self.fields.get("observation"))


def load_context(conn: Connection, claim_ids: Iterable[str] | None = None) -> list[ClaimContext]:
    """Claims (all, or the given ones) with their documents' source and text."""
    found = load_claims(conn, claim_ids)
    doc_ids = sorted({c.doc_id for c in found})
    docs: dict[str, Any] = {}
    q = select(
        documents.c.id,
        documents.c.external_id,
        documents.c.text,
        documents.c.url,
        documents.c.fields,
        sources.c.name,
        sources.c.kind,
        sources.c.reliability,
    ).select_from(documents.outerjoin(sources, documents.c.source_id == sources.c.id))
    for i in range(0, len(doc_ids), _CHUNK):
        for r in conn.execute(q.where(documents.c.id.in_(doc_ids[i : i + _CHUNK]))):
            docs[r.id] = r
    out = []
    for c in found:
        d = docs.get(c.doc_id)
        fields = (d.fields or {}) if d else {}
        out.append(
            ClaimContext(
                claim=c,
                source=d.name if d else None,
                source_kind=d.kind if d else None,
                reliability=(fields.get("reliability") or (d.reliability if d else None) or "F"),
                external_id=d.external_id if d else None,
                text=d.text if d else "",
                url=d.url if d else None,
                fields=fields,
            )
        )
    return out


def membership(conn: Connection) -> dict[str, str]:
    """claim ID -> incident ID, as stored now."""
    return dict(
        conn.execute(select(incident_claims.c.claim_id, incident_claims.c.incident_id)).all()
    )


def incident_members(conn: Connection, incident_id: str) -> list[str]:
    return list(
        conn.execute(
            select(incident_claims.c.claim_id)
            .where(incident_claims.c.incident_id == incident_id)
            .order_by(incident_claims.c.claim_id)
        ).scalars()
    )


def assign_ids(
    clusters: Sequence[Sequence[str]], previous: dict[str, str], fresh: Any
) -> list[str]:
    """An ID for each cluster: the old incident it overlaps most, else `fresh(cluster)`.

    Each old ID goes to at most one cluster, largest overlap first.
    """
    offers = []
    for k, members in enumerate(clusters):
        for old, n in Counter(previous[c] for c in members if c in previous).items():
            offers.append((-n, old, k))
    offers.sort()
    ids: list[str | None] = [None] * len(clusters)
    taken: set[str] = set()
    for _, old, k in offers:
        if ids[k] is None and old not in taken:
            ids[k] = old
            taken.add(old)
    return [i if i is not None else fresh(clusters[k]) for k, i in enumerate(ids)]


def _row(inc: Incident, ranges: dict[str, Any], h3cell: str | None, at: str) -> dict[str, Any]:
    return {
        "id": inc.id,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "event_date": inc.event_date,
        "time_precision": inc.time_precision,
        "location": inc.location,
        "admin1": inc.admin1,
        "country_code": inc.country_code,
        "latitude": inc.latitude,
        "longitude": inc.longitude,
        "geo_precision": inc.geo_precision,
        "radius_km": inc.radius_km,
        "h3": h3cell,
        "fatalities": inc.fatalities,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        "quantities": inc.quantities or {},
        "target_class": inc.target_class,
        "weapon": inc.weapon,
        "disagreements": inc.disagreements or {},
        "ranges": ranges or {},
        "independent_sources": inc.independent_sources,
        "updated_at": at,
    }


def save_incidents(
    conn: Connection,
    merged: Sequence[tuple[Incident, dict[str, Any]]],
    *,
    at: str,
    actor: str,
    reason: str,
    replace_all: bool,
) -> dict[str, int]:
    """Write incidents and their members; audit each incident whose membership changed.

    With `replace_all`, incidents not in `merged` are removed (their evidence moves
    to the incident that took most of their claims; their findings are dropped,
    evaluation rebuilds them).  Otherwise only the given incidents' claims move.
    """
    import h3

    before = membership(conn)
    old_members: dict[str, set[str]] = {}
    for c, i in before.items():
        old_members.setdefault(i, set()).add(c)
    new_ids = {inc.id for inc, _ in merged}
    counts = {"incidents": len(merged), "created": 0, "changed": 0, "removed": 0}
    touched_claims = [c for inc, _ in merged for c in inc.claim_ids]
    existing = (
        set(conn.execute(select(incidents.c.id).where(incidents.c.id.in_(list(new_ids)))).scalars())
        if len(new_ids) <= _CHUNK
        else set(conn.execute(select(incidents.c.id)).scalars())
    )

    # Which old incidents disappear, and where their claims went.
    owner_after = {c: inc.id for inc, _ in merged for c in inc.claim_ids}
    if replace_all:
        gone = set(old_members) - new_ids
    else:
        gone = {i for i, ms in old_members.items() if i not in new_ids and ms <= set(owner_after)}
    for i in range(0, len(touched_claims), _CHUNK):
        conn.execute(
            delete(incident_claims).where(
                incident_claims.c.claim_id.in_(touched_claims[i : i + _CHUNK])
            )
        )
    for inc, ranges in merged:
        cell = (
            h3.latlng_to_cell(inc.latitude, inc.longitude, 7)
            if inc.latitude is not None and inc.longitude is not None
            else None
        )
        row = _row(inc, ranges, cell, at)
        if inc.id in existing:
            conn.execute(update(incidents).where(incidents.c.id == inc.id).values(**row))
        else:
            conn.execute(insert(incidents).values(**row, status="reported", created_at=at))
        conn.execute(
            insert(incident_claims), [{"claim_id": c, "incident_id": inc.id} for c in inc.claim_ids]
        )
        old = old_members.get(inc.id, set())
        now = set(inc.claim_ids)
        if old == now:
            continue
        action = "incident.create" if inc.id not in existing else "incident.members"
        counts["created" if inc.id not in existing else "changed"] += 1
        audit.append(
            conn,
            at=at,
            actor=actor,
            action=action,
            entity="incident",
            entity_id=inc.id,
            reason=reason,
            payload={"added": sorted(now - old), "removed": sorted(old - now), "claims": len(now)},
        )
    for old_id in sorted(gone):
        heirs = Counter(owner_after[c] for c in old_members[old_id] if c in owner_after)
        heir = heirs.most_common(1)[0][0] if heirs else None
        if heir:
            have = {
                (r.kind, r.ref)
                for r in conn.execute(
                    select(evidence.c.kind, evidence.c.ref).where(evidence.c.incident_id == heir)
                )
            }
            for r in (
                conn.execute(select(evidence).where(evidence.c.incident_id == old_id))
                .mappings()
                .all()
            ):
                if (r["kind"], r["ref"]) not in have:
                    conn.execute(
                        update(evidence).where(evidence.c.id == r["id"]).values(incident_id=heir)
                    )
        conn.execute(delete(evidence).where(evidence.c.incident_id == old_id))
        conn.execute(delete(findings).where(findings.c.incident_id == old_id))
        conn.execute(delete(incident_claims).where(incident_claims.c.incident_id == old_id))
        conn.execute(delete(incidents).where(incidents.c.id == old_id))
        counts["removed"] += 1
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="incident.remove",
            entity="incident",
            entity_id=old_id,
            reason=reason,
            payload={"claims_now_in": sorted(set(heirs))},
        )
    return counts


def load_incident(conn: Connection, incident_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
    return dict(row) if row else None


def add_decision(
    conn: Connection, kind: str, claim_groups: list[list[str]], *, actor: str, reason: str, at: str
) -> int:
    """Record an analyst's decision: `together` (one group) or `apart` (groups kept apart)."""
    return conn.execute(
        insert(decisions).values(
            kind=kind, claim_ids=claim_groups, actor=actor, reason=reason, at=at
        )
    ).inserted_primary_key[0]


def load_decisions(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(decisions).order_by(decisions.c.id)).mappings()]


def add_evidence(
    conn: Connection, incident_id: str, kind: str, ref: str, detail: dict[str, Any], *, at: str
) -> bool:
    """Attach evidence once; False when this (kind, ref) is already attached."""
    if conn.execute(
        select(evidence.c.id).where(
            evidence.c.incident_id == incident_id, evidence.c.kind == kind, evidence.c.ref == ref
        )
    ).first():
        return False
    conn.execute(
        insert(evidence).values(incident_id=incident_id, kind=kind, ref=ref, detail=detail, at=at)
    )
    return True


def load_evidence(
    conn: Connection, incident_ids: Iterable[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    q = select(evidence).order_by(evidence.c.id)
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(q).mappings():
        out.setdefault(r["incident_id"], []).append(dict(r))
    if incident_ids is not None:
        wanted = set(incident_ids)
        out = {k: v for k, v in out.items() if k in wanted}
    return out


def claim_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(claims)).scalar_one()
