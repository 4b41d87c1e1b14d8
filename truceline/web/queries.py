"""The reads behind the API and the pages, each returning plain dicts.

Every function takes ``public``: when true, rows pass through
`truceline.publish.redact` before they leave, and filters that could be used to
probe a hidden value (a bounding box around a coarsened point, a protected
source's name) are applied to what the public sees, not to the stored value.
Incident lists and the map are filtered and built from the in-memory index
(`truceline.web.index`), which holds the list's columns of every incident.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, desc, func, or_, select

from truceline.errors import InputError
from truceline.publish import redact
from truceline.store.schema import (
    audit_log,
    claims,
    documents,
    findings,
    incident_claims,
    incidents,
    sources,
)
from truceline.web.geo import AgreementLayers
from truceline.web.index import IncidentFilter, IncidentIndex, Snapshot


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise InputError(
            f"bbox {text!r} is not four numbers", field="bbox", hint="write west,south,east,north"
        ) from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise InputError(
            f"bbox {text!r} is out of range", field="bbox", hint="west,south,east,north in degrees"
        )
    return w, s, e, n


def select_incidents(
    conn: Connection,
    index: IncidentIndex,
    layers: AgreementLayers,
    f: IncidentFilter,
    *,
    public: bool,
    limit: int,
    offset: int = 0,
) -> tuple[Snapshot, list[int], int | None, int]:
    """A page of matching incidents, newest first, as positions in the index's snapshot.

    Returns (snapshot, positions, next offset or None, how many matched before any
    zone test).
    """
    snap = index.snapshot(conn)
    zone_bounds = zone_test = None
    if f.zone:
        try:
            zone_bounds, zone_test = layers.refresh(conn).zone_test(f.zone)
        except KeyError:
            raise InputError(
                f"no zone {f.zone!r} in the agreement",
                field="zone",
                hint=f"zones: {', '.join(layers.zones) or 'no agreement loaded'}",
            ) from None
    source_ids = index.source_ids(conn, f.source, public=public) if f.source else None
    hits = snap.matches(f, public=public, zone_bounds=zone_bounds, source_ids=source_ids)
    ks, nxt = snap.page(hits, public=public, limit=limit, offset=offset, zone_test=zone_test)
    return snap, ks, nxt, len(hits)


def incident_rows(snap: Snapshot, ks: list[int], *, public: bool) -> list[dict[str, Any]]:
    """The list's rows of the incidents at positions ``ks``, in that order, redacted if public."""
    return snap.rows(ks, public=public)


def incident(
    conn: Connection, incident_id: str, *, public: bool, confidential: set[str]
) -> dict[str, Any] | None:
    """One incident with its member claims, their documents and evidence spans, and findings."""
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
    if row is None:
        return None
    inc = dict(row)
    flags = redact.protection_flags(conn, [incident_id], confidential=confidential)[incident_id]
    if inc.get("site_id") is not None and str(inc["site_id"]) in confidential:
        flags["confidential"] = True
    members = claims_of(conn, incident_id=incident_id, public=public, confidential=confidential)
    inc["sources"] = sorted({m["source"] for m in members if m.get("source")})
    if public:
        inc = redact.public_incident({**inc, **flags})
    else:
        inc.update(flags)
    inc["claims"] = members
    inc["findings"] = list_findings(
        conn, incident_id=incident_id, public=public, confidential=confidential
    )
    return inc


