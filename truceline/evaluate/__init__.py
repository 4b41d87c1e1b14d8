"""The evaluate stage: incidents checked against an agreement, clause by clause.

agreement = load_agreement(path)        # raises AgreementError(source=, clause=, field=)
n = evaluate_store(store, agreement)    # writes findings, replacing that agreement's old ones
"""

from __future__ import annotations

from collections.abc import Iterable

from truceline.evaluate.agreement import (
    Agreement,
    agreement_from_body,
    example_agreement_path,
    load_agreement,
)
from truceline.evaluate.findings import OUTCOMES, Finding, evaluate_incident
from truceline.evaluate.zones import Zones, geodesic_km
from truceline.store import Store
from truceline.store.audit import append as audit_append
from truceline.store.findings import load_incidents, load_members, replace_findings, save_agreement

__all__ = [
    "OUTCOMES",
    "Agreement",
    "Finding",
    "Zones",
    "agreement_from_body",
    "evaluate_incident",
    "evaluate_store",
    "example_agreement_path",
    "geodesic_km",
    "load_agreement",
]


def evaluate_store(
    store: Store,
    agreement: Agreement,
    *,
    incident_ids: Iterable[str] | None = None,
    actor: str = "evaluate",
) -> int:
    """Evaluate incidents against every clause and store the findings; returns how many.

    With ``incident_ids``, only those incidents are evaluated again (after they
    changed); otherwise all are, and the agreement's old findings are replaced.
    Everything is computed before the write, which is one transaction.
    """
    ids = list(incident_ids) if incident_ids is not None else None
    with store.read() as conn:
        incidents = load_incidents(conn, ids=ids)
        members = load_members(conn, [i["id"] for i in incidents])
    found = [f for inc in incidents for f in evaluate_incident(agreement, inc, members[inc["id"]])]
    at = store.now()
    counts = {o: sum(f.status == o for f in found) for o in OUTCOMES}
    with store.write() as conn:
        save_agreement(
            conn,
            agreement_id=agreement.id,
            name=agreement.spec.name,
            version=agreement.spec.version,
            body=agreement.body(),
            path=agreement.source,
            at=at,
        )
        replace_findings(conn, agreement.id, [f.row(at) for f in found], incident_ids=ids)
        audit_append(
            conn,
            at=at,
            actor=actor,
            action="evaluate",
            entity="agreement",
            entity_id=agreement.id,
            reason=f"{agreement.spec.name} v{agreement.spec.version}",
            payload={"incidents": len(incidents), "findings": len(found), **counts},
        )
    return len(found)
