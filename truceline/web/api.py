"""The JSON API: reads for everyone (redacted for the public), writes by role.

Every write goes through the library (pipeline, verify, resolve) and leaves an
entry in the audit log.
"""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from truceline import publish
from truceline.errors import InputError
from truceline.models import STATUSES, SUB_EVENT_TYPES
from truceline.store import audit
from truceline.store.access import ROLES, User, add_user, create_token
from truceline.store.schema import audit_log, incidents
from truceline.web import queries as q
from truceline.web.auth import caller, require
from truceline.web.responses import FastJSON

router = APIRouter(prefix="/api")
Caller = Annotated[User, Depends(caller)]
Analyst = Annotated[User, Depends(require("analyst"))]
Monitor = Annotated[User, Depends(require("monitor"))]
Admin = Annotated[User, Depends(require("admin"))]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
DateQ = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or an unknown one"},
    403: {"description": "The token's role may not do this"},
    404: {"description": "No such item"},
    422: {"description": "A bad parameter or body"},
}


class Ok(BaseModel):
    ok: bool = True


class Page(Ok):
    items: list[dict[str, Any]]
    next_offset: int | None = None


class FieldReport(BaseModel):
    """A monitor's observation from the field."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(default=None, max_length=200, description="the monitor's own report ID")
    text: str = Field(min_length=1, max_length=20_000, description="what was seen or heard")
    event_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    time: str | None = Field(default=None, max_length=40, description="time of day, e.g. 03:40")
    location: str | None = Field(default=None, max_length=200)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    observation: Literal["heard", "seen", "camera", "UAV"] | None = None
    bearing_deg: float | None = Field(default=None, ge=0, lt=360)
    distance_band: str | None = Field(default=None, max_length=40, description="e.g. 3-5 km")
    sub_event_type: str | None = Field(default=None, description="an ACLED sub-event type")
    fatalities: int | None = Field(default=None, ge=0, le=100_000)


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal[STATUSES]  # type: ignore[valid-type]
    reason: str = Field(min_length=3, max_length=5000)


class Merge(BaseModel):
    model_config = ConfigDict(extra="forbid")
    incident_ids: list[str] = Field(min_length=2, max_length=100)
    reason: str = Field(min_length=3, max_length=5000)


class Split(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim_ids: list[str] = Field(min_length=1, max_length=1000)
    reason: str = Field(min_length=3, max_length=5000)


class NewUser(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100, pattern=r"^[\w.@-]+$")
    role: Literal[ROLES]  # type: ignore[valid-type]


def _store(request: Request) -> Any:
    return request.app.state.store


def _layers(request: Request, conn: Any) -> Any:
    return request.app.state.layers.refresh(conn)


def _sites(request: Request, conn: Any) -> set[str]:
    """The confidential site IDs, as the index last read them."""
    return request.app.state.index.snapshot(conn).sites


def _paged(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """A page of an OFFSET-paged read; a full page may have a next one."""
    return {
        "ok": True,
        "items": items,
        "next_offset": offset + limit if len(items) == limit else None,
    }


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} with ID {key!r}")


async def _incident_filter(  # async: pure parsing, no thread-pool hop
    date_from: DateQ = None,
    date_to: DateQ = None,
    type: Annotated[
        str | None, Query(max_length=80, description="event type or sub-event type")
    ] = None,
    status: Annotated[
        list[str] | None, Query(description=f"one or more of {', '.join(STATUSES)}")
    ] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north")] = None,
    zone: Annotated[
        str | None, Query(max_length=80, description="a zone of the loaded agreement")
    ] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
) -> q.IncidentFilter:
    for s in status or []:
        if s not in STATUSES:
            raise InputError(
                f"unknown status {s!r}", field="status", hint=f"use one of {', '.join(STATUSES)}"
            )
    return q.IncidentFilter(date_from, date_to, type, status, q.parse_bbox(bbox), zone, source)


Filter = Annotated[q.IncidentFilter, Depends(_incident_filter)]


def _page(
    request: Request, conn: Any, f: q.IncidentFilter, user: User, *, limit: int, offset: int = 0
) -> tuple[Any, list[int], int | None, int]:
    state = request.app.state
    return q.select_incidents(
        conn,
        state.index,
        state.layers,
        f,
        public=user.role == "public",
        limit=limit,
        offset=offset,
    )


# ---- reads -------------------------------------------------------------------------------


@router.get("/me", tags=["access"])
def me(user: Caller) -> dict[str, Any]:
    """Who the token belongs to (``public`` without one)."""
    return {"ok": True, "name": user.name, "role": user.role}


def _inline(request: Request, f: q.IncidentFilter) -> bool:
    """Whether a list or map read may run on the event loop instead of the thread pool.

    With the index current and no zone or source to look up, the read is pure
    CPU work of about a millisecond, and in one process the GIL would serialise
    it anyway; the hop to a thread and back cost more than the work (1-worker
    list throughput rose from 250 to 360 requests/s).  A refresh of the index,
    a zone tested point by point and a source's SQL join go to the thread pool.
    """
    return not (f.zone or f.source) and request.app.state.index.is_current()


def _list_body(request: Request, f: q.IncidentFilter, user: User, limit: int, offset: int) -> bytes:
    public = user.role == "public"
    with _store(request).read() as conn:
        snap, ks, nxt, matched = _page(request, conn, f, user, limit=limit, offset=offset)
    # Rows are encoded once per incident and version, then only joined.
    return b'{"ok":true,"items":[%b],"next_offset":%b,"matched":%d}' % (
        b",".join(snap.rows_json(ks, public=public)),
        b"null" if nxt is None else str(nxt).encode(),
        matched,
    )


@router.get("/incidents", tags=["incidents"], responses={200: {"model": Page}, **ERRORS})
async def list_incidents(
    request: Request, f: Filter, user: Caller, limit: Limit = 100, offset: Offset = 0
) -> Response:
    """Incidents, newest first, filtered by date range, type, status, bounding box, zone and source."""
    if _inline(request, f):
        body = _list_body(request, f, user, limit, offset)
    else:
        body = await run_in_threadpool(_list_body, request, f, user, limit, offset)
    return Response(body, media_type="application/json")


@router.get("/incidents/{incident_id}", tags=["incidents"], responses=ERRORS)
def get_incident(request: Request, incident_id: str, user: Caller) -> dict[str, Any]:
    """One incident: merged fields, disagreements, member claims with their evidence spans, findings."""
    with _store(request).read() as conn:
        sites = _sites(request, conn)
        inc = q.incident(conn, incident_id, public=user.role == "public", confidential=sites)
        if inc is None:
            raise _not_found("incident", incident_id)
        if user.at_least("analyst"):
            inc["audit"] = q.audit_entries(conn, entity_id=incident_id, limit=50)
    return {"ok": True, "incident": inc}


def _map_body(request: Request, f: q.IncidentFilter, user: User, limit: int) -> bytes:
    public = user.role == "public"
    index = request.app.state.index
    with _store(request).read() as conn:
        if f.bbox is not None and not f.zone:
            snap = index.snapshot(conn)
            source_ids = index.source_ids(conn, f.source, public=public) if f.source else None
            hits = snap.matches(f, public=public, source_ids=source_ids)
            if len(hits) > limit:
                return orjson.dumps(snap.grid(hits, f.bbox, public=public))
            ks, nxt = hits.tolist(), None
        else:
            snap, ks, nxt, _ = _page(request, conn, f, user, limit=limit)
    # Features are encoded once per incident and version, then only joined.
    return b'{"type":"FeatureCollection","features":[%b],"truncated":%b}' % (
        b",".join(snap.features(ks, public=public)),
        b"true" if nxt is not None else b"false",
    )


@router.get("/map/incidents", tags=["map"], responses=ERRORS)
async def map_incidents(
    request: Request, f: Filter, user: Caller, limit: Annotated[int, Query(ge=1, le=5000)] = 2000
) -> Response:
    """Incidents as a GeoJSON FeatureCollection of points, newest first.

    Where the view holds more than ``limit`` incidents and a bbox is given, the
    points are counted on a grid instead: one feature per cell, with
    ``cluster: true``, ``count`` and counts by status.
    """
    if _inline(request, f):
        body = _map_body(request, f, user, limit)
    else:
        body = await run_in_threadpool(_map_body, request, f, user, limit)
    return Response(body, media_type="application/json")


@router.get("/map/countries", tags=["map"])
def map_countries() -> Response:
    """Natural Earth 10 m country outlines, simplified."""
    from truceline.web.geo import countries_geojson

    return FastJSON(countries_geojson(), headers={"Cache-Control": "public, max-age=86400"})


@router.get("/map/agreement", tags=["map"])
def map_agreement(request: Request, user: Caller) -> dict[str, Any]:
    """The loaded agreements' contact line, zones and withdrawal lines (and sites, for staff)."""
    with _store(request).read() as conn:
        return _layers(request, conn).geojson(public=user.role == "public")


