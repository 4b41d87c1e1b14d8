"""The web app: the API under /api, the dashboard pages, and their static files.

`create_app` takes its services (store, geocoder, clock) as arguments; nothing
is opened at import time.  Every error leaves as one JSON shape,
``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from truceline.errors import AccessError, InputError, TrucelineError
from truceline.store import Clock, Store
from truceline.web.geo import AgreementLayers
from truceline.web.index import IncidentIndex
from truceline.web.responses import FastJSON

__all__ = ["DB_ENV", "app_from_env", "create_app", "error_response"]

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
DB_ENV = "TRUCELINE_DB"  # where `app_from_env` finds the database, in each worker


def error_response(
    status: int, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return FastJSON(
        {"ok": False, "error": message, "status": status}, status_code=status, headers=headers
    )


def _status_of(e: TrucelineError) -> int:
    if isinstance(e, AccessError):
        return e.status
    if isinstance(e, InputError):
        return 422
    return 400


def create_app(store: Store, *, geocoder: Any = None, clock: Clock | None = None) -> FastAPI:
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    from truceline.web import api, pages

    app = FastAPI(
        title="Truceline",
        summary="Ceasefire monitoring: incidents, their claims and evidence, findings and reports.",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        default_response_class=FastJSON,
    )
    app.state.store = store
    app.state.geocoder = geocoder
    app.state.clock = clock or store.clock
    app.state.layers = AgreementLayers()
    app.state.index = IncidentIndex(store)

    @app.exception_handler(TrucelineError)
    async def _truceline_error(_request: Request, e: TrucelineError) -> JSONResponse:
        status = _status_of(e)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return error_response(status, str(e), headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, e: StarletteHTTPException) -> JSONResponse:
        return error_response(e.status_code, str(e.detail), getattr(e, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, e: RequestValidationError) -> JSONResponse:
        errs = e.errors()
        parts = []
        for err in errs[:3]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            parts.append(f"{where}: {err.get('msg')}")
        return error_response(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _bug(_request: Request, e: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, f"internal error ({type(e).__name__}); see the server log")

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount(
        "/static/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR), name="leaflet"
    )
    app.mount(
        "/static/markercluster",
        StaticFiles(directory=xstatic.pkg.leaflet_markercluster.BASE_DIR),
        name="markercluster",
    )
    app.mount("/static/app", StaticFiles(directory=HERE / "static"), name="app-static")
    return app


def app_from_env() -> FastAPI:
    """The app for one of several uvicorn worker processes (``factory=True``): each
    opens the store named by $TRUCELINE_DB, and keeps its own index of it."""
    import os

    store = Store.open(os.environ[DB_ENV])
    geocoder = None
    try:
        from truceline.geocode import Geocoder

        geocoder = Geocoder.default() if hasattr(Geocoder, "default") else None
    except ImportError:
        pass
    app = create_app(store, geocoder=geocoder)
    with store.read() as conn:  # build the index now, not on the first request
        app.state.index.snapshot(conn)
    return app
