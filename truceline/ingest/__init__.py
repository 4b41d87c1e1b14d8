"""Ingest: read inputs of every supported kind and store them as documents.

The original bytes are kept, addressed by their SHA-256, so the same file (or
the same record) twice is a no-op.  A bad record is quarantined with a one-line
reason naming the file and line, and the rest of the batch goes on; each input
is stored in one transaction, so a failure never loses what was stored before.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from truceline.errors import InputError
from truceline.ingest.common import check_grade
from truceline.models import Document, sha256

if TYPE_CHECKING:
    import httpx

    from truceline.store import Store

# The readers (trafilatura, feedparser, httpx, SQLAlchemy) are imported where they
# are used, so that `truceline extract` does not pay for them at start-up.

__all__ = [
    "FORMATS",
    "IngestResult",
    "detect_format",
    "ingest_documents",
    "ingest_path",
    "read_input",
]

FORMATS = ("text", "html", "feed", "reports", "acled", "firms")
SOURCE_KINDS = {"reports": "report", "acled": "dataset", "firms": "sensor"}


@dataclass
class IngestResult:
    path: str
    format: str
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    already_ingested: bool = False
    errors: list[InputError] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)


def _csv_header(data: bytes) -> list[str]:
    first = data.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return next(csv.reader(io.StringIO(first[0])), []) if first else []


def detect_format(path: str, data: bytes) -> str:
    """Guess the format from the name, then from the content."""
    from truceline.ingest.acled import is_acled
    from truceline.ingest.feed import looks_like_feed

    suffix = Path(path.split("?")[0]).suffix.lower()
    if suffix == ".csv":
        header = {h.strip().lower() for h in _csv_header(data)}
        if is_acled(list(header)):
            return "acled"
        if {"acq_date", "acq_time", "frp"} <= header:
            return "firms"
        return "reports"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "reports"
    if suffix in (".rss", ".atom", ".xml") or looks_like_feed(data):
        return "feed"
    if suffix in (".html", ".htm") or data[:500].lstrip().lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    return "text"


def read_input(
    data: bytes,
    path: str,
    fmt: str,
    *,
    published: str | None = None,
    source: str | None = None,
) -> Iterable[Document | InputError]:
    """The documents (or errors) that one input holds."""
    from truceline.ingest.acled import read_acled
    from truceline.ingest.feed import read_feed
    from truceline.ingest.reports import read_reports
    from truceline.ingest.text import read_html, read_text

    if fmt == "text":
        return [read_text(data, path, published=published, source=source)]
    if fmt == "html":
        return [read_html(data, path, published=published, source=source)]
    if fmt == "feed":
        return read_feed(data, path, source=source)
    if fmt == "reports":
        return read_reports(data, path, source=source)
    if fmt == "acled":
        return read_acled(data, path)
    raise InputError(
        f"unknown format {fmt!r}", source=path, hint=f"use one of {', '.join(FORMATS)}"
    )


def _fetch(target: str, http: httpx.Client | None) -> bytes:
    if target.startswith(("http://", "https://")):
        import httpx

        client = http or httpx.Client(timeout=30, follow_redirects=True)
        try:
            response = client.get(target)
            response.raise_for_status()
            return response.content
        except httpx.HTTPError as e:
            raise InputError(
                f"cannot fetch: {e}", source=target, hint="check the URL and the network"
            ) from None
        finally:
            if http is None:
                client.close()
    try:
        return Path(target).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=target) from None


def ingest_path(
    store: Store,
    target: str | Path,
    *,
    fmt: str | None = None,
    source: str | None = None,
    reliability: str | None = None,
    published: str | None = None,
    protected: bool = False,
    http: httpx.Client | None = None,
) -> IngestResult:
    """Ingest one file or URL.  Raises InputError only when the whole input is unreadable."""
    from truceline.store import records as rec

    target = str(target)
    reliability = check_grade(reliability, source=target)
    data = _fetch(target, http)
    fmt = fmt or detect_format(target, data)
    if fmt == "firms":
        from truceline.ingest.firms import ingest_firms

        added, rejected = ingest_firms(store, target)
        return IngestResult(target, fmt, added=added, rejected=rejected)
    input_sha = sha256(data)
    with store.read() as conn:
        if rec.input_seen(conn, input_sha):
            return IngestResult(target, fmt, already_ingested=True)
    try:
        items = list(read_input(data, target, fmt, published=published, source=source))
    except InputError as e:
        items = [e]
    return ingest_documents(
        store,
        items,
        path=target,
        fmt=fmt,
        input_sha=input_sha,
        input_bytes=data,
        source=source,
        reliability=reliability,
        protected=protected,
    )


def ingest_documents(
    store: Store,
    items: Iterable[Document | InputError],
    *,
    path: str,
    fmt: str,
    input_sha: str | None = None,
    input_bytes: bytes | None = None,
    source: str | None = None,
    reliability: str | None = None,
    kind: str | None = None,
    on_item: Callable[[], None] | None = None,
    actor: str = "ingest",
    protected: bool = False,
) -> IngestResult:
    """Store documents and quarantine errors, all in one transaction."""
    from truceline.store import audit
    from truceline.store import records as rec

    result = IngestResult(path, fmt)
    at = store.now()
    kind = kind or SOURCE_KINDS.get(fmt, "news")
    source_ids: dict[str, int] = {}
    with store.write() as conn:
        for item in items:
            if on_item:
                on_item()
            if isinstance(item, InputError):
                result.rejected += 1
                result.errors.append(item)
                rec.quarantine_input(
                    conn, source=path, line=item.line, field=item.field, error=str(item), at=at
                )
                continue
            name = item.source or source or Path(path).name
            grade = reliability or item.fields.get("reliability") or None
            key = f"{name}|{grade}"
            if key not in source_ids:
                source_ids[key] = rec.ensure_source(
                    conn, name, at=at, reliability=grade, kind=kind, protected=protected
                )
            if rec.add_document(conn, item, source_id=source_ids[key], at=at, input_sha=input_sha):
                result.added += 1
                result.document_ids.append(item.sha256)
            else:
                result.duplicates += 1
        # An input that yielded nothing but errors is not remembered, so it can be retried.
        if input_sha and (result.added or result.duplicates or not result.rejected):
            if input_bytes is not None and not rec.input_seen(conn, input_sha):
                rec.store_blob(conn, input_sha, input_bytes)
            rec.record_input(
                conn,
                input_sha,
                path=path,
                media_type=fmt,
                at=at,
                docs=result.added,
                rejected=result.rejected,
            )
        if result.added or result.rejected:
            audit.append(
                conn,
                at=at,
                actor=actor,
                action="ingest",
                entity="input",
                entity_id=input_sha,
                payload={
                    "path": path,
                    "format": fmt,
                    "added": result.added,
                    "rejected": result.rejected,
                    "documents": result.document_ids[:1000],
                },
            )
    return result
