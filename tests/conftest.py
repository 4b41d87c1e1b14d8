"""Shared fixtures.  Each stage appends its own below; keep them named after what they give."""

from __future__ import annotations

import pytest


# -- geocode: one gazetteer per test session -------------------------------------------------
@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    """The gazetteer, read-only: the cached one if current, else built once (~20 s)."""
    from truceline.geocode import Gazetteer, default_gazetteer_path, ensure_gazetteer

    path = default_gazetteer_path()
    if not Gazetteer.is_current(path):
        path = tmp_path_factory.mktemp("geocache") / "gazetteer.sqlite"
    return ensure_gazetteer(path)


@pytest.fixture(scope="session")
def geocoder(gazetteer):
    from truceline.geocode import Geocoder

    return Geocoder(gazetteer)


# -- resolve/verify: a store with reports from named sources ---------------------------------
@pytest.fixture
def report_store(tmp_path):
    """(store, put): put(source, text, claim_kwargs..., kind=, reliability=) stores a document
    and one claim told by it, and returns the claim's ID."""
    from datetime import UTC, datetime

    from truceline.models import Claim, Document, Place, sha256
    from truceline.store import Store
    from truceline.store.records import add_claims, add_document, ensure_source

    store = Store.open(str(tmp_path / "t.db"), clock=lambda: datetime(2025, 3, 14, 12, tzinfo=UTC))

    def put(
        source,
        text,
        *,
        lat=None,
        lon=None,
        place="",
        date="2025-03-14",
        kind="news",
        reliability="C",
        external_id=None,
        fields=None,
        **claim,
    ):
        raw = f"{source}|{external_id}|{text}".encode()
        doc = Document(
            sha256=sha256(raw),
            raw=raw,
            text=text,
            source=source,
            external_id=external_id or sha256(raw)[:8],
            fields=fields or {},
        )
        at = store.now()
        with store.write() as conn:
            sid = ensure_source(conn, source, at=at, reliability=reliability, kind=kind)
            add_document(conn, doc, source_id=sid, at=at)
            c = Claim(
                doc_id=doc.sha256,
                event_date=date,
                evidence=text,
                span=(0, len(text)),
                place=Place(name=place, latitude=lat, longitude=lon) if place or lat else None,
                confidence=claim.pop("confidence", 0.8),
                **claim,
            )
            return add_claims(conn, [c], at=at)[0]

    yield store, put
    store.close()
