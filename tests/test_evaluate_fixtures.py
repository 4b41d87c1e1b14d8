"""Tiny incident stores for the evaluate, report and export tests.

Incidents are written with plain inserts (one source, document and claim per
report), so these tests do not depend on the resolver.  Imported by the other
test files; it holds no tests of its own.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from truceline.store import Store
from truceline.store.schema import claims, documents, incident_claims, incidents, sources

SHARED = Path(__file__).parents[2] / "shared"
FRONTLINE = SHARED / "data" / "frontline" / "contact_line_2025-03-14.geojson"
AT = "2025-03-15T06:00:00+00:00"


def fixed_clock() -> datetime:
    return datetime(2025, 3, 15, 6, 0, tzinfo=UTC)


def new_store(tmp_path: Path) -> Store:
    return Store.open(str(tmp_path / "t.db"), clock=fixed_clock)


def _source(
    conn, name: str, *, protected: bool = False, kind: str = "news", grade: str = "B"
) -> int:
    row = conn.execute(select(sources.c.id).where(sources.c.name == name)).first()
    if row:
        return row.id
    return conn.execute(
        insert(sources).values(
            name=name, kind=kind, reliability=grade, protected=protected, created_at=AT
        )
    ).inserted_primary_key[0]


def add_incident(store: Store, iid: str, reports: list[dict[str, Any]], **fields: Any) -> str:
    """An incident with one claim per report: {"id", "source", "text", "published"?, "protected"?, ...claim fields}."""
    row = {
        "id": iid,
        "event_type": None,
        "sub_event_type": None,
        "event_date": "2025-03-14",
        "time_precision": 1,
        "status": "reported",
        "independent_sources": len({r["source"] for r in reports}),
        "quantities": {},
        "disagreements": {},
        "created_at": AT,
        "updated_at": AT,
    }
    row.update(fields)
    with store.write() as conn:
        conn.execute(insert(incidents).values(**row))
        for r in reports:
            sid = _source(conn, r["source"], protected=r.get("protected", False))
            doc = hashlib.sha256(f"{iid}|{r['id']}".encode()).hexdigest()
            conn.execute(
                insert(documents).values(
                    id=doc,
                    source_id=sid,
                    external_id=r["id"],
                    published=r.get("published", row["event_date"]),
                    text=r["text"],
                    processed=True,
                    ingested_at=AT,
                )
            )
            cid = doc[:32]
            conn.execute(
                insert(claims).values(
                    id=cid,
                    document_id=doc,
                    event_type=row["event_type"],
                    sub_event_type=row["sub_event_type"],
                    event_date=row["event_date"],
                    location=row.get("location"),
                    latitude=row.get("latitude"),
                    longitude=row.get("longitude"),
                    evidence=r.get("evidence", r["text"]),
                    target=r.get("target"),
                    target_class=r.get("target_class"),
                    site_id=r.get("site_id"),
                    site_class=r.get("site_class"),
                    weapon=r.get("weapon"),
                    claimed_by=r.get("claimed_by"),
                    quantities=r.get("quantities", {}),
                    created_at=AT,
                )
            )
            conn.execute(insert(incident_claims).values(claim_id=cid, incident_id=iid))
    return iid


def demo_incidents(store: Store) -> dict[str, str]:
    """The three incidents of 14 March 2025, as resolve would leave them."""
    moscow = add_incident(
        store,
        "inc-moscow",
        [
            {
                "id": "news-1",
                "source": "Example Wire",
                "text": "One of the drones hit a building just 4 kilometres from the Kremlin, damaging flats in a residential area.",
                "target": "residential building",
            },
            {
                "id": "news-2",
                "source": "Second Outlet",
                "text": "A Ukrainian drone struck an apartment block in Moscow, about 4 km from the Kremlin.",
            },
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        location="Moscow",
        admin1="Moscow",
        country_code="RU",
        latitude=55.7558,
        longitude=37.6173,
        geo_precision=1,
        actor1="Military Forces of Ukraine (2019-)",
        status="corroborated",
        weapon="drone",
    )
    intercept = add_incident(
        store,
        "inc-intercept",
        [
            {
                "id": "mod-1",
                "source": "Ministry of Defence",
                "text": "Air defences intercepted four drones approaching Moscow overnight.",
                "quantities": {"drones_intercepted": 4},
            },
        ],
        event_type="Strategic developments",
        sub_event_type="Disrupted weapons use",
        location="Moscow",
        admin1="Moscow",
        country_code="RU",
        latitude=55.7558,
        longitude=37.6173,
        geo_precision=2,
        actor1="Military Forces of Russia (2000-)",
        quantities={"drones_intercepted": 4},
    )
    tuapse = add_incident(
        store,
        "inc-tuapse",
        [
            {
                "id": "news-1b",
                "source": "Example Wire",
                "text": "The strikes set fire to the Tuapse oil refinery; the fire covered more than 1,000 square metres and 121 firefighters were deployed.",
                "target": "oil refinery",
                "claimed_by": "the regional governor",
            },
            {
                "id": "monitor-7",
                "source": "Monitor team 3",
                "protected": True,
                "text": "Heard two explosions; black smoke over the refinery at 04:10.",
            },
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        location="Tuapse",
        admin1="Krasnodar Krai",
        country_code="RU",
        latitude=44.1053,
        longitude=39.0802,
        geo_precision=1,
        fatalities=0,
        quantities={"area_m2": 1000, "personnel": 121},
        status="corroborated",
        target_class="energy",
        site_id="ru-tuapse-refinery",
    )
    return {"moscow": moscow, "intercept": intercept, "tuapse": tuapse}