@router.get("/claims", tags=["claims"], responses={200: {"model": Page}, **ERRORS})
def list_claims(
    request: Request,
    user: Caller,
    incident_id: Annotated[str | None, Query(max_length=64)] = None,
    document_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims, each with its source and the document text cut around its evidence span."""
    with _store(request).read() as conn:
        items = q.claims_of(
            conn,
            public=user.role == "public",
            confidential=_sites(request, conn),
            incident_id=incident_id,
            document_id=document_id,
            limit=limit,
            offset=offset,
        )
    return _paged(items, limit, offset)


@router.get("/documents", tags=["documents"], responses={200: {"model": Page}, **ERRORS})
def list_documents(
    request: Request,
    user: Caller,
    source: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents as received (a protected source's documents are not public)."""
    with _store(request).read() as conn:
        items = q.list_documents(
            conn, public=user.role == "public", source=source, limit=limit, offset=offset
        )
    return _paged(items, limit, offset)


@router.get("/documents/{document_id}", tags=["documents"], responses=ERRORS)
def get_document(request: Request, document_id: str, user: Caller) -> dict[str, Any]:
    with _store(request).read() as conn:
        doc = q.document(conn, document_id, public=user.role == "public")
    if doc is None:
        raise _not_found("document", document_id)
    return {"ok": True, "document": doc}


@router.get("/findings", tags=["findings"], responses={200: {"model": Page}, **ERRORS})
def list_findings(
    request: Request,
    user: Caller,
    incident_id: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Incidents checked against the agreement's clauses."""
    with _store(request).read() as conn:
        items = q.list_findings(
            conn,
            public=user.role == "public",
            confidential=_sites(request, conn),
            incident_id=incident_id,
            status=status,
            limit=limit,
            offset=offset,
        )
    return _paged(items, limit, offset)


@router.get("/timeline", tags=["reports"])
def timeline(request: Request, date_from: DateQ = None, date_to: DateQ = None) -> dict[str, Any]:
    """Incidents per day and status."""
    with _store(request).read() as conn:
        return {"ok": True, "days": q.daily_counts(conn, date_from=date_from, date_to=date_to)}


def daily_report(request: Request, user: User, day: str | None) -> dict[str, Any] | None:
    """The daily report of `truceline.publish` (None: nothing to report yet)."""
    store = _store(request)
    if day is None:
        with store.read() as conn:
            if q.latest_day(conn) is None:
                return None
    return publish.build_report(store, day, public=user.role == "public")


@router.get("/reports", tags=["reports"])
def list_reports(request: Request) -> dict[str, Any]:
    """The days that have a daily report, newest first."""
    with _store(request).read() as conn:
        days = q.daily_counts(conn)
    return {
        "ok": True,
        "items": [{"day": d["day"], "incidents": d["total"]} for d in reversed(days)],
    }


@router.get("/reports/{day}", tags=["reports"], responses=ERRORS)
def get_report(request: Request, day: str, user: Caller) -> dict[str, Any]:
    """The daily report: counts, the day's incidents and their findings (``latest`` for the newest)."""
    if day != "latest" and not q.is_day(day):
        raise InputError(f"{day!r} is not a day", field="day", hint="write YYYY-MM-DD or 'latest'")
    report = daily_report(request, user, None if day == "latest" else day)
    if report is None:
        raise HTTPException(404, "there are no incidents to report yet")
    return {"ok": True, **report}


EXPORT_TYPES = {
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "acled": "text/csv",
}


@router.get("/exports/incidents", tags=["exports"], responses=ERRORS)
def export_incidents(
    request: Request,
    f: Filter,
    user: Caller,
    format: Literal["jsonl", "geojson", "csv", "acled"] = "jsonl",
) -> Response:
    """Every matching incident, as JSON Lines, GeoJSON, CSV or ACLED's CSV (redacted for the public)."""
    with _store(request).read() as conn:
        snap, ks, _, _ = _page(request, conn, f, user, limit=10_000_000)
    out = io.StringIO()
    publish.export_incidents(
        _store(request),
        out,
        format,
        public=user.role == "public",
        ids=[snap.ids[k] for k in ks],
    )
    return Response(out.getvalue(), media_type=EXPORT_TYPES[format])


@router.get("/audit", tags=["access"], responses=ERRORS)
def list_audit(
    request: Request,
    user: Analyst,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """The audit log, newest first (analysts and admins)."""
    with _store(request).read() as conn:
        return {"ok": True, "items": q.audit_entries(conn, entity_id=entity_id, limit=limit)}


# ---- writes ------------------------------------------------------------------------------


def _audited(store: Any, since: int, entity_id: str | None, **event: Any) -> None:
    """Append an audit event unless the library already wrote one for this entity."""
    with store.write() as conn:
        done = conn.execute(
            select(audit_log.c.seq)
            .where(audit_log.c.seq > since, audit_log.c.entity_id == entity_id)
            .limit(1)
        ).first()
        if done is None:
            audit.append(conn, at=store.now(), entity_id=entity_id, **event)


def _head(store: Any) -> int:
    with store.read() as conn:
        h = audit.head(conn)
    return h.seq if h else 0


@router.post("/field-reports", tags=["writes"], status_code=201, responses=ERRORS)
def submit_field_report(request: Request, report: FieldReport, user: Monitor) -> dict[str, Any]:
    """A monitor's field report; it joins the pipeline at once."""
    from truceline import pipeline
    from truceline.store import records

    store = _store(request)
    if report.sub_event_type and report.sub_event_type not in SUB_EVENT_TYPES:
        raise InputError(
            f"{report.sub_event_type!r} is not an ACLED sub-event type", field="sub_event_type"
        )
    if (report.latitude is None) != (report.longitude is None):
        raise InputError("latitude and longitude must be given together", field="longitude")
    source = f"monitor:{user.name}"
    with store.write() as conn:  # a monitor is a protected reporter: never named in public
        records.ensure_source(
            conn, source, at=store.now(), reliability="B", kind="monitor", protected=True
        )
    body = report.model_dump(exclude_none=True)
    body["id"] = body.get("id") or f"{user.name}-{store.now()}"
    body["source"] = source
    body.setdefault("published", report.event_date)
    if report.observation:
        body["observation"] = report.observation
    since = _head(store)
    result = pipeline.submit_report(store, body, source=source, reliability="B", kind="monitor")
    if getattr(result, "errors", None):
        raise result.errors[0]
    doc_ids = list(getattr(result, "document_ids", []) or [])
    doc_id = doc_ids[0] if doc_ids else None
    _audited(
        store,
        since,
        doc_id,
        actor=user.name,
        action="report.submit",
        entity="document",
        payload={"external_id": body["id"], "duplicate": doc_id is None},
    )
    processed = False
    try:
        pipeline.run(store, request.app.state.geocoder)
        processed = True
    except ImportError:  # a stage not installed yet: the report waits for the next run
        pass
    return {"ok": True, "document_id": doc_id, "external_id": body["id"], "processed": processed}


@router.post("/incidents/{incident_id}/status", tags=["writes"], responses=ERRORS)
def set_status(
    request: Request, incident_id: str, change: StatusChange, user: Analyst
) -> dict[str, Any]:
    """Set an incident's verification status, with the analyst's reason."""
    store = _store(request)
    _must_exist(store, incident_id)
    since = _head(store)
    try:
        from truceline.verify import set_status as verify_set_status
    except ImportError:
        verify_set_status = None
    if verify_set_status is not None:
        verify_set_status(store, incident_id, change.status, actor=user.name, reason=change.reason)
    else:
        from sqlalchemy import update

        with store.write() as conn:
            conn.execute(
                update(incidents)
                .where(incidents.c.id == incident_id)
                .values(status=change.status, status_reason=change.reason, updated_at=store.now())
            )
    _audited(
        store,
        since,
        incident_id,
        actor=user.name,
        action="incident.status",
        entity="incident",
        reason=change.reason,
        payload={"status": change.status},
    )
    return {"ok": True, "incident_id": incident_id, "status": change.status}


@router.post("/incidents/merge", tags=["writes"], responses=ERRORS)
def merge(request: Request, body: Merge, user: Analyst) -> dict[str, Any]:
    """Merge incidents that are one event; returns the merged incident's ID."""
    from truceline.resolve import merge_incidents

    store = _store(request)
    for i in body.incident_ids:
        _must_exist(store, i)
    since = _head(store)
    new_id = merge_incidents(
        store, list(dict.fromkeys(body.incident_ids)), actor=user.name, reason=body.reason
    )
    _audited(
        store,
        since,
        new_id,
        actor=user.name,
        action="incident.merge",
        entity="incident",
        reason=body.reason,
        payload={"merged": body.incident_ids},
    )
    return {"ok": True, "incident_id": new_id}


@router.post("/incidents/{incident_id}/split", tags=["writes"], responses=ERRORS)
def split(request: Request, incident_id: str, body: Split, user: Analyst) -> dict[str, Any]:
    """Move the given claims out of an incident into a new one; returns the new incident's ID."""
    from truceline.resolve import split_incident

    store = _store(request)
    _must_exist(store, incident_id)
    since = _head(store)
    new_id = split_incident(
        store, incident_id, claim_ids=body.claim_ids, actor=user.name, reason=body.reason
    )
    _audited(
        store,
        since,
        incident_id,
        actor=user.name,
        action="incident.split",
        entity="incident",
        reason=body.reason,
        payload={"claims": body.claim_ids, "new_incident": new_id},
    )
    return {"ok": True, "incident_id": new_id}


@router.post("/users", tags=["access"], status_code=201, responses=ERRORS)
def create_user(request: Request, body: NewUser, user: Admin) -> dict[str, Any]:
    """Create a user or change a user's role (admins)."""
    u = add_user(_store(request), body.name, body.role, actor=user.name)
    return {"ok": True, "name": u.name, "role": u.role}


@router.post("/users/{name}/tokens", tags=["access"], status_code=201, responses=ERRORS)
def new_token(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """A new token for a user (admins); shown this once, stored only as a hash."""
    return {"ok": True, "name": name, "token": create_token(_store(request), name, actor=user.name)}


def _must_exist(store: Any, incident_id: str) -> None:
    with store.read() as conn:
        if (
            conn.execute(select(incidents.c.id).where(incidents.c.id == incident_id)).first()
            is None
        ):
            raise _not_found("incident", incident_id)
