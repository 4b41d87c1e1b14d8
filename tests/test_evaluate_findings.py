"""Findings on the demo's incidents, on readings, zones, verification and attribution."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update
from test_evaluate_fixtures import FRONTLINE, add_incident, demo_incidents, new_store

from truceline.cli import main
from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
from truceline.store.findings import load_findings
from truceline.store.schema import audit_log, findings, incidents


@pytest.fixture(scope="module")
def agreement():
    return load_agreement(example_agreement_path())


def _findings(store, agreement):
    with store.read() as conn:
        return {
            (f["incident_id"], f["clause_id"]): f
            for f in load_findings(conn, agreement_id=agreement.id)
        }


def test_the_demo_strikes_are_possible_violations_and_the_interception_is_not(tmp_path, agreement):
    store = new_store(tmp_path)
    ids = demo_incidents(store)
    n = evaluate_store(store, agreement)
    assert n == 3 * len(agreement.clauses)
    f = _findings(store, agreement)

    tuapse = f[(ids["tuapse"], "energy-moratorium")]
    assert tuapse["status"] == "possible_violation"
    assert "Clause energy-moratorium" in tuapse["rationale"]
    assert "the target is energy" in tuapse["rationale"]
    assert "2025-03-14 is within the window 2025-03-14 to 2025-04-12" in tuapse["rationale"]
    assert "km from the contact line (geodesic)" in tuapse["rationale"]
    assert "Tuapse oil refinery" in tuapse["rationale"]  # the evidence is quoted

    moscow = f[(ids["moscow"], "general-ceasefire")]
    assert moscow["status"] == "possible_violation"
    assert "Air/drone strike" in moscow["rationale"]
    assert (
        f[(ids["moscow"], "energy-moratorium")]["status"] == "not_applicable"
    )  # a residential block

    for clause in agreement.clauses:
        assert f[(ids["intercept"], clause.id)]["status"] == "not_applicable"
    why = f[(ids["intercept"], "general-ceasefire")]["rationale"]
    assert "defensive" in why and "not a violation by the defending side" in why
    assert f[(ids["intercept"], "general-ceasefire")]["responsible"] is None


def test_a_finding_inherits_status_and_names_no_party_until_attribution_is_verified(
    tmp_path, agreement
):
    store = new_store(tmp_path)
    ids = demo_incidents(store)
    evaluate_store(store, agreement)
    f = _findings(store, agreement)[(ids["moscow"], "general-ceasefire")]
    assert f["verification_status"] == "corroborated"
    assert f["responsible"] is None
    assert "no party is named" in f["rationale"]
    assert "Ukraine" not in f["rationale"].split("Responsibility:")[1]

    with store.write() as conn:
        conn.execute(
            update(incidents).where(incidents.c.id == ids["moscow"]).values(status="verified")
        )
    evaluate_store(store, agreement, incident_ids=[ids["moscow"]])
    f = _findings(store, agreement)[(ids["moscow"], "general-ceasefire")]
    assert f["verification_status"] == "verified"
    assert f["responsible"] == "UA"
    assert "attributed to Ukraine" in f["rationale"]


def test_a_refuted_incident_breaches_nothing(tmp_path, agreement):
    store = new_store(tmp_path)
    ids = demo_incidents(store)
    with store.write() as conn:
        conn.execute(
            update(incidents)
            .where(incidents.c.id == ids["tuapse"])
            .values(status="refuted", status_reason="satellite imagery shows no fire")
        )
    evaluate_store(store, agreement)
    f = _findings(store, agreement)[(ids["tuapse"], "energy-moratorium")]
    assert f["status"] == "not_applicable"
    assert "refuted" in f["rationale"] and "satellite imagery" in f["rationale"]


def test_the_parties_readings_of_the_moratorium_start_are_both_shown(tmp_path, agreement):
    store = new_store(tmp_path)
    add_incident(
        store,
        "inc-substation",
        [
            {
                "id": "r-20",
                "source": "Regional administration",
                "text": "A drone hit an electrical substation near Zaporizhzhia on Thursday, cutting power to 3,000 homes.",
                "target": "electrical substation",
            }
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        event_date="2025-03-20",
        location="Zaporizhzhia",
        admin1="Zaporizhzhia",
        country_code="UA",
        latitude=47.8388,
        longitude=35.1396,
        geo_precision=2,
    )
    evaluate_store(store, agreement)
    f = _findings(store, agreement)[("inc-substation", "energy-moratorium")]
    assert f["status"] == "possible_violation"  # under the text, from 14 March
    readings = {r["party"]: r for r in f["readings"]}
    assert readings["RU"]["start"] == "2025-03-18"
    assert readings["RU"]["status"] == "possible_violation"
    assert readings["UA"]["start"] == "2025-03-25"
    assert readings["UA"]["status"] == "not_applicable"
    assert "before the window 2025-03-25" in readings["UA"]["reason"]
    assert "Under Russia's reading (2025-03-18 to 2025-04-16): possible violation" in f["rationale"]
    assert "Under Ukraine's reading (2025-03-25 to 2025-04-23): not applicable" in f["rationale"]
    assert "substation" in f["rationale"]


def test_an_unknown_target_or_date_cannot_be_determined(tmp_path, agreement):
    store = new_store(tmp_path)
    add_incident(
        store,
        "inc-vague",
        [
            {
                "id": "v-1",
                "source": "Local channel",
                "text": "Explosions were heard in Kharkiv overnight.",
            }
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date=None,
        location="Kharkiv",
        latitude=49.9935,
        longitude=36.2304,
        geo_precision=1,
    )
    evaluate_store(store, agreement)
    f = _findings(store, agreement)
    energy = f[("inc-vague", "energy-moratorium")]
    assert energy["status"] == "undetermined"
    assert "do not say what was hit" in energy["rationale"]
    assert "date is not known" in energy["rationale"]
    general = f[("inc-vague", "general-ceasefire")]
    assert general["status"] == "undetermined"


def test_fire_3_km_from_the_detailed_line_breaches_the_security_zone(tmp_path):
    if not FRONTLINE.exists():
        pytest.skip("shared frontline data not present")
    a = load_agreement(example_agreement_path(), contact_line=FRONTLINE)
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    coords = list(a.zones.line.geoms[0].coords)
    for i in range(
        600, len(coords) - 1, 7
    ):  # 3 km off the line, perpendicular to a straight stretch
        (x1, y1), (x2, y2) = coords[i], coords[i + 1]
        az = geod.inv(x1, y1, x2, y2)[0]
        lon, lat, _ = geod.fwd(x1, y1, az + 90, 3000.0)
        d = a.zones.distance_km(lon, lat)
        if abs(d - 3.0) < 0.05:
            break
    assert abs(d - 3.0) < 0.05
    store = new_store(tmp_path)
    add_incident(
        store,
        "inc-shelling",
        [
            {
                "id": "m-3",
                "source": "Monitor team 1",
                "protected": True,
                "text": "Heard 12 outgoing artillery rounds, 152 mm, from 2 km west.",
                "weapon": "152mm howitzer",
            }
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date="2025-03-16",
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        weapon="152mm howitzer",
    )
    evaluate_store(store, a)
    f = _findings(store, a)
    zone = f[("inc-shelling", "security-zone")]
    assert zone["status"] == "possible_violation"
    assert "inside the security zone (5 km each side)" in zone["rationale"]
    assert f"{d:.1f} km from the contact line" in zone["rationale"]
    assert zone["evidence"]["geometry"]["distance_km"] == pytest.approx(d, abs=0.001)
    assert f[("inc-shelling", "artillery-withdrawal")]["status"] == "possible_violation"
    assert (
        f[("inc-shelling", "mlrs-withdrawal")]["status"] == "not_applicable"
    )  # a howitzer is not MLRS
    # a protected monitor's words are never quoted
    assert "outgoing artillery" not in zone["rationale"]
    assert "protected source" in zone["rationale"]


def test_evaluating_again_replaces_the_old_findings(tmp_path, agreement):
    store = new_store(tmp_path)
    demo_incidents(store)
    evaluate_store(store, agreement)
    evaluate_store(store, agreement)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(findings)).scalar() == 3 * len(
            agreement.clauses
        )
        assert conn.execute(select(func.count()).select_from(audit_log)).scalar() == 2


def test_a_broken_agreement_changes_nothing_stored(tmp_path, agreement):
    db = tmp_path / "t.db"
    store = new_store(tmp_path)
    demo_incidents(store)
    evaluate_store(store, agreement)
    with store.read() as conn:
        before = [
            dict(r) for r in conn.execute(select(findings).order_by(findings.c.id)).mappings()
        ]
        audits = conn.execute(select(func.count()).select_from(audit_log)).scalar()
    store.close()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        example_agreement_path()
        .read_text()
        .replace("event_types: [Explosions/Remote violence]", "event_types: [Explosions]"),
        encoding="utf-8",
    )
    r = CliRunner().invoke(main, ["--db", str(db), "evaluate", "--agreement", str(bad)])
    assert r.exit_code != 0
    assert "clause 'energy-moratorium': field 'rule.event_types'" in r.output
    assert len(r.output.strip().splitlines()) == 1
    store = new_store(tmp_path)
    with store.read() as conn:
        after = [dict(r) for r in conn.execute(select(findings).order_by(findings.c.id)).mappings()]
        assert conn.execute(select(func.count()).select_from(audit_log)).scalar() == audits
    assert after == before


def test_evaluate_command_reports_the_counts(tmp_path):
    store = new_store(tmp_path)
    demo_incidents(store)
    store.close()
    r = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "evaluate"])
    assert r.exit_code == 0, r.output
    assert "18 findings" in r.output and "3 possible violation" in r.output
