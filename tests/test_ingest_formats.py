"""Ingest reads every supported kind of input into documents, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from truceline.errors import InputError
from truceline.ingest import detect_format, ingest_path
from truceline.store import Store
from truceline.store.schema import documents, inputs, quarantine, sources

ARTICLE = (
    "Russian forces shelled Nikopol overnight with heavy artillery, the head of the "
    "Dnipropetrovsk regional administration said on Saturday. Two people were injured."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(str(tmp_path / "t.db"))
    yield s
    s.close()


def count(store: Store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_plain_text_keeps_bytes_provenance_and_grade(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "nikopol.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = ingest_path(store, p, source="Dnipro Daily", reliability="b", published="2025-03-15")
    assert (r.format, r.added, r.rejected) == ("text", 1, 0)
    with store.read() as conn:
        doc = conn.execute(select(documents)).mappings().one()
        src = conn.execute(select(sources)).mappings().one()
    assert doc["published"] == "2025-03-15"
    assert doc["text"] == ARTICLE
    assert (src["name"], src["reliability"]) == ("Dnipro Daily", "B")


def test_same_bytes_twice_is_a_no_op(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    ingest_path(store, p)
    second = ingest_path(store, p)
    copy = tmp_path / "copy-of-a.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    third = ingest_path(store, copy)
    assert second.already_ingested
    assert third.already_ingested  # the same bytes under another name
    assert count(store, documents) == 1
    assert count(store, inputs) == 1


def test_jsonl_reports_keep_coded_fields_and_external_ids(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "reports.jsonl"
    rows = [
        {
            "id": "r1",
            "source": "Team 2",
            "text": "Shelling heard near Orikhiv.",
            "event_date": "2025-03-16",
            "location": "Orikhiv",
            "latitude": 47.567,
            "longitude": 35.785,
            "extra": "ignored",
        },
        {
            "id": 7,
            "source": "Team 2",
            "text": "Drone seen over Stepnohirsk.",
            "event_date": "16/03/2025",
        },
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    r = ingest_path(store, p)
    assert (r.format, r.added) == ("reports", 2)
    with store.read() as conn:
        got = {d["external_id"]: d for d in conn.execute(select(documents)).mappings()}
    assert got["r1"]["fields"]["latitude"] == 47.567
    assert "extra" not in got["r1"]["fields"]
    assert got["7"]["fields"]["event_date"] == "2025-03-16"  # day-first numeric date


def test_bad_report_lines_are_quarantined_and_the_rest_goes_on(
    store: Store, tmp_path: Path
) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"id": "ok1", "text": "Explosions reported in Kherson."}\n'
        "{not json\n"
        '{"id": "bad-lat", "text": "Shelling in Beryslav.", "latitude": 123, "longitude": 33.0}\n'
        '{"id": "no-text"}\n'
        '{"id": "ok2", "text": "Air raid alert in Mykolaiv."}\n',
        encoding="utf-8",
    )
    r = ingest_path(store, p)
    assert (r.added, r.rejected) == (2, 3)
    messages = [str(e) for e in r.errors]
    assert messages[0].startswith(f"{p}:2: not valid JSON")
    assert messages[1].startswith(f"{p}:3: field 'latitude':")
    assert messages[2].startswith(f"{p}:4: field 'text':")
    assert count(store, quarantine) == 3


def test_a_failed_input_loses_nothing_already_stored(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    ingest_path(store, good)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Obstrel v Chasovom Jare \xe9".encode("latin-1"))
    r = ingest_path(store, bad)
    assert r.rejected == 1
    assert str(r.errors[0]).startswith(f"{bad}: not UTF-8 text")
    assert count(store, documents) == 1
    assert count(store, quarantine) == 1
    assert not ingest_path(store, bad).already_ingested  # a rejected input can be retried


def test_html_page_keeps_the_article_and_drops_navigation(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Strike on Odesa port</title></head><body><nav>Home | Sport | Weather</nav>"
        "<article><h1>Strike on Odesa port</h1><p>A Russian missile hit the port of Odesa on Monday night, "
        "damaging grain silos and injuring three dock workers, the regional governor said.</p>"
        "<p>Fire crews worked through the morning to contain the blaze at the terminal.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    r = ingest_path(store, p, published="2025-03-17")
    assert r.format == "html"
    with store.read() as conn:
        doc = conn.execute(select(documents)).mappings().one()
    assert "grain silos" in doc["text"]
    assert "Weather" not in doc["text"]


def test_rss_entries_become_documents(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Drones downed over Bryansk</title><guid>w-1</guid>
        <pubDate>Sun, 16 Mar 2025 06:00:00 +0000</pubDate>
        <description>&lt;p&gt;Air defence destroyed 12 drones over Bryansk region overnight.&lt;/p&gt;</description></item>
        <item><title>Blast in Belgorod</title><guid>w-2</guid><description>An explosion damaged a substation in Belgorod.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    r = ingest_path(store, p)
    assert (r.format, r.added) == ("feed", 2)
    with store.read() as conn:
        docs = {d["external_id"]: d for d in conn.execute(select(documents)).mappings()}
    assert docs["w-1"]["text"] == "Air defence destroyed 12 drones over Bryansk region overnight."
    assert docs["w-1"]["published"].startswith("2025-03-16")
    assert docs["w-1"]["title"] == "Drones downed over Bryansk"


def test_acled_csv_rows_carry_their_coding(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "acled.csv"
    p.write_text(
        "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,admin1,location,latitude,longitude,"
        "geo_precision,source,notes,fatalities\n"
        "UKR100,2024-05-02,2024,Explosions/Remote violence,Shelling/artillery/missile attack,"
        "Military Forces of Russia (2000-),Sumy,Bilopillia,51.15,34.31,1,Suspilne,"
        '"On 2 May 2024, Russian forces shelled Bilopillia, Sumy. 1 killed.",1\n'
        "UKR101,2024-05-03,2024,Battles,Made-up type,X,Sumy,Y,1,1,1,S,notes,0\n",
        encoding="utf-8",
    )
    r = ingest_path(store, p)
    assert (r.format, r.added, r.rejected) == ("acled", 1, 1)
    assert "field 'sub_event_type'" in str(r.errors[0])
    with store.read() as conn:
        doc = conn.execute(select(documents)).mappings().one()
    assert doc["external_id"] == "UKR100"
    assert doc["fields"]["fatalities"] == 1
    assert doc["fields"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_bad_grade_is_refused_before_anything_is_read(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="not an Admiralty reliability grade"):
        ingest_path(store, p, reliability="Z")
    assert count(store, documents) == 0


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("x.csv", b"event_id_cnty,event_date,sub_event_type,notes\n", "acled"),
        ("x.csv", b"latitude,longitude,bright_ti4,acq_date,acq_time,frp\n", "firms"),
        ("x.csv", b"id,text,event_date\n", "reports"),
        ("feed", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("page", b"<!DOCTYPE html><html>", "html"),
        ("note", b"Shelling in Kherson.", "text"),
    ],
)
def test_format_is_guessed_from_name_and_content(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_ingest_is_recorded_in_the_audit_chain(store: Store, tmp_path: Path) -> None:
    from truceline.store import audit
    from truceline.store.schema import audit_log

    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = ingest_path(store, p)
    with store.read() as conn:
        row = conn.execute(select(audit_log)).mappings().one()
        assert audit.verify(conn) == 1
    assert row["action"] == "ingest"
    assert row["payload"]["documents"] == r.document_ids
