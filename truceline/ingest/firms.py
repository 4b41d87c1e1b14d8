"""NASA FIRMS thermal anomalies (VIIRS or MODIS CSV) into `detections`.

Columns used: latitude, longitude, acq_date, acq_time (``HHMM`` as FIRMS
writes it, or ``HH:MM[:SS]``), satellite, instrument, confidence, frp; the
rest of the row is kept as-is.  A bad row is reported with its file and line,
quarantined, and the rest of the file goes on.  Detection IDs hash the
observation, so importing a file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from truceline.errors import InputError
from truceline.store import Store
from truceline.store.records import quarantine_input
from truceline.store.schema import detections

__all__ = ["ingest_firms", "parse_firms"]

REQUIRED = ("latitude", "longitude", "acq_date", "acq_time")


def _time(raw: str, path: str, line: int) -> str:
    t = raw.strip()
    if ":" in t:
        parts = t.split(":")
        hh, mm = parts[0], parts[1]
    elif t.isdigit() and len(t) <= 4:
        t = t.zfill(4)
        hh, mm = t[:2], t[2:]
    else:
        hh = mm = ""
    if not (hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60):
        raise InputError(
            f"{raw!r} is not a time",
            source=path,
            line=line,
            field="acq_time",
            hint="FIRMS writes HHMM (e.g. 0936) in UTC",
        )
    return f"{int(hh):02d}:{int(mm):02d}:00"


def _number(row: dict[str, str], key: str, path: str, line: int, lo: float, hi: float) -> float:
    raw = (row.get(key) or "").strip()
    try:
        v = float(raw)
    except ValueError:
        raise InputError(f"{raw!r} is not a number", source=path, line=line, field=key) from None
    if not lo <= v <= hi:
        raise InputError(f"{v} is outside {lo}..{hi}", source=path, line=line, field=key)
    return v


def _row(row: dict[str, str], path: str, line: int) -> dict[str, Any]:
    missing = [k for k in REQUIRED if not (row.get(k) or "").strip()]
    if missing:
        raise InputError("missing value", source=path, line=line, field=missing[0])
    lat = _number(row, "latitude", path, line, -90, 90)
    lon = _number(row, "longitude", path, line, -180, 180)
    try:
        day = date.fromisoformat(row["acq_date"].strip()).isoformat()
    except ValueError:
        raise InputError(
            f"{row['acq_date']!r} is not a date",
            source=path,
            line=line,
            field="acq_date",
            hint="write YYYY-MM-DD",
        ) from None
    at = f"{day}T{_time(row['acq_time'], path, line)}Z"
    sensor = (
        " ".join(
            x
            for x in ((row.get("instrument") or "").strip(), (row.get("satellite") or "").strip())
            if x
        )
        or "FIRMS"
    )
    frp = (row.get("frp") or "").strip()
    key = f"{lat:.5f}|{lon:.5f}|{at}|{sensor}"
    return {
        "id": hashlib.sha256(key.encode()).hexdigest()[:32],
        "sensor": sensor,
        "latitude": lat,
        "longitude": lon,
        "detected_at": at,
        "confidence": (row.get("confidence") or "").strip() or None,
        "frp": float(frp) if frp.replace(".", "", 1).isdigit() else None,
        "fields": {k: v for k, v in row.items() if k and k not in REQUIRED},
    }


def parse_firms(text: str, path: str) -> tuple[list[dict[str, Any]], list[InputError]]:
    """Rows ready for `detections`, and the errors of the rows that were rejected."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    absent = [k for k in REQUIRED if k not in header]
    if absent:
        raise InputError(
            "not a FIRMS CSV: no column " + ", ".join(absent),
            source=path,
            line=1,
            field=absent[0],
            hint="export the file from FIRMS in CSV format",
        )
    reader.fieldnames = header
    rows, errors = [], []
    for row in reader:
        try:
            rows.append(_row(row, path, reader.line_num))
        except InputError as e:
            errors.append(e)
    return rows, errors


def ingest_firms(store: Store, path: str | Path, *, on_error=None) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Import a FIRMS CSV; returns (added, rejected).  `on_error(err)` sees each bad row."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=path) from None
    input_sha = hashlib.sha256(data).hexdigest()
    rows, errors = parse_firms(data.decode("utf-8-sig", errors="replace"), path)
    at = store.now()
    added = 0
    with store.write() as conn:
        for err in errors:
            quarantine_input(
                conn, source=path, error=str(err), at=at, line=err.line, field=err.field
            )
            if on_error:
                on_error(err)
        for r in rows:
            if conn.execute(select(detections.c.id).where(detections.c.id == r["id"])).first():
                continue
            conn.execute(insert(detections).values(**r, input_sha256=input_sha))
            added += 1
    return added, len(errors)
