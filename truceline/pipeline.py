"""The pipeline, stage after stage, over what the store holds.

`run` takes the services it needs (store, geocoder, agreement) as arguments and
does only the work that is new: documents are extracted once, then incidents
are re-resolved, re-graded and re-evaluated as a whole, so that a new report
can join an old incident and findings follow their incidents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from truceline.ingest import IngestResult, ingest_documents
from truceline.ingest.reports import read_reports
from truceline.store import Store
from truceline.store import records as rec

if TYPE_CHECKING:
    from truceline.evaluate import Agreement
    from truceline.extract import Extractor
    from truceline.geocode import Geocoder

__all__ = ["RunSummary", "extract_pending", "learn_places", "reevaluate", "run", "submit_report"]

# Only coded places from sources graded this well may teach the local gazetteer.
TEACHING_GRADES = ("A", "B")


@dataclass
class RunSummary:
    documents: int = 0
    claims: int = 0
    incidents: int = 0
    findings: int = 0
    learned_places: int = 0


def extract_pending(
    store: Store,
    extractor: Extractor,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 500,
) -> tuple[int, int]:
    """Extract claims from every document not yet processed; returns (documents, claims)."""
    with store.read() as conn:
        pending = list(rec.load_documents(conn, unprocessed_only=True))
    n_claims = 0
    for i in range(0, len(pending), batch):
        chunk = pending[i : i + batch]
        found = []
        for doc in chunk:
            found += [extractor.extract_report(doc)] if doc.fields else extractor.extract(doc)
        with store.write() as conn:
            rec.add_claims(conn, found, at=store.now())
            rec.mark_processed(conn, (d.sha256 for d in chunk))
        n_claims += len(found)
        if progress:
            progress(min(i + batch, len(pending)), len(pending))
    return len(pending), n_claims


def learn_places(store: Store, geocoder: Geocoder) -> int:
    """Add coded places from reliable structured reports to the gazetteer's local layer.

    The layer is kept apart from the base gazetteer and can be listed and undone
    (`truceline gazetteer local`).  Returns how many places were learnt or confirmed.
    """
    with store.read() as conn:
        docs = list(rec.load_documents(conn))
    learned = 0
    for doc in docs:
        f = doc.fields
        if doc.reliability not in TEACHING_GRADES or not f.get("location"):
            continue
        if f.get("latitude") is None or f.get("longitude") is None:
            continue
        geocoder.gazetteer.add_local(
            f["location"],
            f["latitude"],
            f["longitude"],
            country_code=f.get("country_code"),
            admin1=f.get("admin1"),
            source=doc.source or doc.sha256,
        )
        learned += 1
    return learned


def run(
    store: Store,
    geocoder: Geocoder | None = None,
    *,
    agreement: Agreement | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Extract what is new, then resolve, grade and evaluate everything."""
    from truceline.extract import Extractor
    from truceline.resolve import resolve_store
    from truceline.verify import grade_store

    summary = RunSummary()
    extractor = extractor or Extractor(geocoder=geocoder)
    summary.documents, summary.claims = extract_pending(store, extractor, progress=progress)
    resolved = resolve_store(store)
    summary.incidents = _count(resolved, "incidents")
    grade_store(store)
    summary.findings = reevaluate(store, agreement)
    return summary


def reevaluate(
    store: Store, agreement: Agreement | None = None, *, incident_ids: list[str] | None = None
) -> int:
    """Findings follow their incidents: evaluate again against the given agreement,
    or else the one evaluated last; returns the number of findings written."""
    from truceline.evaluate import agreement_from_body, evaluate_store
    from truceline.store.findings import latest_agreement

    if agreement is None:
        with store.read() as conn:
            row = latest_agreement(conn)
        if row is None:
            return 0
        agreement = agreement_from_body(row["body"])
    return evaluate_store(store, agreement, incident_ids=incident_ids)


def _count(result: Any, key: str) -> int:
    if isinstance(result, int):
        return result
    if isinstance(result, dict):
        return int(result.get(key, 0))
    return int(getattr(result, key, 0))


def submit_report(
    store: Store,
    report: dict[str, Any],
    *,
    source: str,
    reliability: str = "B",
    kind: str = "monitor",
) -> IngestResult:
    """Store one structured report submitted through the API (a monitor's field report)."""
    raw = json.dumps(report, sort_keys=True, ensure_ascii=False).encode()
    items = list(read_reports(raw, f"submission:{source}", source=source))
    return ingest_documents(
        store,
        items,
        path=f"submission:{source}",
        fmt="reports",
        source=source,
        reliability=reliability,
        kind=kind,
    )
