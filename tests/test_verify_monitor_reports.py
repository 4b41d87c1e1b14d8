"""Only a monitor's own observation verifies: an incident map's entry is a report, not one."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import select

from truceline.cli import main
from truceline.resolve import resolve_store
from truceline.store.schema import incidents
from truceline.verify import grade_store

KHERSON = dict(lat=46.6354, lon=32.6169, place="Kherson")
MARKET = "Shelling of the central market in Kherson, two killed"


def statuses(store) -> list[str]:
    with store.read() as conn:
        return sorted(conn.execute(select(incidents.c.status)).scalars())


def test_a_structured_report_without_an_observation_is_only_reported(report_store):
    store, put = report_store
    put("Eyes on Russia map", MARKET, kind="report", reliability="B", **KHERSON)
    resolve_store(store)
    grade_store(store)
    assert statuses(store) == ["reported"]


def test_a_report_saying_how_the_monitor_observed_it_verifies(report_store):
    store, put = report_store
    put(
        "Patrol 7",
        "Two explosions heard, smoke seen over the central market, bearing 240, 2-3 km",
        kind="report",
        fields={"observation": "heard"},
        **KHERSON,
    )
    resolve_store(store)
    grade_store(store)
    assert statuses(store) == ["verified"]


def test_a_field_report_from_a_monitor_source_verifies_without_the_field(report_store):
    store, put = report_store
    put("Patrol 7", MARKET, kind="monitor", **KHERSON)
    resolve_store(store)
    grade_store(store)
    assert statuses(store) == ["verified"]


def test_two_incident_maps_corroborate_but_do_not_verify_through_the_cli(tmp_path):
    rows = [
        {
            "id": "cir:1",
            "source": "Eyes on Russia map",
            "text": "02/03/2022 Shelling of the central market. Shelling of the central market",
            "event_date": "2022-03-02",
            "location": "Kherson",
            "latitude": 46.6354,
            "longitude": 32.6169,
        },
        {
            "id": "bc:1",
            "source": "Civilian harm map",
            "text": "Shelling of the central market in Kherson.",
            "event_date": "2022-03-02",
            "location": "Kherson",
            "latitude": 46.6355,
            "longitude": 32.6170,
        },
        {
            "id": "patrol:1",
            "source": "Patrol 7",
            "text": "Explosion heard and smoke seen near the river port",
            "event_date": "2022-03-02",
            "location": "Mykolaiv",
            "latitude": 46.9659,
            "longitude": 31.9974,
            "observation": "heard",
        },
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(path)]).exit_code == 0
    out = runner.invoke(main, ["--db", db, "export", "incidents", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    by_report = {
        tuple(sorted(i["reports"])): i["status"] for i in map(json.loads, out.stdout.splitlines())
    }
    assert by_report == {("bc:1", "cir:1"): "corroborated", ("patrol:1",): "verified"}
