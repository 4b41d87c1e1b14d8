"""The demo: the bundled sample inputs through the whole pipeline, into a daily report.

The samples retell the events of 14 March 2025 (drones over Moscow, the fire
at the Tuapse refinery) as four kinds of input: a news article, a party's
official statement, monitors' field reports and a second outlet's feed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from truceline.geocode import Geocoder
from truceline.ingest import IngestResult, ingest_path
from truceline.pipeline import RunSummary, run
from truceline.store import Store
from truceline.store.schema import incident_claims, incidents

__all__ = ["DemoResult", "run_demo", "sample_inputs"]


@dataclass
class DemoResult:
    ingested: list[IngestResult]
    summary: RunSummary
    report_paths: list[Path]
    incidents: list[dict[str, Any]] = field(default_factory=list)


def sample_inputs() -> list[dict[str, Any]]:
    """The manifest of bundled samples, each with its absolute path."""
    root = files("truceline") / "samples"
    entries = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    for e in entries:
        e["path"] = str(root / e["file"])
    return entries


def incident_overview(store: Store) -> list[dict[str, Any]]:
    members = (
        select(incident_claims.c.incident_id, func.count().label("claims"))
        .group_by(incident_claims.c.incident_id)
        .subquery()
    )
    q = (
        select(
            incidents.c.id,
            incidents.c.event_date,
            incidents.c.sub_event_type,
            incidents.c.location,
            incidents.c.country_code,
            incidents.c.status,
            incidents.c.independent_sources,
            members.c.claims,
        )
        .select_from(incidents.outerjoin(members, members.c.incident_id == incidents.c.id))
        .order_by(incidents.c.event_date, incidents.c.location)
    )
    with store.read() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def run_demo(store: Store, out_dir: Path, *, geocoder: Geocoder) -> DemoResult:
    from truceline.evaluate import example_agreement_path, load_agreement
    from truceline.publish import write_report

    ingested = [
        ingest_path(
            store,
            e["path"],
            fmt=e.get("format"),
            source=e.get("source"),
            reliability=e.get("grade"),
            published=e.get("published"),
            protected=bool(e.get("protected")),
        )
        for e in sample_inputs()
    ]
    agreement = load_agreement(example_agreement_path())
    summary = run(store, geocoder, agreement=agreement)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        Path(p)
        for p in write_report(
            store, out_dir, formats=("md", "html", "pdf"), gazetteer=geocoder.gazetteer
        )
    ]
    return DemoResult(ingested, summary, paths, incident_overview(store))
