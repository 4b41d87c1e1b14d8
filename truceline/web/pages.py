"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same reads as the API.

Text that came from a report is untrusted: templates escape it, and the
scripts in ``static/`` put it into the page with ``textContent`` only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from truceline.errors import AccessError
from truceline.models import STATUSES
from truceline.store.access import User, user_for_token
from truceline.web import queries as q
from truceline.web.auth import COOKIE, CSRF_HEADER, PUBLIC, current_user

router = APIRouter(include_in_schema=False)
_env = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
STATUS_COLOURS = {
    "reported": "#8c8c8c",
    "corroborated": "#e0a100",
    "verified": "#1f7a1f",
    "disputed": "#c05800",
    "refuted": "#a01010",
}
# No inline script may run; everything comes from this origin (the map works offline).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def _user(request: Request) -> User:
    try:
        return current_user(request)
    except AccessError:  # a stale cookie: show the public view
        return PUBLIC


def _render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    html = _env.get_template(name).render(
        user=_user(request),
        statuses=STATUSES,
        colours=STATUS_COLOURS,
        csrf_header=CSRF_HEADER,
        **ctx,
    )
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
        },
    )


@router.get("/")
def home() -> Response:
    return RedirectResponse("/map", status_code=303)


@router.get("/map")
def map_page(request: Request) -> HTMLResponse:
    return _render(request, "map.html", title="Map")


@router.get("/timeline")
def timeline_page(request: Request) -> HTMLResponse:
    with request.app.state.store.read() as conn:
        days = q.daily_counts(conn)
    peak = max((d["total"] for d in days), default=0)
    return _render(request, "timeline.html", title="Timeline", days=days, peak=peak)


@router.get("/queue")
def queue_page(request: Request, status: str | None = None) -> HTMLResponse:
    wanted = [status] if status in STATUSES else ["reported", "disputed"]
    user = _user(request)
    public = user.role == "public"
    state = request.app.state
    with state.store.read() as conn:
        snap, ks, nxt, _ = q.select_incidents(
            conn,
            state.index,
            state.layers,
            q.IncidentFilter(status=wanted),
            public=public,
            limit=200,
        )
        items = q.incident_rows(snap, ks, public=public)
    return _render(
        request,
        "queue.html",
        title="Review queue",
        items=items,
        more=nxt is not None,
        wanted=wanted,
    )


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    user = _user(request)
    with request.app.state.store.read() as conn:
        sites = request.app.state.index.snapshot(conn).sites
        inc = q.incident(conn, incident_id, public=user.role == "public", confidential=sites)
        entries = (
            q.audit_entries(conn, entity_id=incident_id) if inc and user.at_least("analyst") else []
        )
    if inc is None:
        return _render(
            request,
            "error.html",
            status_code=404,
            title="Not found",
            message=f"No incident with ID {incident_id}.",
        )
    return _render(
        request, "incident.html", title=f"Incident {incident_id[:12]}", inc=inc, audit=entries
    )


@router.get("/report")
@router.get("/report/{day}")
def report_page(request: Request, day: str | None = None) -> HTMLResponse:
    from truceline.web.api import daily_report

    if day is not None and not q.is_day(day):
        raise HTTPException(404, f"{day!r} is not a day")
    report = daily_report(request, _user(request), day)
    title = f"Daily report {report['day']}" if report else "Daily report"
    return _render(request, "report.html", title=title, report=report)


@router.get("/audit")
def audit_page(request: Request) -> HTMLResponse:
    user = _user(request)
    if not user.at_least("analyst"):
        return _render(
            request,
            "error.html",
            status_code=403,
            title="Audit log",
            message="The audit log is for analysts: sign in with an analyst token.",
        )
    with request.app.state.store.read() as conn:
        entries = q.audit_entries(conn, limit=500)
    return _render(request, "audit.html", title="Audit log", audit=entries)


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return _render(request, "login.html", title="Sign in", message=None)


@router.post("/login")
async def login(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    try:
        with request.app.state.store.read() as conn:
            user_for_token(conn, token)
    except AccessError:
        return _render(
            request,
            "login.html",
            status_code=401,
            title="Sign in",
            message="That token is unknown or revoked.",
        )
    resp = RedirectResponse("/map", status_code=303)
    resp.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=12 * 3600,
    )
    return resp


@router.post("/logout")
def logout() -> Response:
    resp = RedirectResponse("/map", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp
