"""Exports: the JSON Lines contract, GeoJSON, CSV, ACLED-compatible CSV, findings, redaction."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from test_evaluate_fixtures import demo_incidents, new_store

from truceline.cli import main
from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
from truceline.publish import export_findings, export_incidents
from truceline.publish.export import ACLED_COLUMNS


def _store(tmp_path):
    store = new_store(tmp_path)
    ids = demo_incidents(store)
    return store, ids


def test_jsonl_has_one_line_per_incident_with_its_report_ids(tmp_path):
    store, ids = _store(tmp_path)
    out = io.StringIO()
    assert export_incidents(store, out, "jsonl") == 3
    rows = {r["incident_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert set(rows) == set(ids.values())
    assert sorted(rows["inc-moscow"]["reports"]) == ["news-1", "news-2"]
    assert sorted(rows["inc-tuapse"]["reports"]) == ["monitor-7", "news-1b"]
    t = rows["inc-tuapse"]
    for key in (
        "event_type",
        "sub_event_type",
        "event_date",
        "location",
        "admin1",
        "country_code",
        "latitude",
        "longitude",
        "fatalities",
        "status",
        "quantities",
        "disagreements",
    ):
        assert key in t
    assert t["quantities"] == {"area_m2": 1000, "personnel": 121}
    assert t["fatalities"] == 0
    assert rows["inc-intercept"]["quantities"] == {"drones_intercepted": 4}


def test_public_export_drops_protected_reports_and_sources(tmp_path):
    store, _ = _store(tmp_path)
    out = io.StringIO()
    export_incidents(store, out, "jsonl", public=True)
    t = next(
        r for r in map(json.loads, out.getvalue().splitlines()) if r["incident_id"] == "inc-tuapse"
    )
    assert t["reports"] == ["news-1b"]
    assert "Monitor team 3" not in json.dumps(t)
    assert "black smoke" not in json.dumps(t)
    assert (
        t["latitude"] is not None and t["latitude"] != 44.1053
    )  # coarsened: a monitor contributed


def test_geojson_is_a_feature_collection_of_points(tmp_path):
    store, _ = _store(tmp_path)
    out = io.StringIO()
    export_incidents(store, out, "geojson")
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection"
    tuapse = next(f for f in fc["features"] if f["id"] == "inc-tuapse")
    assert tuapse["geometry"] == {"type": "Point", "coordinates": [39.0802, 44.1053]}
    assert tuapse["properties"]["sub_event_type"] == "Air/drone strike"


def test_csv_flattens_reports_and_quantities(tmp_path):
    store, _ = _store(tmp_path)
    out = io.StringIO()
    export_incidents(store, out, "csv")
    rows = {r["incident_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["inc-tuapse"]["q_area_m2"] == "1000"
    assert rows["inc-tuapse"]["q_personnel"] == "121"
    assert sorted(rows["inc-moscow"]["reports"].split("|")) == ["news-1", "news-2"]


def test_acled_csv_uses_acleds_columns_and_codes(tmp_path):
    store, _ = _store(tmp_path)
    out = io.StringIO()
    export_incidents(store, out, "acled")
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    rows = {r["sub_event_type"] + "|" + r["location"]: r for r in reader}
    strike = rows["Air/drone strike|Moscow"]
    assert strike["country"] == "Russia" and strike["iso"] == "643"
    assert strike["disorder_type"] == "Political violence"
    assert strike["event_date"] == "2025-03-14" and strike["year"] == "2025"
    assert strike["actor1"] == "Military Forces of Ukraine (2019-)" and strike["inter1"] == "1"
    assert strike["fatalities"] == "0"
    assert rows["Disrupted weapons use|Moscow"]["disorder_type"] == "Strategic developments"
    assert (
        "Tuapse oil refinery" in rows["Air/drone strike|Tuapse"]["notes"]
    )  # a public source's words first


def test_findings_export_has_one_line_per_finding(tmp_path):
    store, _ = _store(tmp_path)
    a = load_agreement(example_agreement_path())
    evaluate_store(store, a)
    out = io.StringIO()
    n = export_findings(store, out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(rows) == 3 * len(a.clauses)
    r = next(
        r
        for r in rows
        if r["incident_id"] == "inc-tuapse" and r["clause_id"] == "energy-moratorium"
    )
    assert r["status"] == "possible_violation"
    assert r["rationale"].startswith("Clause energy-moratorium")
    assert {x["party"] for x in r["readings"]} == {"RU", "UA"}


def test_export_commands_write_files_and_reject_unknown_formats(tmp_path):
    store, _ = _store(tmp_path)
    store.close()
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    target = tmp_path / "acled.csv"
    r = runner.invoke(
        main, ["--db", db, "export", "incidents", "--format", "acled", "--output", str(target)]
    )
    assert r.exit_code == 0, r.output
    assert target.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,year")
    r = runner.invoke(main, ["--db", db, "export", "incidents", "--format", "jsonl"])
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 3
    r = runner.invoke(main, ["--db", db, "export", "incidents", "--format", "xml"])
    assert r.exit_code == 2
    assert runner.invoke(main, ["--db", db, "evaluate"]).exit_code == 0
    r = runner.invoke(main, ["--db", db, "export", "findings", "--format", "jsonl"])
    assert r.exit_code == 0
    assert all(
        {"incident_id", "clause_id", "status", "rationale"} <= set(json.loads(x))
        for x in r.output.splitlines()
    )
