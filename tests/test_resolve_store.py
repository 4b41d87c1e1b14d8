"""Resolution against the store: disagreements, wire copies, stable IDs and analysts' decisions."""

from __future__ import annotations

from sqlalchemy import select

from truceline.resolve import merge_incidents, resolve_store, split_incident
from truceline.store.schema import incident_claims, incidents
from truceline.verify import grade_store

TUAPSE = dict(lat=44.1053, lon=39.0802, place="Tuapse")


def rows(store):
    with store.read() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(incidents)).mappings()}


def owner(store, claim_id):
    with store.read() as conn:
        return conn.execute(
            select(incident_claims.c.incident_id).where(incident_claims.c.claim_id == claim_id)
        ).scalar_one()


def test_four_drones_or_ten_is_one_incident_showing_both(report_store):
    store, put = report_store
    a = put(
        "Ministry of Defence",
        "Air defence units intercepted 4 drones over the Tuapse district overnight.",
        sub_event_type="Disrupted weapons use",
        quantities={"drones_intercepted": 4},
        reliability="B",
        **TUAPSE,
    )
    b = put(
        "Regional Telegram channel",
        "Ten drones were shot down over Tuapse overnight, residents say.",
        sub_event_type="Disrupted weapons use",
        quantities={"drones_intercepted": 10},
        reliability="E",
        **TUAPSE,
    )
    resolve_store(store)
    (inc,) = rows(store).values()
    entries = inc["disagreements"]["quantities.drones_intercepted"]
    assert [(e["value"], e["claims"], e["sources"]) for e in entries] == [
        (4, [a], ["Ministry of Defence"]),
        (10, [b], ["Regional Telegram channel"]),
    ]
    assert inc["ranges"]["quantities.drones_intercepted"] == [4, 10]
    assert inc["quantities"]["drones_intercepted"] == 4  # the more reliable source's figure


def test_wire_copies_count_once_and_an_independent_outlet_corroborates(report_store):
    store, put = report_store
    wire = (
        "TUAPSE, Russia (Reuters) - A fire broke out at the Tuapse oil refinery after a drone attack "
        "overnight, the regional governor said on Friday, adding that nobody was hurt."
    )
    for outlet in ("Daily Courier", "Evening Standard-Post", "Harbour Times"):
        put(outlet, wire, sub_event_type="Air/drone strike", **TUAPSE)
    resolve_store(store)
    grade_store(store)
    (inc,) = rows(store).values()
    assert inc["independent_sources"] == 1
    assert inc["status"] == "reported"

    put(
        "Field notes of a local journalist",
        "Saw flames and black smoke over the refinery at Tuapse "
        "from the seafront at 5 am; fire engines were arriving.",
        sub_event_type="Air/drone strike",
        **TUAPSE,
    )
    resolve_store(store)
    grade_store(store)
    (inc,) = rows(store).values()
    assert inc["independent_sources"] == 2
    assert inc["status"] == "corroborated"


def test_incident_ids_survive_a_rerun_and_a_new_member(report_store):
    store, put = report_store
    put("Outlet A", "Drone attack sets the Tuapse refinery on fire", **TUAPSE)
    resolve_store(store)
    (first,) = rows(store)
    put("Outlet B", "Fire at the Tuapse refinery after a drone attack", **TUAPSE)
    resolve_store(store)
    assert list(rows(store)) == [first]


def test_analyst_split_and_merge_are_respected_on_rerun(report_store):
    store, put = report_store
    a = put(
        "Outlet A",
        "Shelling of the central market in Kherson, two killed",
        lat=46.6354,
        lon=32.6169,
        place="Kherson",
    )
    b = put(
        "Outlet B",
        "Two killed as shells hit Kherson central market",
        lat=46.6354,
        lon=32.6169,
        place="Kherson",
    )
    resolve_store(store)
    inc = owner(store, a)
    assert owner(store, b) == inc

    new = split_incident(
        store, inc, claim_ids=[b], actor="analyst:ola", reason="B describes the evening strike"
    )
    assert owner(store, b) == new != owner(store, a)
    resolve_store(store)
    assert owner(store, b) == new and owner(store, a) == inc

    kept = merge_incidents(store, [inc, new], actor="analyst:ola", reason="same strike after all")
    assert kept == inc
    resolve_store(store)
    assert owner(store, a) == owner(store, b) == inc
