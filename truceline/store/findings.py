"""Reading incidents with their evidence, and writing agreements and findings.

The evaluate and publish stages read the same thing: incidents, each with its
member claims and the documents and sources behind them.  Findings are written
per agreement, replacing that agreement's earlier findings for the incidents
evaluated, so that evaluating again after a change leaves no stale finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from truceline.store.schema import (
    agreements,
    claims,
    documents,
    findings,
    incident_claims,
    incidents,
    sources,
)

__all__ = [
    "latest_agreement",
    "load_findings",
    "load_incidents",
    "load_members",
    "replace_findings",
    "save_agreement",
]

_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


def load_incidents(
    conn: Connection,
    *,
    ids: Iterable[str] | None = None,
    day: str | None = None,
) -> list[dict[str, Any]]:
    """Incident rows as dicts, ordered by date then ID."""
    q = select(incidents).order_by(incidents.c.event_date, incidents.c.id)
    if day is not None:
        q = q.where(incidents.c.event_date == day)
    if ids is None:
        return [dict(r) for r in conn.execute(q).mappings()]
    out: list[dict[str, Any]] = []
    for chunk in _chunks(list(ids)):
        out += [dict(r) for r in conn.execute(q.where(incidents.c.id.in_(chunk))).mappings()]
    out.sort(key=lambda r: (r["event_date"] or "", r["id"]))
    return out


def load_members(conn: Connection, incident_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """For each incident, its claims with their document and source (publication order)."""
    ids = list(incident_ids)
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        q = (
            select(
                incident_claims.c.incident_id,
                claims,
                documents.c.external_id,
                documents.c.published,
                documents.c.title,
                documents.c.url,
                sources.c.name.label("source"),
                sources.c.reliability,
                sources.c.kind.label("source_kind"),
                sources.c.protected,
            )
            .select_from(
                incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
                .join(documents, documents.c.id == claims.c.document_id)
                .outerjoin(sources, sources.c.id == documents.c.source_id)
            )
            .where(incident_claims.c.incident_id.in_(chunk))
            .order_by(documents.c.published, claims.c.id)
        )
        for r in conn.execute(q).mappings():
            row = dict(r)
            row["protected"] = bool(row.get("protected"))
            out[row.pop("incident_id")].append(row)
    return out


def save_agreement(
    conn: Connection, *, agreement_id: str, name: str, version: str, body: dict, path: str, at: str
) -> None:
    """Store the agreement (a new version is a new row: IDs are content hashes)."""
    exists = conn.execute(select(agreements.c.id).where(agreements.c.id == agreement_id)).first()
    if exists:
        conn.execute(
            update(agreements)
            .where(agreements.c.id == agreement_id)
            .values(loaded_at=at, path=path)
        )
    else:
        conn.execute(
            insert(agreements).values(
                id=agreement_id, name=name, version=version, body=body, path=path, loaded_at=at
            )
        )


def latest_agreement(conn: Connection) -> dict[str, Any] | None:
    """The agreement evaluated most recently (its stored row), or None."""
    r = (
        conn.execute(select(agreements).order_by(agreements.c.loaded_at.desc()).limit(1))
        .mappings()
        .first()
    )
    return dict(r) if r else None


def replace_findings(
    conn: Connection,
    agreement_id: str,
    rows: Sequence[dict[str, Any]],
    *,
    incident_ids: Iterable[str] | None = None,
) -> None:
    """Replace an agreement's findings (all of them, or those of the given incidents)."""
    if incident_ids is None:
        conn.execute(delete(findings).where(findings.c.agreement_id == agreement_id))
    else:
        for chunk in _chunks(list(incident_ids)):
            conn.execute(
                delete(findings).where(
                    findings.c.agreement_id == agreement_id, findings.c.incident_id.in_(chunk)
                )
            )
    for i in range(0, len(rows), _CHUNK):
        conn.execute(insert(findings), list(rows[i : i + _CHUNK]))


def load_findings(
    conn: Connection,
    *,
    agreement_id: str | None = None,
    incident_ids: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    q = select(findings).order_by(findings.c.incident_id, findings.c.clause_id)
    if agreement_id is not None:
        q = q.where(findings.c.agreement_id == agreement_id)
    if incident_ids is None:
        return [dict(r) for r in conn.execute(q).mappings()]
    out: list[dict[str, Any]] = []
    for chunk in _chunks(list(incident_ids)):
        out += [
            dict(r) for r in conn.execute(q.where(findings.c.incident_id.in_(chunk))).mappings()
        ]
    return out
