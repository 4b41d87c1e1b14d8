"""A small store for the API and dashboard tests, built with plain inserts.

Two sources (a wire service, and a protected field monitor), an incident told
by both, an incident at a confidential site, and an agreement with a contact
line, a zone and that site.  Imported by the test_api_* and test_web_* files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select

from truceline.evaluate import agreement_from_body
from truceline.store import Store
from truceline.store.access import add_user, create_token
from truceline.store.schema import (
    agreements,
    claims,
    documents,
    findings,
    incident_claims,
    incidents,
    sources,
)

AT = "2025-03-15T08:00:00+00:00"
WIRE_TEXT = (
    "KYIV, March 14 (Capital Wire) - Russian artillery shelled Huliaipole in the "
    "Zaporizhzhia region on Friday, killing two civilians, the regional governor said."
)
MONITOR_TEXT = (
    "Between 10:05 and 10:40 the team heard about 20 artillery rounds fired from "
    "positions north-east of Huliaipole, 3-5 km away. No casualties seen."
)
HOSTILE = 'Drone hit the plant <script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
HOSTILE_TEXT = f"Capital Wire: {HOSTILE} near Zaporizhzhia on 14 March."
MONITOR_LAT, MONITOR_LON = 47.6644, 36.2606
SITE_LAT, SITE_LON = 47.5083, 34.5852
# An agreement as `truceline.evaluate` reads it: a contact line, a 15 km zone and a
# confidential energy site (the plant, some 40 km off the line).
AGREEMENT = {
    "id": "test-ceasefire",
    "name": "Test ceasefire",
    "version": "1",
    "parties": [{"id": "A", "name": "Party A"}, {"id": "B", "name": "Party B"}],
    "window": {"start": "2025-03-01", "days": 30, "timezone": "Europe/Kyiv"},
    "geometry": {
        "contact_line": {
            "type": "LineString",
            "coordinates": [[35.0, 47.2], [36.0, 47.6], [37.5, 47.9]],
        },
        "zones": {"zone-15km": {"label": "15 km zone", "each_side_km": 15}},
    },
    "target_classes": {"energy": {"aliases": ["plant"]}},
    "protected_sites": {
        "classes": ["energy"],
        "sites": [
            {
                "id": "plant-1",
                "name": "Secret plant",
                "class": "energy",
                "latitude": SITE_LAT,
                "longitude": SITE_LON,
                "confidential": True,
            }
        ],
    },
    "clauses": [
        {
            "id": "no-strikes-on-energy",
            "title": "No strikes on energy sites",
            "rule": {"event_types": ["Explosions/Remote violence"], "target_classes": ["energy"]},
        }
    ],
}


def build(path: Path) -> tuple[Store, dict[str, str]]:
    store = Store.open(str(path))
    with store.write() as c:
        wire = c.execute(
            insert(sources).values(
                name="Capital Wire", kind="news", reliability="C", protected=False, created_at=AT
            )
        ).inserted_primary_key[0]
        mon = c.execute(
            insert(sources).values(
                name="monitor:mt1", kind="monitor", reliability="A", protected=True, created_at=AT
            )
        ).inserted_primary_key[0]
        for did, sid, text in (
            ("d-wire", wire, WIRE_TEXT),
            ("d-mon", mon, MONITOR_TEXT),
            ("d-hostile", wire, HOSTILE_TEXT),
        ):
            c.execute(
                insert(documents).values(
                    id=did,
                    source_id=sid,
                    external_id=did.upper(),
                    published="2025-03-14",
                    title=f"title {did}",
                    text=text,
                    fields={"latitude": MONITOR_LAT} if sid == mon else None,
                    processed=True,
                    ingested_at=AT,
                )
            )
        span = WIRE_TEXT.index("Russian artillery"), WIRE_TEXT.index(", the regional")
        mspan = 0, MONITOR_TEXT.index(". No")
        hspan = HOSTILE_TEXT.index("Drone"), HOSTILE_TEXT.index(" near")
        base = {
            "event_type": "Explosions/Remote violence",
            "event_date": "2025-03-14",
            "time_precision": 1,
            "created_at": AT,
            "confidence": 0.8,
        }
        c.execute(
            insert(claims).values(
                id="c-wire",
                document_id="d-wire",
                sub_event_type="Shelling/artillery/missile attack",
                location="Huliaipole",
                admin1="Zaporizhzhia",
                country_code="UA",
                latitude=47.6610,
                longitude=36.2560,
                fatalities=2,
                claimed_by="the regional governor",
                span_start=span[0],
                span_end=span[1],
                evidence=WIRE_TEXT[span[0] : span[1]],
                **base,
            )
        )
        c.execute(
            insert(claims).values(
                id="c-mon",
                document_id="d-mon",
                sub_event_type="Shelling/artillery/missile attack",
                location="Huliaipole",
                admin1="Zaporizhzhia",
                country_code="UA",
                latitude=MONITOR_LAT,
                longitude=MONITOR_LON,
                fatalities=0,
                span_start=mspan[0],
                span_end=mspan[1],
                evidence=MONITOR_TEXT[: mspan[1]],
                quantities={"shells_fired": 20},
                **base,
            )
        )
        c.execute(
            insert(claims).values(
                id="c-hostile",
                document_id="d-hostile",
                sub_event_type="Air/drone strike",
                location=HOSTILE,
                admin1="Zaporizhzhia",
                country_code="UA",
                latitude=SITE_LAT,
                longitude=SITE_LON,
                site_id="plant-1",
                span_start=hspan[0],
                span_end=hspan[1],
                evidence=HOSTILE,
                **base,
            )
        )
        c.execute(
            insert(incidents).values(
                id="i-shelling",
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                event_date="2025-03-14",
                time_precision=1,
                location="Huliaipole",
                admin1="Zaporizhzhia",
                country_code="UA",
                latitude=MONITOR_LAT,
                longitude=MONITOR_LON,
                geo_precision=1,
                h3="8a2d1c2b0a37fff",
                fatalities=0,
                status="corroborated",
                status_reason="monitor mt1 heard it",
                independent_sources=2,
                created_at=AT,
                updated_at=AT,
                disagreements={
                    "fatalities": [
                        {"value": 2, "claims": ["c-wire"], "sources": ["Capital Wire"]},
                        {"value": 0, "claims": ["c-mon"], "sources": ["monitor:mt1"]},
                    ],
                    "latitude": [
                        {"value": 47.6610, "claims": ["c-wire"], "sources": ["Capital Wire"]},
                        {"value": MONITOR_LAT, "claims": ["c-mon"], "sources": ["monitor:mt1"]},
                    ],
                },
            )
        )
        c.execute(
            insert(incidents).values(
                id="i-site",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                event_date="2025-03-13",
                time_precision=1,
                location=HOSTILE,
                admin1="Zaporizhzhia",
                country_code="UA",
                latitude=SITE_LAT,
                longitude=SITE_LON,
                geo_precision=1,
                site_id="plant-1",
                status="reported",
                independent_sources=1,
                created_at=AT,
                updated_at=AT,
                disagreements={},
            )
        )
        for cid, iid in (
            ("c-wire", "i-shelling"),
            ("c-mon", "i-shelling"),
            ("c-hostile", "i-site"),
        ):
            c.execute(insert(incident_claims).values(claim_id=cid, incident_id=iid))
        c.execute(
            insert(agreements).values(
                id="a1",
                name="Test ceasefire",
                version="1",
                loaded_at=AT,
                path=None,
                body=agreement_from_body(AGREEMENT).body(),
            )
        )
        c.execute(
            insert(findings).values(
                id="f1",
                agreement_id="a1",
                incident_id="i-site",
                clause_id="no-strikes-on-energy",
                status="possible_violation",
                rationale=f"A drone strike 0.0 km from Secret plant at {SITE_LAT}, {SITE_LON}.",
                evidence={"site": "plant-1"},
                evaluated_at=AT,
            )
        )
    tokens = {}
    for name, role in (
        ("ana", "analyst"),
        ("mo", "monitor"),
        ("root", "admin"),
        ("reader", "public"),
    ):
        add_user(store, name, role)
        tokens[role] = create_token(store, name)
    return store, tokens


@pytest.fixture
def web(tmp_path):
    from fastapi.testclient import TestClient

    from truceline.web import create_app

    store, tokens = build(tmp_path / "web.db")
    client = TestClient(create_app(store), raise_server_exceptions=False)
    yield client, tokens, store
    client.close()
    store.close()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_fixture_store_holds_two_incidents_and_four_users(tmp_path):
    store, tokens = build(tmp_path / "f.db")
    with store.read() as c:
        assert len(c.execute(select(incidents.c.id)).all()) == 2
    assert set(tokens) == {"analyst", "monitor", "admin", "public"}
