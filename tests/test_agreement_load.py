"""Agreement files: the example loads, and a broken file says which clause and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from truceline.cli import main
from truceline.errors import AgreementError
from truceline.evaluate import example_agreement_path, load_agreement


def _example() -> dict:
    return yaml.safe_load(example_agreement_path().read_text(encoding="utf-8"))


def _write(tmp_path: Path, body: dict, name: str = "a.yaml") -> Path:
    p = tmp_path / name
    # the coarse line sits next to the example; point at it absolutely
    body.setdefault("geometry", {})
    if isinstance(body["geometry"].get("contact_line"), str):
        body["geometry"]["contact_line"] = str(
            example_agreement_path().parent / body["geometry"]["contact_line"]
        )
    p.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return p


def test_example_agreement_has_the_thirty_day_window_and_both_readings():
    a = load_agreement(example_agreement_path())
    assert a.spec.window.start == date(2025, 3, 14)
    assert a.spec.window.end == date(2025, 4, 12)  # 30 days, inclusive
    energy = a.clause("energy-moratorium")
    readings = {r.party: r.start for r in energy.readings}
    assert readings == {"RU": date(2025, 3, 18), "UA": date(2025, 3, 25)}
    assert a.zones.bands["security_zone"] == 5
    assert a.zones.bands["artillery_withdrawal"] == 25  # a 50 km wide zone, 25 km each side
    assert a.zones.bands["heavy_mlrs_withdrawal"] == 70


def test_the_same_agreement_loads_to_the_same_id_and_a_new_line_changes_it():
    a = load_agreement(example_agreement_path())
    b = load_agreement(example_agreement_path())
    assert a.id == b.id
    frontline = (
        Path(__file__).parents[2]
        / "shared"
        / "data"
        / "frontline"
        / "contact_line_2025-03-14.geojson"
    )
    c = load_agreement(example_agreement_path(), contact_line=frontline)
    assert c.id != a.id


@pytest.mark.parametrize(
    ("edit", "clause", "field", "words"),
    [
        (
            lambda b: b["clauses"][1]["rule"].update(sub_event_types=["Drone strike"]),
            "energy-moratorium",
            "rule.sub_event_types",
            "not an ACLED sub-event type",
        ),
        (lambda b: b["clauses"][0].pop("title"), "general-ceasefire", "title", "Field required"),
        (
            lambda b: b["clauses"][2]["rule"].update(zone="buffer_zone"),
            "security-zone",
            "rule.zone",
            "not defined",
        ),
        (
            lambda b: b["clauses"][1]["readings"][0].update(party="US"),
            "energy-moratorium",
            "readings.0.party",
            "not among the parties",
        ),
        (
            lambda b: b["clauses"][1]["rule"].update(target_clases=["energy"]),
            "energy-moratorium",
            "rule.target_clases",
            "Extra inputs",
        ),
        (
            lambda b: b["clauses"][1].update(window={"start": "2025-03-20", "end": "2025-03-18"}),
            "energy-moratorium",
            "window",
            "before start",
        ),
    ],
)
def test_a_broken_clause_is_named_with_its_field(tmp_path, edit, clause, field, words):
    body = _example()
    edit(body)
    with pytest.raises(AgreementError) as e:
        load_agreement(_write(tmp_path, body))
    assert e.value.clause == clause
    assert e.value.field == field
    assert words in str(e.value)
    assert str(tmp_path / "a.yaml") in str(e.value)


def test_an_unknown_time_zone_is_an_error_on_the_window(tmp_path):
    body = _example()
    body["window"]["timezone"] = "Europe/Kiev-Central"
    with pytest.raises(AgreementError) as e:
        load_agreement(_write(tmp_path, body))
    assert e.value.field == "window.timezone"
    assert "IANA" in str(e.value)


def test_invalid_yaml_names_the_line(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("id: x\nname: [unclosed\nclauses:\n  - id: a\n", encoding="utf-8")
    with pytest.raises(AgreementError, match=r"line \d+"):
        load_agreement(p)


def test_a_missing_contact_line_file_is_an_error_on_the_geometry(tmp_path):
    body = _example()
    body["geometry"]["contact_line"] = str(tmp_path / "nowhere.geojson")
    with pytest.raises(AgreementError) as e:
        load_agreement(_write(tmp_path, body))
    assert e.value.field == "geometry.contact_line"


def test_agreement_check_prints_one_line_and_fails_on_a_broken_file(tmp_path):
    body = _example()
    body["clauses"][0]["rule"]["event_types"] = ["Skirmish"]
    p = _write(tmp_path, body)
    r = CliRunner().invoke(main, ["agreement", "check", str(p)])
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0
    assert "clause 'general-ceasefire': field 'rule.event_types'" in r.output
    assert "Traceback" not in r.output


def test_agreement_check_accepts_the_example():
    r = CliRunner().invoke(main, ["agreement", "check", str(example_agreement_path())])
    assert r.exit_code == 0, r.output
    assert "energy-moratorium" in r.output
    assert "Russia reads from 2025-03-18" in r.output
    assert "Ukraine reads from 2025-03-25" in r.output
