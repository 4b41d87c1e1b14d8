"""Structured reports: monitors' field reports and incident-map entries (JSON Lines, JSON or CSV).

Each record becomes one document whose coded fields (date, place, coordinates,
type) are kept as the source gave them; extraction takes them over the text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from truceline.errors import ReportError
from truceline.ingest.common import check_grade, iso_date
from truceline.models import SUB_EVENT_TYPES, Document, sha256

__all__ = ["Report", "read_reports"]

# Coded fields that travel with the document into extraction.
CODED = (
    "event_date",
    "location",
    "latitude",
    "longitude",
    "admin1",
    "country_code",
    "geo_precision",
    "event_type",
    "sub_event_type",
    "fatalities",
    "actor1",
    "actor2",
    "claimed_by",
    "observation",
)


class Report(BaseModel):
    """One structured report (design.md §3); unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    source: str | None = None
    published: str | None = None
    event_date: str | None = None
    location: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    admin1: str | None = None
    country_code: str | None = Field(default=None, min_length=2, max_length=2)
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    event_type: str | None = None
    sub_event_type: str | None = None
    fatalities: int | None = Field(default=None, ge=0)
    actor1: str | None = None
    actor2: str | None = None
    claimed_by: str | None = None
    observation: str | None = None  # how a monitor observed it: heard, seen, camera, UAV
    reliability: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    @field_validator("event_date", "published")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        d = iso_date(v)
        if d is None:
            raise ValueError(f"{v!r} is not a date; write YYYY-MM-DD")
        return d

    @field_validator("sub_event_type")
    @classmethod
    def _subtype(cls, v: str | None) -> str | None:
        if v and v not in SUB_EVENT_TYPES:
            raise ValueError(f"{v!r} is not an ACLED sub-event type")
        return v

    @field_validator("latitude", "longitude", "fatalities", "geo_precision", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        return None if v == "" else v


def _document(
    rec: dict[str, Any], raw: bytes, path: str, line: int, default_source: str | None
) -> Document:
    try:
        r = Report.model_validate(rec)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        raise ReportError(msg, source=path, line=line, field=field) from None
    if (r.latitude is None) != (r.longitude is None):
        raise ReportError(
            "latitude and longitude must be given together",
            source=path,
            line=line,
            field="longitude",
        )
    grade = check_grade(r.reliability, source=f"{path}:{line}", field="reliability")
    fields = {k: getattr(r, k) for k in CODED if getattr(r, k) is not None}
    if grade:
        fields["reliability"] = grade
    return Document(
        sha256=sha256(raw),
        raw=raw,
        text=r.text,
        media_type="application/x-truceline-report",
        source=r.source or default_source,
        external_id=r.id,
        published=r.published or r.event_date,
        reliability=grade or "F",
        fields=fields,
    )


def read_reports(
    data: bytes, path: str, *, source: str | None = None
) -> Iterator[Document | ReportError]:
    """Yield a document, or the error that rejected it, for each record."""
    text = data.decode("utf-8-sig", errors="replace")
    if path.lower().endswith(".csv"):
        yield from _csv_records(text, path, source)
        return
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of reports
        try:
            records = json.loads(text)
        except json.JSONDecodeError as e:
            yield ReportError(f"not valid JSON: {e.msg}", source=path, line=e.lineno)
            return
        for i, rec in enumerate(records, 1):
            yield _guard(rec, json.dumps(rec, sort_keys=True).encode(), path, i, source)
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReportError(
                f"not valid JSON ({e.msg}, column {e.colno})",
                source=path,
                line=lineno,
                hint="each line must be one JSON object",
            )
            continue
        yield _guard(rec, line.encode(), path, lineno, source)


def _guard(
    rec: Any, raw: bytes, path: str, line: int, source: str | None
) -> Document | ReportError:
    if not isinstance(rec, dict):
        return ReportError("a report must be a JSON object", source=path, line=line)
    try:
        return _document(rec, raw, path, line, source)
    except ReportError as e:
        return e


def _csv_records(text: str, path: str, source: str | None) -> Iterator[Document | ReportError]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"id", "text"} - set(reader.fieldnames or ())
    if missing:
        yield ReportError(
            f"the CSV header lacks {', '.join(sorted(missing))}",
            source=path,
            line=1,
            hint="field reports need at least the columns id and text",
        )
        return
    for rec in reader:
        raw = json.dumps(rec, sort_keys=True, ensure_ascii=False).encode()
        yield _guard(rec, raw, path, reader.line_num, source)
