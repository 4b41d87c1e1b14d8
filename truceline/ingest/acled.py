"""ACLED CSV exports: each row is a coded event; its notes are the text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from truceline.errors import ReportError
from truceline.ingest.common import iso_date
from truceline.models import SUB_EVENT_TYPES, Document, sha256

__all__ = ["ACLED_COLUMNS", "is_acled", "read_acled"]

ACLED_COLUMNS = {"event_id_cnty", "event_date", "sub_event_type", "notes"}


def is_acled(header: list[str]) -> bool:
    return {h.strip().lower() for h in header} >= ACLED_COLUMNS


def _number(value: str | None, cast: type) -> float | int | None:
    if value is None or value.strip() == "":
        return None
    return cast(float(value)) if cast is int else cast(value)


def read_acled(data: bytes, path: str) -> Iterator[Document | ReportError]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    if not is_acled(reader.fieldnames or []):
        yield ReportError(
            "not an ACLED export: the header lacks " + ", ".join(sorted(ACLED_COLUMNS)),
            source=path,
            line=1,
        )
        return
    for raw_row in reader:
        row = {k.strip().lower(): (v or "").strip() for k, v in raw_row.items() if k}
        line = reader.line_num
        try:
            yield _document(row, path, line)
        except ReportError as e:
            yield e
        except ValueError as e:
            yield ReportError(f"bad number: {e}", source=path, line=line)


def _document(row: dict[str, str], path: str, line: int) -> Document:
    event_date = iso_date(row["event_date"])
    if event_date is None:
        raise ReportError(
            f"{row['event_date']!r} is not a date", source=path, line=line, field="event_date"
        )
    sub = row.get("sub_event_type") or None
    if sub and sub not in SUB_EVENT_TYPES:
        raise ReportError(
            f"{sub!r} is not an ACLED sub-event type",
            source=path,
            line=line,
            field="sub_event_type",
        )
    text = row.get("notes") or ""
    if not text:
        raise ReportError("the event has no notes", source=path, line=line, field="notes")
    fields = {
        "event_date": event_date,
        "event_type": row.get("event_type") or None,
        "sub_event_type": sub,
        "actor1": row.get("actor1") or None,
        "actor2": row.get("actor2") or None,
        "admin1": row.get("admin1") or None,
        "location": row.get("location") or None,
        "latitude": _number(row.get("latitude"), float),
        "longitude": _number(row.get("longitude"), float),
        "geo_precision": _number(row.get("geo_precision"), int),
        "time_precision": _number(row.get("time_precision"), int),
        "fatalities": _number(row.get("fatalities"), int),
        "country": row.get("country") or None,
        "original_source": row.get("source") or None,
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    raw = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
    return Document(
        sha256=sha256(raw),
        raw=raw,
        text=text,
        media_type="text/csv; profile=acled",
        source="ACLED",
        reliability="B",
        external_id=row["event_id_cnty"],
        published=event_date,
        fields=fields,
    )
