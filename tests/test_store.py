"""The store: migrations, WAL, one writer, and claims that survive a round trip."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from truceline.models import Claim, Document, Place, sha256
from truceline.store import Store
from truceline.store import records as rec
from truceline.store.schema import documents


def test_open_twice_migrates_once_and_uses_wal(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store.open(str(db)).close()
    s = Store.open(str(db))
    with s.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    s.close()


def test_fixed_clock_is_used_for_timestamps(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "t.db"), clock=lambda: datetime(2025, 3, 14, 6, 0, tzinfo=UTC))
    assert s.now() == "2025-03-14T06:00:00+00:00"


def test_concurrent_writers_are_serialised(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "t.db"))

    def add(i: int) -> None:
        raw = f"report {i}".encode()
        doc = Document(sha256=sha256(raw), raw=raw, text=raw.decode())
        with s.write() as conn:
            rec.add_document(conn, doc, source_id=None, at=s.now())

    threads = [threading.Thread(target=add, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with s.read() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 20


names = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30
)


@settings(max_examples=40, deadline=None)
@given(
    location=names,
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    fatalities=st.none() | st.integers(0, 10_000),
    quantities=st.dictionaries(
        st.sampled_from(["drones_launched", "injured", "area_m2"]), st.integers(0, 10**9)
    ),
)
def test_claims_survive_a_write_and_a_read(
    tmp_path_factory, location, lat, lon, fatalities, quantities
) -> None:
    s = Store.open(str(tmp_path_factory.mktemp("db") / "t.db"))
    raw = b"doc"
    doc = Document(sha256=sha256(raw), raw=raw, text="Кременчук: a drone strike.")
    claim = Claim(
        doc_id=doc.sha256,
        sub_event_type="Air/drone strike",
        event_type="Explosions/Remote violence",
        event_date="2025-03-14",
        place=Place(name=location, latitude=lat, longitude=lon, geo_precision=1),
        fatalities=fatalities,
        quantities=quantities,
        span=(0, 10),
        evidence="Кременчук:",
    )
    with s.write() as conn:
        rec.add_document(conn, doc, source_id=None, at=s.now())
        (cid,) = rec.add_claims(conn, [claim], at=s.now())
    with s.read() as conn:
        (back,) = rec.load_claims(conn, [cid])
    assert back.place.name == location
    assert (back.place.latitude, back.place.longitude) == (lat, lon)
    assert back.fatalities == fatalities
    assert back.quantities == quantities
    assert back.span == (0, 10)
    s.close()
