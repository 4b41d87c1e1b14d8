"""The verify stage: each incident's status and Admiralty grade, from its evidence.

    reported      one independent source
    corroborated  at least two independent sources (wire copies count once)
    verified      a monitor's own observation, a sensor match, or an analyst's decision
    disputed      an analyst's decision, with a reason
    refuted       an analyst's decision, with a reason

An analyst's latest decision on an incident stands over what the evidence
alone would give.  Every change of status is written to the audit log with
who made it, when, and why.  The grade pairs the best source reliability
(A-F) with an information credibility (1-6) that follows the status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from truceline.errors import InputError
from truceline.models import STATUSES
from truceline.resolve.score import haversine_km
from truceline.store import Store, audit
from truceline.store.incidents import add_evidence, load_context, load_evidence
from truceline.store.schema import detections, incident_claims, incidents

__all__ = ["grade_incidents", "grade_store", "match_sensors", "set_status", "status_from_evidence"]

VERIFIER = "system:verify"
ANALYST_STATUSES = STATUSES
# Sensor matching: how far a hotspot may lie beyond the incident's own uncertainty,
# and how many days after the incident it may be seen (fires burn on).
SENSOR_SLACK_KM = 1.0  # VIIRS pixels are 375 m; MODIS 1 km
SENSOR_DAYS_AFTER = 1
FIRE_WORDS = ("fire", "blaze", "burn", "flames", "smoke", "ablaze")
_CREDIBILITY = {"verified": 1, "corroborated": 2, "disputed": 4, "refuted": 5}


def status_from_evidence(
    independent_sources: int,
    monitor: bool,
    sensor: list[dict[str, Any]],
    analyst: dict[str, Any] | None,
) -> tuple[str, str]:
    """The status the evidence supports, and the reason in words."""
    if analyst is not None:
        d = analyst["detail"]
        return d["status"], f"analyst {d['actor']}: {d['reason']}"
    if monitor:
        return "verified", "a monitor's own observation"
    if sensor:
        s = sensor[0]["detail"]
        return "verified", (
            f"sensor match: {s['sensor']} hotspot {s['distance_km']} km away at {s['detected_at']}"
        )
    if independent_sources >= 2:
        return "corroborated", f"{independent_sources} independent sources"
    return "reported", "a single source"


def _grade(status: str, reliabilities: Iterable[str]) -> str:
    best = min((r for r in reliabilities if r), default="F")
    cred = _CREDIBILITY.get(status) or (3 if best in "ABC" else 6)
    return f"{best}{cred}"


def grade_incidents(conn: Connection, ids: Sequence[str] | None, *, at: str) -> dict[str, int]:
    """Recompute status and grade of the given incidents (all when None); audit changes."""
    q = select(
        incidents.c.id, incidents.c.status, incidents.c.grade, incidents.c.independent_sources
    )
    if ids is not None:
        q = q.where(incidents.c.id.in_(list(ids)))
    rows = conn.execute(q).all()
    members: dict[str, list[str]] = {}
    mq = select(incident_claims.c.incident_id, incident_claims.c.claim_id)
    for inc_id, claim_id in conn.execute(mq):
        members.setdefault(inc_id, []).append(claim_id)
    wanted = [r.id for r in rows]
    ctx = {
        x.claim.id: x for x in load_context(conn, [c for i in wanted for c in members.get(i, [])])
    }
    ev = load_evidence(conn, wanted)
    changed = {s: 0 for s in STATUSES}
    for r in rows:
        mine = [ctx[c] for c in members.get(r.id, []) if c in ctx]
        items = ev.get(r.id, [])
        analyst = [e for e in items if e["kind"] == "analyst"]
        status, why = status_from_evidence(
            r.independent_sources or 1,
            any(x.monitor for x in mine),
            [e for e in items if e["kind"] == "sensor"],
            analyst[-1] if analyst else None,
        )
        grade = _grade(status, (x.reliability for x in mine))
        if status == r.status and grade == r.grade:
            continue
        conn.execute(
            update(incidents)
            .where(incidents.c.id == r.id)
            .values(status=status, status_reason=why, grade=grade, updated_at=at)
        )
        if status != r.status:
            changed[status] += 1
            actor = analyst[-1]["detail"]["actor"] if analyst else VERIFIER
            audit.append(
                conn,
                at=at,
                actor=actor,
                action="incident.status",
                entity="incident",
                entity_id=r.id,
                reason=why,
                payload={"from": r.status, "to": status, "grade": grade},
            )
    return changed


def grade_store(store: Store) -> dict[str, int]:
    """Match sensor detections, then recompute every incident's status; returns changes by status."""
    match_sensors(store)
    with store.write() as conn:
        return grade_incidents(conn, None, at=store.now())


