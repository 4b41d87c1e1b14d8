"""The resolve stage against the store: rebuild incidents, and analysts' merge and split.

`resolve_store` re-clusters every claim on each run, honouring every analyst
decision recorded so far (the latest decision about a pair of claims wins),
and keeps incident IDs stable so that findings and status decisions survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection

from truceline.errors import InputError
from truceline.models import Incident
from truceline.resolve.cluster import cluster_features, groups_of
from truceline.resolve.features import featurize
from truceline.resolve.independence import Member, independent_groups
from truceline.resolve.merge import Provenance, incident_id_for, merge_claims
from truceline.store import Store, audit
from truceline.store.incidents import (
    ClaimContext,
    add_decision,
    assign_ids,
    incident_members,
    load_context,
    load_decisions,
    membership,
    save_incidents,
)

__all__ = ["build_incident", "merge_incidents", "resolve_store", "split_incident"]

RESOLVER = "system:resolve"
# Source kinds whose documents are records, one per event (incident maps, datasets);
# news outlets and monitors may tell one event in several documents.
ENTRY_KINDS = frozenset({"report", "dataset"})


def build_incident(
    ctx: Sequence[ClaimContext], incident_id: str
) -> tuple[Incident, dict[str, Any]]:
    """Merge member claims and count their independent sources."""
    prov = [Provenance(x.source, x.reliability, x.external_id) for x in ctx]
    inc, ranges = merge_claims([x.claim for x in ctx], prov, incident_id)
    members = [
        Member(x.claim.id or "", x.source, x.text, x.claim.claimed_by, x.monitor) for x in ctx
    ]
    inc.independent_sources = len(independent_groups(members))
    return inc, ranges


def _constraints(
    decisions: list[dict[str, Any]], index: dict[str, int]
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups kept together and pairs kept apart; a later decision on a pair wins."""
    rel: dict[tuple[int, int], str] = {}

    def put(a: str, b: str, kind: str) -> None:
        if a in index and b in index and a != b:
            i, j = sorted((index[a], index[b]))
            rel[(i, j)] = kind

    for d in decisions:
        groups = d["claim_ids"]
        if d["kind"] == "together":
            groups = [groups] if groups and isinstance(groups[0], str) else groups
            flat = [c for g in groups for c in g]
            for a in flat:
                for b in flat:
                    put(a, b, "together")
        else:  # apart: each group together, no two groups together
            for gi, g in enumerate(groups):
                for a in g:
                    for b in g:
                        put(a, b, "together")
                    for h in groups[gi + 1 :]:
                        for b in h:
                            put(a, b, "apart")
    parent = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), kind in rel.items():
        if kind == "together":
            parent[find(i)] = find(j)
    together: dict[int, list[int]] = {}
    for x in list(parent):
        together.setdefault(find(x), []).append(x)
    apart = [p for p, kind in rel.items() if kind == "apart"]
    return [g for g in together.values() if len(g) > 1], apart


def resolve_store(store: Store) -> dict[str, int]:
    """(Re)build all incidents from all claims; returns counts."""
    with store.read() as conn:
        ctx = load_context(conn)
        decisions = load_decisions(conn)
        previous = membership(conn)
    index = {x.claim.id: k for k, x in enumerate(ctx)}
    together, apart = _constraints(decisions, index)
    if ctx:
        f = featurize(
            [x.claim for x in ctx],
            [x.source for x in ctx],
            [x.source_kind in ENTRY_KINDS for x in ctx],
        )
        docs_table: dict[str, int] = {}
        docs = np.array([docs_table.setdefault(x.claim.doc_id, len(docs_table)) for x in ctx])
        groups = groups_of(cluster_features(f, docs, together=together, apart=apart))
    else:
        groups = []
    clusters = [[ctx[i].claim.id for i in g] for g in groups]
    ids = assign_ids(clusters, previous, incident_id_for)
    merged = [build_incident([ctx[i] for i in g], iid) for g, iid in zip(groups, ids, strict=True)]
    at = store.now()
    with store.write() as conn:
        counts = save_incidents(
            conn, merged, at=at, actor=RESOLVER, reason="resolver run", replace_all=True
        )
        if counts["created"] or counts["changed"] or counts["removed"]:
            audit.append(
                conn,
                at=at,
                actor=RESOLVER,
                action="resolve.run",
                entity="incidents",
                reason=f"{len(ctx)} claims into {len(merged)} incidents",
                payload={**counts, "claims": len(ctx), "decisions": len(decisions)},
            )
    counts["claims"] = len(ctx)
    return counts


def _need_reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise InputError("an analyst decision needs a reason", field="reason", hint="give --reason")
    return reason.strip()


def _members(conn: Connection, incident_id: str) -> list[str]:
    members = incident_members(conn, incident_id)
    if not members:
        raise InputError(
            f"no incident {incident_id!r}",
            field="incident_id",
            hint="see `truceline export incidents`",
        )
    return members


def _regrade(conn: Connection, ids: list[str], at: str) -> None:
    from truceline.verify import grade_incidents

    grade_incidents(conn, ids, at=at)


def merge_incidents(store: Store, incident_ids: Sequence[str], *, actor: str, reason: str) -> str:
    """Make one incident of several; later resolver runs keep them together.

    The first ID given survives; returns it.
    """
    reason = _need_reason(reason)
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise InputError("merge needs at least two incident IDs", field="incident_id")
    at = store.now()
    with store.write() as conn:
        claim_ids = [c for i in ids for c in _members(conn, i)]
        add_decision(conn, "together", [claim_ids], actor=actor, reason=reason, at=at)
        inc = build_incident(load_context(conn, claim_ids), ids[0])
        save_incidents(conn, [inc], at=at, actor=actor, reason=reason, replace_all=False)
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="incident.merge",
            entity="incident",
            entity_id=ids[0],
            reason=reason,
            payload={"merged": ids, "claims": len(claim_ids)},
        )
        _regrade(conn, [ids[0]], at)
    return ids[0]


def split_incident(
    store: Store, incident_id: str, *, claim_ids: Sequence[str], actor: str, reason: str
) -> str:
    """Move `claim_ids` out into an incident of their own; later runs keep them apart.

    Returns the new incident's ID; the rest keep `incident_id`.
    """
    reason = _need_reason(reason)
    at = store.now()
    with store.write() as conn:
        members = _members(conn, incident_id)
        moving = list(dict.fromkeys(claim_ids))
        unknown = [c for c in moving if c not in members]
        if unknown:
            raise InputError(f"claim {unknown[0]} is not in incident {incident_id}", field="claims")
        rest = [c for c in members if c not in moving]
        if not moving or not rest:
            raise InputError("a split must leave claims on both sides", field="claims")
        add_decision(conn, "apart", [moving, rest], actor=actor, reason=reason, at=at)
        new_id = incident_id_for(moving)
        merged = [
            build_incident(load_context(conn, rest), incident_id),
            build_incident(load_context(conn, moving), new_id),
        ]
        save_incidents(conn, merged, at=at, actor=actor, reason=reason, replace_all=False)
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="incident.split",
            entity="incident",
            entity_id=incident_id,
            reason=reason,
            payload={"new_incident": new_id, "moved": moving},
        )
        _regrade(conn, [incident_id, new_id], at)
    return new_id