def claims_of(
    conn: Connection,
    *,
    public: bool,
    confidential: set[str],
    incident_id: str | None = None,
    document_id: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[dict[str, Any]]:
    q = (
        select(
            claims,
            incident_claims.c.incident_id,
            documents.c.text,
            documents.c.title,
            documents.c.url,
            documents.c.external_id,
            documents.c.published,
            sources.c.name.label("source"),
            sources.c.reliability,
            sources.c.protected,
        )
        .select_from(
            claims.join(documents, documents.c.id == claims.c.document_id)
            .outerjoin(sources, sources.c.id == documents.c.source_id)
            .outerjoin(incident_claims, incident_claims.c.claim_id == claims.c.id)
        )
        .order_by(claims.c.created_at, claims.c.id)
        .limit(limit)
        .offset(offset)
    )
    if incident_id is not None:
        q = q.where(incident_claims.c.incident_id == incident_id)
    if document_id is not None:
        q = q.where(claims.c.document_id == document_id)
    out = []
    for r in conn.execute(q).mappings():
        c = dict(r)
        c["protected"] = bool(c.get("protected"))
        c["confidential"] = c.get("site_id") is not None and str(c["site_id"]) in confidential
        c["spans"] = _spans(c.get("text") or "", c.get("span_start"), c.get("span_end"))
        if public:
            c = redact.public_claim(c)
            if c.get("text") is None:
                c["spans"] = []
        out.append(c)
    return out


def _spans(text: str, start: int | None, end: int | None) -> list[dict[str, Any]]:
    """The document text cut around the evidence span, for highlighting (never as HTML)."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return [{"text": text, "evidence": False}]
    parts = [(text[:start], False), (text[start:end], True), (text[end:], False)]
    return [{"text": t, "evidence": ev} for t, ev in parts if t]


def list_documents(
    conn: Connection, *, public: bool, source: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    q = (
        select(
            documents.c.id,
            documents.c.external_id,
            documents.c.title,
            documents.c.url,
            documents.c.published,
            documents.c.language,
            documents.c.media_type,
            documents.c.credibility,
            documents.c.text,
            sources.c.name.label("source"),
            sources.c.reliability,
        )
        .select_from(documents.outerjoin(sources, sources.c.id == documents.c.source_id))
        .order_by(desc(documents.c.published), documents.c.id)
        .limit(limit)
        .offset(offset)
    )
    if public:  # a protected source's documents never leave
        q = q.where(or_(sources.c.protected.is_(False), documents.c.source_id.is_(None)))
    if source:
        q = q.where(sources.c.name == source)
    return [dict(r) for r in conn.execute(q).mappings()]


def document(conn: Connection, doc_id: str, *, public: bool) -> dict[str, Any] | None:
    q = (
        select(
            documents, sources.c.name.label("source"), sources.c.reliability, sources.c.protected
        )
        .select_from(documents.outerjoin(sources, sources.c.id == documents.c.source_id))
        .where(documents.c.id == doc_id)
    )
    r = conn.execute(q).mappings().first()
    if r is None or (public and r["protected"]):
        return None
    d = dict(r)
    d.pop("protected", None)
    if public:
        d.pop("fields", None)  # coded fields may hold the reporter's fix
    return d


def list_findings(
    conn: Connection,
    *,
    public: bool,
    confidential: set[str],
    incident_id: str | None = None,
    status: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[dict[str, Any]]:
    q = (
        select(findings, incidents.c.site_id.label("_site"))
        .select_from(findings.join(incidents, incidents.c.id == findings.c.incident_id))
        .order_by(desc(findings.c.evaluated_at), findings.c.id)
        .limit(limit)
        .offset(offset)
    )
    if incident_id:
        q = q.where(findings.c.incident_id == incident_id)
    if status:
        q = q.where(findings.c.status == status)
    rows = [dict(r) for r in conn.execute(q).mappings()]
    if public and rows:
        # One rule for the public, shared with the exports and the report.
        flags = redact.protection_flags(
            conn, {r["incident_id"] for r in rows}, confidential=confidential
        )
        for r in rows:
            f = flags[r["incident_id"]]
            r["protected"] = f["protected"]
            r["confidential"] = f["confidential"] or (
                r["_site"] is not None and str(r["_site"]) in confidential
            )
        rows = [redact.public_finding(r) for r in rows]
    for r in rows:
        for k in ("_site", "protected", "confidential"):
            r.pop(k, None)
    return rows


def daily_counts(
    conn: Connection, *, date_from: str | None = None, date_to: str | None = None
) -> list[dict[str, Any]]:
    """Incidents per day and status (counts reveal nothing that redaction hides)."""
    q = select(incidents.c.event_date, incidents.c.status, func.count()).where(
        incidents.c.event_date.is_not(None)
    )
    if date_from:
        q = q.where(incidents.c.event_date >= date_from)
    if date_to:
        q = q.where(incidents.c.event_date <= date_to)
    days: dict[str, dict[str, Any]] = {}
    for day, status, n in conn.execute(q.group_by(incidents.c.event_date, incidents.c.status)):
        d = days.setdefault(day, {"day": day, "total": 0, "by_status": {}})
        d["by_status"][status] = n
        d["total"] += n
    return [days[k] for k in sorted(days)]


def latest_day(conn: Connection) -> str | None:
    return conn.execute(select(func.max(incidents.c.event_date))).scalar()


def audit_entries(
    conn: Connection, *, entity_id: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    q = select(audit_log).order_by(desc(audit_log.c.seq)).limit(limit)
    if entity_id:
        q = q.where(audit_log.c.entity_id == entity_id)
    return [dict(r) for r in conn.execute(q).mappings()]


def is_day(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
