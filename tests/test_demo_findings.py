"""The demo's findings, read as a mediator reads them (issue 6, "done means").

The Tuapse refinery strike is a possible violation of the energy clause, the
Moscow strike of the general clause, and the interception over Moscow is not a
violation by the defending side.  Each rationale names the clause, gives the
geometry with its distance, quotes the evidence with its source and date, says
how far the incident is verified, and names no party unless that is verified.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from truceline.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-findings")
    db = str(out / "demo.db")
    runner = CliRunner()
    r = runner.invoke(main, ["--db", db, "demo", "--out", str(out / "report")])
    assert r.exit_code == 0, r.output

    def export(*args: str) -> list[dict]:
        res = runner.invoke(main, ["--db", db, "export", *args, "--format", "jsonl"])
        assert res.exit_code == 0, res.output
        return [json.loads(x) for x in res.stdout.splitlines() if x.strip()]

    incidents = export("incidents")
    findings = {(f["incident_id"], f["clause_id"]): f for f in export("findings")}
    return incidents, findings, export("findings", "--public")


def _incident(incidents, sub_event_type, place):
    hits = [
        i
        for i in incidents
        if i["sub_event_type"] == sub_event_type
        and place in " ".join(filter(None, (i.get("location"), i.get("admin1"))))
    ]
    assert len(hits) == 1, [(i["sub_event_type"], i["location"]) for i in incidents]
    return hits[0]


def _lines(rationale: str) -> dict[str, str]:
    """The rationale's labelled lines: {"Geometry": "...", "Evidence": "...", ...}."""
    out = {}
    for line in rationale.splitlines():
        label, _, rest = line.partition(": ")
        out[label] = rest
    return out


def _readable(f: dict, clause: str, outcome: str) -> dict[str, str]:
    assert f["clause_id"] == clause
    assert f["status"] == outcome.replace(" ", "_")
    lines = _lines(f["rationale"])
    head = f["rationale"].splitlines()[0]
    assert head.startswith(f"Clause {clause} (") and head.endswith(f"{outcome}.")
    # evidence: a quotation, then its source and date
    assert re.search(r"\u201c[^\u201d]{20,}\u201d \([^,()]+, 2025-03-1\d", lines["Evidence"])
    assert lines["Verification"].startswith(f"the incident is {f['verification_status']}")
    return lines


def test_the_tuapse_refinery_strike_is_a_possible_violation_of_the_energy_clause(demo):
    incidents, findings, _ = demo
    tuapse = _incident(incidents, "Air/drone strike", "Tuapse")
    f = findings[(tuapse["incident_id"], "energy-moratorium")]
    lines = _readable(f, "energy-moratorium", "possible violation")
    assert "the target is energy" in lines["Under the agreement's text"]
    assert "is within the window 2025-03-14 to 2025-04-12" in lines["Under the agreement's text"]
    km = re.search(r"(\d+\.\d) km from the contact line \(geodesic\)", lines["Geometry"])
    assert km and 300 < float(km.group(1)) < 600  # Tuapse lies far behind the front
    assert "refinery" in lines["Evidence"]
    # the parties' own start dates are shown, each with its outcome
    assert "Under Russia's reading (2025-03-18 to 2025-04-16)" in lines
    assert "Under Ukraine's reading (2025-03-25 to 2025-04-23)" in lines


def test_the_moscow_strike_is_a_possible_violation_of_the_general_clause(demo):
    incidents, findings, _ = demo
    moscow = _incident(incidents, "Air/drone strike", "Moscow")
    f = findings[(moscow["incident_id"], "general-ceasefire")]
    lines = _readable(f, "general-ceasefire", "possible violation")
    assert (
        "Air/drone strike (Explosions/Remote violence) is an act the clause prohibits"
        in (lines["Under the agreement's text"])
    )
    assert re.search(r"\d+\.\d km from the contact line \(geodesic\)", lines["Geometry"])
    assert findings[(moscow["incident_id"], "energy-moratorium")]["status"] == "not_applicable"


def test_the_interception_is_not_a_violation_by_the_defending_side(demo):
    incidents, findings, _ = demo
    intercept = _incident(incidents, "Disrupted weapons use", "Moscow")
    for (iid, _clause), f in findings.items():
        if iid == intercept["incident_id"]:
            assert f["status"] == "not_applicable"
            assert f["responsible"] is None
    f = findings[(intercept["incident_id"], "general-ceasefire")]
    assert "not a violation by the defending side" in f["rationale"]
    _readable(f, "general-ceasefire", "not applicable")


def test_no_party_is_named_responsible_without_verified_attribution(demo):
    incidents, findings, _ = demo
    status = {i["incident_id"]: i["status"] for i in incidents}
    for (iid, _clause), f in findings.items():
        responsibility = _lines(f["rationale"]).get("Responsibility", "")
        if f["status"] == "possible_violation":
            assert responsibility, f["rationale"]
        if f["responsible"] is None:
            assert "Ukrain" not in responsibility and "Russia" not in responsibility
        else:
            assert status[iid] == "verified"


def test_public_findings_hide_protected_monitors_and_nothing_else(demo):
    _, findings, public = demo
    assert len(public) == len(findings)
    changed = 0
    for p in public:
        f = findings[(p["incident_id"], p["clause_id"])]
        assert p["status"] == f["status"]
        assert "Monitoring Team" not in p["rationale"]  # the demo's monitors are protected
        if "Monitoring Team" in f["rationale"] or "protected" in p["rationale"]:
            changed += p["rationale"] != f["rationale"]
        else:
            assert p["rationale"] == f["rationale"]
    assert changed > 0
