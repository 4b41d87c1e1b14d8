"""FIRMS hotspots: imported with file:line errors, and matched to fires as evidence."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from truceline.ingest.firms import ingest_firms, parse_firms
from truceline.resolve import resolve_store
from truceline.store.schema import detections, evidence, incidents, quarantine
from truceline.verify import grade_store

SAMPLE = Path(__file__).parents[2] / "shared" / "data" / "firms-sample.csv"
HEADER = "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,version,bright_ti5,frp,daynight,instrument\n"


def test_the_sample_file_imports_once(report_store):
    store, _ = report_store
    assert ingest_firms(store, SAMPLE) == (31, 0)
    assert ingest_firms(store, SAMPLE) == (0, 0)  # the same detections again add nothing
    with store.read() as conn:
        first = (
            conn.execute(select(detections).order_by(detections.c.detected_at)).mappings().first()
        )
    assert first["sensor"] == "VIIRS N20"
    assert first["detected_at"] == "2025-11-02T01:30:00Z"


def test_a_bad_row_names_file_line_and_field_and_the_rest_goes_on(report_store, tmp_path):
    store, _ = report_store
    path = tmp_path / "fires.csv"
    path.write_text(
        HEADER
        + "47.3062,30.39661,329.86,0.52,0.67,2025-11-02,0936,N20,nominal,2.0NRT,285.69,5.74,D,VIIRS\n"
        + "147.3,30.4,329.86,0.52,0.67,2025-11-02,0936,N20,nominal,2.0NRT,285.69,5.74,D,VIIRS\n"
        + "47.4,30.5,329.86,0.52,0.67,02/11/2025,0936,N20,nominal,2.0NRT,285.69,5.74,D,VIIRS\n"
    )
    rows, errors = parse_firms(path.read_text(), str(path))
    assert len(rows) == 1
    assert [str(e) for e in errors] == [
        f"{path}:3: field 'latitude': 147.3 is outside -90..90",
        f"{path}:4: field 'acq_date': '02/11/2025' is not a date (write YYYY-MM-DD)",
    ]
    assert ingest_firms(store, path) == (1, 2)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(quarantine)).scalar_one() == 2


def test_a_hotspot_at_a_refinery_fire_verifies_it_with_evidence(report_store):
    store, put = report_store
    # A hotspot of the sample (47.3062, 30.39661 at 09:36 on 2 Nov 2025), and a fire 400 m away.
    put(
        "Regional news",
        "A drone strike set fire to a fuel depot; the blaze burned through the morning.",
        lat=47.3095,
        lon=30.3990,
        place="depot",
        date="2025-11-02",
        sub_event_type="Air/drone strike",
    )
    ingest_firms(store, SAMPLE)
    resolve_store(store)
    grade_store(store)
    with store.read() as conn:
        inc = conn.execute(select(incidents)).mappings().one()
        ev = conn.execute(select(evidence).where(evidence.c.kind == "sensor")).mappings().all()
    assert inc["status"] == "verified"
    assert "sensor match" in inc["status_reason"]
    assert len(ev) == 1 and ev[0]["detail"]["distance_km"] < 1.0
    assert ev[0]["detail"]["detected_at"] == "2025-11-02T09:36:00Z"


def test_a_hotspot_a_week_later_does_not_match(report_store):
    store, put = report_store
    put(
        "Regional news",
        "A drone strike set fire to a fuel depot.",
        lat=47.3095,
        lon=30.3990,
        place="depot",
        date="2025-10-26",
        sub_event_type="Air/drone strike",
    )
    ingest_firms(store, SAMPLE)
    resolve_store(store)
    grade_store(store)
    with store.read() as conn:
        assert conn.execute(select(incidents.c.status)).scalar_one() == "reported"
