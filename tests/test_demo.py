"""The demo: the bundled samples through the whole pipeline, as a newcomer runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from truceline.cli import main


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    db = out / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--out", str(out / "report")])
    assert result.exit_code == 0, result.output
    return db, out, result.output


def incidents(db: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", str(db), "export", "incidents", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def near(inc: dict, lat: float, lon: float, km: float) -> bool:
    from pyproj import Geod

    if inc.get("latitude") is None:
        return False
    _, _, d = Geod(ellps="WGS84").inv(lon, lat, inc["longitude"], inc["latitude"])
    return d / 1000 <= km


def test_demo_prints_report_paths_and_incident_summary(demo_run) -> None:
    _, out, output = demo_run
    assert "report:" in output
    for suffix in (".md", ".html", ".pdf"):
        paths = [
            line.split("report: ", 1)[1].strip()
            for line in output.splitlines()
            if "report: " in line
        ]
        assert any(p.endswith(suffix) and Path(p).exists() for p in paths), suffix


def test_moscow_strike_interception_and_tuapse_fire_are_separate_incidents(demo_run) -> None:
    db, _, _ = demo_run
    incs = incidents(db)
    moscow_strikes = [
        i
        for i in incs
        if i["sub_event_type"] == "Air/drone strike" and near(i, 55.7558, 37.6173, 40)
    ]
    interceptions = [
        i
        for i in incs
        if i["sub_event_type"] == "Disrupted weapons use" and near(i, 55.7558, 37.6173, 80)
    ]
    tuapse = [
        i
        for i in incs
        if i["sub_event_type"] == "Air/drone strike" and near(i, 44.1053, 39.0802, 15)
    ]
    assert len(moscow_strikes) == 1
    assert len(interceptions) == 1
    assert len(tuapse) == 1
    assert interceptions[0]["quantities"].get("drones_intercepted") == 4


def test_second_outlet_retelling_joins_the_moscow_strike(demo_run) -> None:
    db, _, _ = demo_run
    (moscow,) = [
        i
        for i in incidents(db)
        if i["sub_event_type"] == "Air/drone strike" and near(i, 55.7558, 37.6173, 40)
    ]
    assert "capital-wire-2025-03-14-moscow-drone" in moscow["reports"]
    assert moscow["independent_sources"] >= 2


def test_report_lists_the_three_incidents(demo_run) -> None:
    _, out, _ = demo_run
    md = next((out / "report").glob("*.md")).read_text(encoding="utf-8")
    assert "Moscow" in md
    assert "Tuapse" in md
    assert "Disrupted weapons use" in md or "intercept" in md.lower()


def test_running_the_demo_again_adds_nothing(demo_run) -> None:
    db, out, _ = demo_run
    before = incidents(db)
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--out", str(out / "report")])
    assert result.exit_code == 0, result.output
    assert "already ingested" in result.output
    assert len(incidents(db)) == len(before)
