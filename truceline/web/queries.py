"""The reads behind the API and the pages, each returning plain dicts.

Every function takes ``public``: when true, rows pass through
`truceline.publish.redact` before they leave, and filters that could be used to
probe a hidden value (a bounding box around a coarsened point, a protected
source's name) are applied to what the public sees, not to the stored value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, desc, exists, func, literal_column, or_, select

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

LIST_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "location",
    "admin1",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "radius_km",
    "fatalities",
    "actor1",
    "actor2",
    "site_id",
    "status",
    "independent_sources",
    "updated_at",
)
_LIST = [incidents.c[k] for k in LIST_COLUMNS]


@dataclass(slots=True)
class IncidentFilter:
    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None  # an event type or a sub-event type
    status: list[str] | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    zone: str | None = None
    source: str | None = None


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


def _in_bbox(
    lat_col: Any, lon_col: Any, bbox: tuple[float, float, float, float], pad: float
) -> Any:
    w, s, e, n = bbox
    lat = lat_col.between(s - pad, n + pad)
    if w <= e:
        return and_(lat, lon_col.between(w - pad, e + pad))
    return and_(lat, or_(lon_col >= w - pad, lon_col <= e + pad))  # across the antimeridian


def _point_in(
    bbox: tuple[float, float, float, float], lat: float | None, lon: float | None
) -> bool:
    if lat is None or lon is None:
        return False
    w, s, e, n = bbox
    return s <= lat <= n and (w <= lon <= e if w <= e else lon >= w or lon <= e)


def _member_of_source(name: str, *, public: bool) -> Any:
    cond = [
        incident_claims.c.incident_id == incidents.c.id,
        sources.c.name == name,
    ]
    if public:
        cond.append(sources.c.protected.is_(False))
    return exists(
        select(1)
        .select_from(
            incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id)
            .join(sources, sources.c.id == documents.c.source_id)
        )
        .where(*cond)
    )


def _protected_member() -> Any:
    """EXISTS: a member claim of the incident comes from a protected source."""
    return exists(
        select(1)
        .select_from(
            incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id)
            .join(sources, sources.c.id == documents.c.source_id)
        )
        .where(incident_claims.c.incident_id == incidents.c.id, sources.c.protected.is_(True))
    )


def _confidential_member(confidential: set[str]) -> Any:
    return exists(
        select(1)
        .select_from(incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id))
        .where(
            incident_claims.c.incident_id == incidents.c.id,
            claims.c.site_id.in_(sorted(confidential)),
        )
    )


def _where(f: IncidentFilter, *, public: bool, zone_bounds: Any) -> list[Any]:
    w: list[Any] = []
    if f.date_from:
        w.append(incidents.c.event_date >= f.date_from)
    if f.date_to:
        w.append(incidents.c.event_date <= f.date_to)
    if f.type:
        w.append(or_(incidents.c.event_type == f.type, incidents.c.sub_event_type == f.type))
    if f.status:
        w.append(incidents.c.status.in_(f.status))
    for box in (f.bbox, zone_bounds):
        if box is None:
            continue
        exact = _in_bbox(incidents.c.latitude, incidents.c.longitude, box, 0.0)
        if public:
            # A coarsened point may sit up to a cell from the stored one: look that far,
            # but only for incidents that will be coarsened; the post-filter decides.
            padded = _in_bbox(incidents.c.latitude, incidents.c.longitude, box, redact.COARSE_DEG)
            w.append(and_(padded, or_(exact, _protected_member())))  # padded first: it is indexable
        else:
            w.append(exact)
    if f.source:
        w.append(_member_of_source(f.source, public=public))
    return w


def _order(conn: Connection) -> list[Any]:
    # On SQLite, rowid as the tie-break lets the event_date index deliver rows in order.
    tie = literal_column("incidents.rowid") if conn.dialect.name == "sqlite" else incidents.c.id
    return [desc(incidents.c.event_date), desc(tie)]


def scan_incidents(
    conn: Connection,
    f: IncidentFilter,
    *,
    public: bool,
    confidential: set[str],
    zone_test: Callable[[float, float], bool] | None = None,
    zone_bounds: Any = None,
    limit: int = 100,
    offset: int = 0,
    columns: list[Any] | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """A page of incidents, newest first; returns (items, next offset or None).

    Filters that must see the redacted point (public bbox, zones) run after
    the SQL too, so a page may hold fewer than ``limit`` items; ``next_offset``
    says where the next page starts.
    """
    cols = list(columns or _LIST)
    if public:
        cols.append(_protected_member().label("_protected"))
        if confidential:
            cols.append(_confidential_member(confidential).label("_confidential"))
    q = (
        select(*cols)
        .where(*_where(f, public=public, zone_bounds=zone_bounds))
        .order_by(*_order(conn))
    )
    post = public and f.bbox is not None or zone_test is not None
    items: list[dict[str, Any]] = []
    cursor = offset
    batch = limit if not post else max(limit * 2, 200)
    while True:
        res = conn.execute(q.limit(batch).offset(cursor))
        keys = list(res.keys())
        rows = [dict(zip(keys, r, strict=True)) for r in res.fetchall()]
        if public:
            rows = [_public_row(r, confidential) for r in rows]
        for i, r in enumerate(rows):
            if post and not _keep(r, f, zone_test):
                continue
            items.append(r)
            if len(items) == limit:
                more = i + 1 < len(rows) or len(rows) == batch
                return items, (cursor + i + 1) if more else None
        cursor += len(rows)
        if len(rows) < batch:
            return items, None


def _public_row(r: dict[str, Any], confidential: set[str]) -> dict[str, Any]:
    r["protected"] = bool(r.pop("_protected", False))
    r["confidential"] = bool(r.pop("_confidential", False)) or (
        r.get("site_id") is not None and str(r["site_id"]) in confidential
    )
    return redact.public_incident(r)


def _keep(
    r: dict[str, Any], f: IncidentFilter, zone_test: Callable[[float, float], bool] | None
) -> bool:
    lat, lon = r.get("latitude"), r.get("longitude")
    if f.bbox is not None and not _point_in(f.bbox, lat, lon):
        return False
    return zone_test is None or (lat is not None and zone_test(lat, lon))


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
        flags = redact.protection_flags(
            conn, {r["incident_id"] for r in rows}, confidential=confidential
        )
        for r in rows:
            f = flags[r["incident_id"]]
            if (
                f["confidential"]
                or f["protected"]
                or (r["_site"] is not None and str(r["_site"]) in confidential)
            ):
                # The reasoning and evidence may quote the site or the reporter's fix.
                r["rationale"] = (
                    "The reasoning is withheld from the public view: it concerns a protected reporter or site."
                )
                r["evidence"] = None
    for r in rows:
        r.pop("_site", None)
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


def iter_all(
    fn: Callable[..., tuple[list[dict[str, Any]], int | None]], **kw: Any
) -> Iterator[dict[str, Any]]:
    """Every item of a paged scan."""
    offset: int | None = 0
    while offset is not None:
        items, offset = fn(offset=offset, **kw)
        yield from items


def is_day(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
