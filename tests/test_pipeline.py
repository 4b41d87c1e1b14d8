"""The pipeline over the store: new documents are extracted once, findings follow incidents."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from truceline.evaluate import example_agreement_path, load_agreement
from truceline.ingest import ingest_path
from truceline.pipeline import run, submit_report
from truceline.store import Store
from truceline.store.schema import claims, findings


def count(store: Store, table, *where) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_new_incidents_are_evaluated_against_the_last_agreement(tmp_path: Path, geocoder) -> None:
    store = Store.open(str(tmp_path / "p.db"))
    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps(
            {
                "id": "a1",
                "source": "Team 1",
                "text": "Artillery shelling hit houses in Huliaipole.",
                "event_date": "2025-03-16",
                "location": "Huliaipole",
                "latitude": 47.66,
                "longitude": 36.26,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    ingest_path(store, first)
    s1 = run(store, geocoder, agreement=load_agreement(example_agreement_path()))
    assert (s1.documents, s1.claims) == (1, 1)
    per_incident = s1.findings
    assert per_incident > 0

    submit_report(
        store,
        {
            "id": "a2",
            "text": "A drone struck a substation in Nikopol, cutting power.",
            "event_date": "2025-03-17",
            "location": "Nikopol",
            "latitude": 47.57,
            "longitude": 34.39,
        },
        source="Team 2",
    )
    s2 = run(store, geocoder)  # no agreement given: the one evaluated last
    assert (s2.documents, s2.claims) == (1, 1)  # the first report is not extracted again
    assert count(store, claims) == 2
    assert count(store, findings) == 2 * per_incident


def test_a_run_with_no_agreement_ever_loaded_writes_no_findings(tmp_path: Path, geocoder) -> None:
    store = Store.open(str(tmp_path / "p.db"))
    submit_report(store, {"id": "b1", "text": "Shelling in Kherson."}, source="Team 3")
    assert run(store, geocoder).findings == 0
    assert count(store, findings) == 0
