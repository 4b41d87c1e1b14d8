"""Reading and writing sources, documents, claims and quarantined inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, insert, select, update

from truceline.models import Claim, Document, Place
from truceline.store.schema import blobs, claims, documents, inputs, quarantine, sources

__all__ = [
    "add_claims",
    "add_document",
    "claim_id",
    "ensure_source",
    "input_seen",
    "load_claims",
    "load_documents",
    "mark_processed",
    "quarantine_input",
    "record_input",
    "store_blob",
]

RELIABILITY = "ABCDEF"


def ensure_source(
    conn: Connection,
    name: str,
    *,
    at: str,
    reliability: str | None = None,
    kind: str = "news",
    protected: bool = False,
) -> int:
    """The source's ID, creating it if new.

    A grade given here updates the stored one; protection can be added, never
    lifted, by a later input (lifting it is an analyst's decision, not a side effect).
    """
    row = conn.execute(
        select(sources.c.id, sources.c.reliability, sources.c.protected).where(
            sources.c.name == name
        )
    ).first()
    if row:
        if reliability and reliability != row.reliability:
            conn.execute(
                update(sources).where(sources.c.id == row.id).values(reliability=reliability)
            )
        if protected and not row.protected:
            conn.execute(update(sources).where(sources.c.id == row.id).values(protected=True))
        return row.id
    return conn.execute(
        insert(sources).values(
            name=name,
            kind=kind,
            reliability=reliability or "F",
            protected=protected,
            created_at=at,
        )
    ).inserted_primary_key[0]


def input_seen(conn: Connection, sha: str) -> bool:
    return conn.execute(select(inputs.c.sha256).where(inputs.c.sha256 == sha)).first() is not None


def record_input(
    conn: Connection, sha: str, *, path: str, media_type: str, at: str, docs: int, rejected: int
) -> None:
    conn.execute(
        insert(inputs).values(
            sha256=sha,
            path=path,
            media_type=media_type,
            documents=docs,
            rejected=rejected,
            ingested_at=at,
        )
    )


def store_blob(conn: Connection, sha: str, raw: bytes) -> None:
    if not conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first():
        conn.execute(insert(blobs).values(sha256=sha, raw=raw))


def add_document(
    conn: Connection, doc: Document, *, source_id: int | None, at: str, input_sha: str | None = None
) -> bool:
    """Store a document and its bytes; False when those exact bytes are already stored."""
    if conn.execute(select(documents.c.id).where(documents.c.id == doc.sha256)).first():
        return False
    store_blob(conn, doc.sha256, doc.raw)
    conn.execute(
        insert(documents).values(
            id=doc.sha256,
            source_id=source_id,
            input_sha256=input_sha,
            media_type=doc.media_type,
            external_id=doc.external_id,
            url=doc.url,
            title=doc.title,
            published=doc.published,
            retrieved=doc.retrieved,
            language=doc.language,
            credibility=doc.credibility,
            text=doc.text,
            fields=doc.fields or None,
            processed=False,
            ingested_at=at,
        )
    )
    return True


def quarantine_input(
    conn: Connection,
    *,
    source: str,
    error: str,
    at: str,
    line: int | None = None,
    field: str | None = None,
    raw: str | None = None,
) -> None:
    conn.execute(
        insert(quarantine).values(
            source=source, line=line, field=field, error=error, raw=raw, at=at
        )
    )


def load_documents(conn: Connection, *, unprocessed_only: bool = False) -> Iterator[Document]:
    q = (
        select(documents, sources.c.name.label("source_name"), sources.c.reliability)
        .select_from(documents.outerjoin(sources, documents.c.source_id == sources.c.id))
        .order_by(documents.c.ingested_at, documents.c.id)
    )
    if unprocessed_only:
        q = q.where(documents.c.processed.is_(False))
    for r in conn.execute(q).mappings():
        yield Document(
            sha256=r["id"],
            raw=b"",  # bytes stay in `blobs`; the stages need only the text
            text=r["text"],
            media_type=r["media_type"],
            source=r["source_name"],
            reliability=r["reliability"] or "F",
            credibility=r["credibility"] or 6,
            external_id=r["external_id"],
            url=r["url"],
            title=r["title"],
            published=r["published"],
            retrieved=r["retrieved"],
            language=r["language"],
            fields=r["fields"] or {},
        )


def mark_processed(conn: Connection, doc_ids: Iterable[str]) -> None:
    ids = list(doc_ids)
    for i in range(0, len(ids), 500):
        conn.execute(
            update(documents).where(documents.c.id.in_(ids[i : i + 500])).values(processed=True)
        )


def claim_id(claim: Claim) -> str:
    key = f"{claim.doc_id}|{claim.span[0]}|{claim.span[1]}|{claim.sub_event_type}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _claim_row(c: Claim, at: str) -> dict[str, Any]:
    p = c.place or Place(name="")
    return {
        "id": c.id or claim_id(c),
        "document_id": c.doc_id,
        "event_type": c.event_type,
        "sub_event_type": c.sub_event_type,
        "event_date": c.event_date,
        "time_precision": c.time_precision,
        "time_of_day": c.time_of_day,
        "location": p.name or None,
        "geonameid": p.geonameid,
        "feature_code": p.feature_code,
        "admin1": p.admin1,
        "country_code": p.country_code,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "geo_precision": p.geo_precision,
        "radius_km": p.radius_km,
        "site_id": p.site_id,
        "site_class": p.site_class,
        "fatalities": c.fatalities,
        "actor1": c.actor1,
        "actor2": c.actor2,
        "actor1_stated": c.actor1_stated,
        "actor2_stated": c.actor2_stated,
        "claimed_by": c.claimed_by,
        "quantities": c.quantities or {},
        "target": c.target,
        "target_class": c.target_class,
        "weapon": c.weapon,
        "span_start": c.span[0],
        "span_end": c.span[1],
        "evidence": c.evidence,
        "confidence": c.confidence,
        "created_at": at,
    }


def add_claims(conn: Connection, new: Iterable[Claim], *, at: str) -> list[str]:
    """Store claims (skipping ones already stored); returns their IDs in order."""
    ids = []
    for c in new:
        row = _claim_row(c, at)
        c.id = row["id"]
        if not conn.execute(select(claims.c.id).where(claims.c.id == row["id"])).first():
            conn.execute(insert(claims).values(**row))
        ids.append(row["id"])
    return ids


def _claim_from_row(r: Any) -> Claim:
    place = None
    if r["location"] or r["latitude"] is not None:
        place = Place(
            name=r["location"] or "",
            latitude=r["latitude"],
            longitude=r["longitude"],
            geonameid=r["geonameid"],
            feature_code=r["feature_code"],
            country_code=r["country_code"],
            admin1=r["admin1"],
            geo_precision=r["geo_precision"],
            radius_km=r["radius_km"],
            site_id=r["site_id"],
            site_class=r["site_class"],
        )
    return Claim(
        id=r["id"],
        doc_id=r["document_id"],
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        event_date=r["event_date"],
        time_precision=r["time_precision"],
        time_of_day=r["time_of_day"],
        place=place,
        fatalities=r["fatalities"],
        actor1=r["actor1"],
        actor2=r["actor2"],
        actor1_stated=r["actor1_stated"],
        actor2_stated=r["actor2_stated"],
        claimed_by=r["claimed_by"],
        quantities=r["quantities"] or {},
        target=r["target"],
        target_class=r["target_class"],
        weapon=r["weapon"],
        span=(r["span_start"] or 0, r["span_end"] or 0),
        evidence=r["evidence"] or "",
        confidence=r["confidence"] or 0.0,
    )


def load_claims(conn: Connection, ids: Iterable[str] | None = None) -> list[Claim]:
    q = select(claims).order_by(claims.c.created_at, claims.c.id)
    if ids is None:
        return [_claim_from_row(r) for r in conn.execute(q).mappings()]
    wanted = list(ids)
    out: list[Claim] = []
    for i in range(0, len(wanted), 500):
        out += [
            _claim_from_row(r)
            for r in conn.execute(q.where(claims.c.id.in_(wanted[i : i + 500]))).mappings()
        ]
    return out
