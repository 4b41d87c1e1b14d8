"""The audit log: append-only and hash-chained.

Each row's hash covers its own fields and the previous row's hash, so altering,
inserting or deleting any row breaks the chain at that row, and `verify` names
it.  Sequence numbers are dense (1, 2, 3, ...), which also reveals a deletion
at the tail once its hash is known elsewhere (the CLI prints the head hash).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from truceline.errors import AuditError
from truceline.store.schema import audit_log

__all__ = ["AuditRow", "append", "head", "verify"]

GENESIS = "0" * 64
_FIELDS = ("seq", "at", "actor", "action", "entity", "entity_id", "reason", "payload")


@dataclass(frozen=True, slots=True)
class AuditRow:
    seq: int
    hash: str


def _digest(prev_hash: str, row: dict[str, Any]) -> str:
    body = json.dumps({k: row.get(k) for k in _FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(
    conn: Connection,
    *,
    at: str,
    actor: str,
    action: str,
    entity: str | None = None,
    entity_id: str | None = None,
    reason: str | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditRow:
    """Append one event inside the caller's write transaction."""
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    row = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "reason": reason,
        "payload": payload,
    }
    digest = _digest(prev, row)
    conn.execute(insert(audit_log).values(**row, prev_hash=prev, hash=digest))
    return AuditRow(seq, digest)


def head(conn: Connection) -> AuditRow | None:
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    return AuditRow(last.seq, last.hash) if last else None


def verify(conn: Connection, *, expected_head: str | None = None) -> int:
    """Check the whole chain; returns the number of rows, or raises AuditError naming the row."""
    prev, expected_seq = GENESIS, 1
    for r in conn.execute(select(audit_log).order_by(audit_log.c.seq)).mappings():
        if r["seq"] != expected_seq:
            raise AuditError(
                f"audit row {expected_seq} is missing (next row is {r['seq']}): rows were deleted",
                seq=expected_seq,
            )
        if r["prev_hash"] != prev:
            raise AuditError(
                f"audit row {r['seq']} does not follow row {r['seq'] - 1}: a row was inserted or removed",
                seq=r["seq"],
            )
        if _digest(prev, dict(r)) != r["hash"]:
            raise AuditError(
                f"audit row {r['seq']} was altered: its hash does not match", seq=r["seq"]
            )
        prev, expected_seq = r["hash"], expected_seq + 1
    if expected_head is not None and prev != expected_head:
        raise AuditError(
            f"the chain ends at row {expected_seq - 1}, not at the expected head: rows were removed from the end",
            seq=expected_seq - 1,
        )
    return conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