def set_status(store: Store, incident_id: str, status: str, *, actor: str, reason: str) -> None:
    """An analyst's decision on an incident's status; `reason` is required and audited."""
    if status not in STATUSES:
        raise InputError(
            f"unknown status {status!r}", field="status", hint="one of " + ", ".join(STATUSES)
        )
    if not reason or not reason.strip():
        raise InputError("a status decision needs a reason", field="reason", hint="give --reason")
    if not actor or not actor.strip():
        raise InputError("a status decision needs an actor", field="actor", hint="give --actor")
    at = store.now()
    with store.write() as conn:
        if (
            conn.execute(select(incidents.c.id).where(incidents.c.id == incident_id)).first()
            is None
        ):
            raise InputError(f"no incident {incident_id!r}", field="incident_id")
        row = audit.append(
            conn,
            at=at,
            actor=actor,
            action="incident.decision",
            entity="incident",
            entity_id=incident_id,
            reason=reason.strip(),
            payload={"status": status},
        )
        add_evidence(
            conn,
            incident_id,
            "analyst",
            str(row.seq),
            {"status": status, "actor": actor, "reason": reason.strip()},
            at=at,
        )
        grade_incidents(conn, [incident_id], at=at)


def _fire_related(inc: dict[str, Any], texts: list[str]) -> bool:
    if (
        inc["event_type"] in ("Explosions/Remote violence", None)
        and inc["sub_event_type"] != "Chemical weapon"
    ):
        return True
    if inc["target_class"] == "energy" or inc["sub_event_type"] == "Looting/property destruction":
        return True
    return any(w in t.lower() for t in texts for w in FIRE_WORDS)


def match_sensors(
    store: Store, *, slack_km: float = SENSOR_SLACK_KM, days_after: int = SENSOR_DAYS_AFTER
) -> int:
    """Attach FIRMS hotspots to fire and strike incidents near them in time and place.

    A hotspot matches when it lies within the incident's uncertainty radius plus
    `slack_km`, on the incident's date or up to `days_after` days later.  Each
    match becomes `sensor` evidence; returns how many were added.
    """
    with store.read() as conn:
        if conn.execute(select(detections.c.id).limit(1)).first() is None:
            return 0
        incs = [
            dict(r)
            for r in conn.execute(
                select(incidents).where(
                    incidents.c.latitude.is_not(None), incidents.c.event_date.is_not(None)
                )
            ).mappings()
        ]
        by_day: dict[str, list[Any]] = {}
        for d in conn.execute(select(detections)).mappings():
            by_day.setdefault(d["detected_at"][:10], []).append(d)
        members: dict[str, list[str]] = {}
        for inc_id, claim_id in conn.execute(
            select(incident_claims.c.incident_id, incident_claims.c.claim_id)
        ):
            members.setdefault(inc_id, []).append(claim_id)
    added = 0
    at = store.now()
    with store.write() as conn:
        for inc in incs:
            try:
                day0 = date.fromisoformat(inc["event_date"])
            except ValueError:
                continue
            days = [(day0 + timedelta(days=k)).isoformat() for k in range(days_after + 1)]
            near = [d for day in days for d in by_day.get(day, [])]
            if not near:
                continue
            reach = (inc["radius_km"] or 0.0) + slack_km
            hits = []
            for d in near:
                km = float(
                    haversine_km(inc["latitude"], inc["longitude"], d["latitude"], d["longitude"])
                )
                if km <= reach:
                    hits.append((km, d))
            if not hits:
                continue
            texts = [x.text for x in load_context(conn, members.get(inc["id"], []))]
            if not _fire_related(inc, texts):
                continue
            for km, d in sorted(hits, key=lambda h: h[0]):
                detail = {
                    "sensor": d["sensor"],
                    "detected_at": d["detected_at"],
                    "distance_km": round(km, 2),
                    "latitude": d["latitude"],
                    "longitude": d["longitude"],
                    "frp": d["frp"],
                    "confidence": d["confidence"],
                }
                if add_evidence(conn, inc["id"], "sensor", d["id"], detail, at=at):
                    added += 1
                    audit.append(
                        conn,
                        at=at,
                        actor=VERIFIER,
                        action="incident.evidence",
                        entity="incident",
                        entity_id=inc["id"],
                        reason=f"sensor match within {reach:.1f} km",
                        payload=detail,
                    )
    return added
