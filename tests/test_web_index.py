# ruff: noqa: F811  (pytest fixtures imported from test_web_fixtures)
"""The in-memory incident index answers as SQL would, stays current after writes,
and shows the public only what redaction allows.

The fixture store of `test_web_fixtures` is grown with a few hundred incidents
told by a wire service, a daily paper and a protected monitor, some at the
confidential plant, some undated or without a point.  Each filter the list
takes is then answered twice: by the API (the index) and by plain SQL here.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import and_, desc, exists, insert, select, update
from test_web_fixtures import AGREEMENT, MONITOR_LAT, MONITOR_LON, SITE_LAT, SITE_LON, auth, build

from truceline.evaluate import agreement_from_body
from truceline.publish import redact
from truceline.store import Store
from truceline.store.schema import (
    agreements,
    claims,
    documents,
    incident_claims,
    incidents,
    sources,
)
from truceline.web.index import IncidentIndex, Snapshot, _read

AT = "2025-03-15T08:00:00+00:00"
SUBS = {
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Disrupted weapons use": "Strategic developments",
}
STATUSES = ("reported", "corroborated", "verified", "disputed", "refuted")
PLACES = ("Huliaipole", "Orikhiv", "Vasylivka", "Kamianske", "Stepnohirsk")


def grow(store: Store, n: int = 300, seed: int = 3) -> None:
    """Add ``n`` incidents, one or two claims each, over the fixture's sources."""
    rnd = random.Random(seed)
    with store.write() as c:
        daily = c.execute(
            insert(sources).values(
                name="Front Daily", kind="news", reliability="B", protected=False, created_at=AT
            )
        ).inserted_primary_key[0]
        by_name = dict(c.execute(select(sources.c.name, sources.c.id)).all())
        names = ["Capital Wire", "Front Daily", "monitor:mt1"]
        for i in range(n):
            sub = rnd.choice(list(SUBS))
            day = None if rnd.random() < 0.05 else f"2025-03-{rnd.randint(1, 28):02d}"
            if rnd.random() < 0.05:
                lat = lon = None
            else:
                lat, lon = rnd.uniform(46.9, 48.2), rnd.uniform(34.4, 38.0)
            site = "plant-1" if rnd.random() < 0.04 else None
            place = rnd.choice(PLACES)
            iid = f"g{i:04d}"
            c.execute(
                insert(incidents).values(
                    id=iid,
                    event_type=SUBS[sub],
                    sub_event_type=sub,
                    event_date=day,
                    time_precision=1,
                    location=place,
                    admin1="Zaporizhzhia",
                    country_code="UA",
                    latitude=lat,
                    longitude=lon,
                    geo_precision=1,
                    site_id=site if rnd.random() < 0.5 else None,
                    fatalities=rnd.randint(0, 3),
                    status=rnd.choice(STATUSES),
                    independent_sources=1,
                    created_at=AT,
                    updated_at=f"2025-03-14T{i // 60 % 24:02d}:{i % 60:02d}:00+00:00",
                    disagreements={},
                )
            )
            for j, name in enumerate(rnd.sample(names, rnd.choice((1, 1, 2)))):
                text = f"{name}: a {sub.lower()} near {place} on {day or 'an unknown day'}."
                c.execute(
                    insert(documents).values(
                        id=f"d-{iid}-{j}",
                        source_id=by_name.get(name, daily),
                        published="2025-03-28",
                        text=text,
                        processed=True,
                        ingested_at=AT,
                    )
                )
                c.execute(
                    insert(claims).values(
                        id=f"c-{iid}-{j}",
                        document_id=f"d-{iid}-{j}",
                        event_type=SUBS[sub],
                        sub_event_type=sub,
                        event_date=day,
                        latitude=lat,
                        longitude=lon,
                        site_id=site,
                        span_start=0,
                        span_end=len(text),
                        evidence=text,
                        created_at=AT,
                    )
                )
                c.execute(insert(incident_claims).values(claim_id=f"c-{iid}-{j}", incident_id=iid))


@pytest.fixture
def big(tmp_path):
    from fastapi.testclient import TestClient

    from truceline.web import create_app

    store, tokens = build(tmp_path / "big.db")
    grow(store)
    client = TestClient(create_app(store), raise_server_exceptions=False)
    yield client, tokens, store
    client.close()
    store.close()


# ---- the oracle: plain SQL, and the redaction rules applied row by row -----------------------


def _member_from(*cond):
    return exists(
        select(1)
        .select_from(
            incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id)
            .join(sources, sources.c.id == documents.c.source_id)
        )
        .where(incident_claims.c.incident_id == incidents.c.id, *cond)
    )


def sql_ids(store: Store, params: dict, *, public: bool) -> list[str]:
    """The incidents a filter should return, newest first, by SQL and the redaction rules."""
    sites = {"plant-1"}
    at_site = exists(
        select(1)
        .select_from(incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id))
        .where(incident_claims.c.incident_id == incidents.c.id, claims.c.site_id.in_(sites))
    )
    q = select(
        incidents.c.id,
        incidents.c.latitude,
        incidents.c.longitude,
        _member_from(sources.c.protected.is_(True)).label("protected"),
        (incidents.c.site_id.in_(sites) | at_site).label("confidential"),
    ).order_by(desc(incidents.c.event_date), desc(incidents.c.id))
    where = []
    if "date_from" in params:
        where.append(incidents.c.event_date >= params["date_from"])
    if "date_to" in params:
        where.append(incidents.c.event_date <= params["date_to"])
    if "type" in params:
        t = params["type"]
        where.append((incidents.c.event_type == t) | (incidents.c.sub_event_type == t))
    if "status" in params:
        where.append(incidents.c.status.in_(params["status"]))
    if "source" in params:
        cond = [sources.c.name == params["source"]]
        if public:
            cond.append(sources.c.protected.is_(False))
        where.append(_member_from(*cond))
    zones = agreement_from_body(AGREEMENT).zones
    out = []
    with store.read() as c:
        for iid, lat, lon, protected, confidential in c.execute(q.where(and_(True, *where))):
            if public and confidential:
                lat = lon = None
            elif public and protected:
                lat, lon = redact.coarsen(lat, lon)
            if "bbox" in params:
                w, s, e, n = params["bbox"]
                if lat is None or not (s <= lat <= n and w <= lon <= e):
                    continue
            if "zone" in params:
                d = None if lat is None else zones.distance_km(lon, lat)
                if d is None or d > zones.bands[params["zone"]]:
                    continue
            out.append(iid)
    return out


def api_ids(client, params: dict, headers: dict) -> list[str]:
    query = {k: (",".join(map(str, v)) if k == "bbox" else v) for k, v in params.items()}
    r = client.get("/api/incidents", params={**query, "limit": 1000}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["next_offset"] is None
    return [i["id"] for i in body["items"]]


FILTERS = [
    {},
    {"date_from": "2025-03-10"},
    {"date_to": "2025-03-09"},
    {"date_from": "2025-03-05", "date_to": "2025-03-05"},
    {"date_from": "2025-03-20", "date_to": "2025-03-10"},  # an empty range
    {"type": "Air/drone strike"},
    {"type": "Explosions/Remote violence"},
    {"type": "Protests"},
    {"status": ["verified"]},
    {"status": ["reported", "disputed"], "date_from": "2025-03-14"},
    {"bbox": (35.0, 47.0, 36.5, 47.8)},
    {"bbox": (36.0, 47.5, 36.5, 47.8), "status": ["corroborated"]},
    {"zone": "zone-15km"},
    {"zone": "zone-15km", "type": "Armed clash", "date_to": "2025-03-20"},
    {"source": "Front Daily"},
    {"source": "monitor:mt1"},
    {"source": "Capital Wire", "bbox": (34.0, 46.5, 36.0, 48.5)},
]


@pytest.mark.parametrize("role", ["analyst", "public"])
def test_index_returns_what_sql_returns_for_every_filter(big, role):
    client, tokens, store = big
    headers = auth(tokens["analyst"]) if role == "analyst" else {}
    for params in FILTERS:
        want = sql_ids(store, params, public=role == "public")
        assert api_ids(client, params, headers) == want, params
    # the filters must have something to find, or the comparison proves little
    assert len(sql_ids(store, {"zone": "zone-15km"}, public=False)) > 20
    assert len(sql_ids(store, {"source": "monitor:mt1"}, public=False)) > 20


def test_pages_of_the_list_join_up_to_the_whole(big):
    client, tokens, store = big
    h = auth(tokens["analyst"])
    seen, offset = [], 0
    while offset is not None:
        body = client.get(f"/api/incidents?limit=37&offset={offset}", headers=h).json()
        seen += [i["id"] for i in body["items"]]
        offset = body["next_offset"]
    assert seen == sql_ids(store, {}, public=False)


# ---- writes are seen on the next read ------------------------------------------------------


def _statuses(client, headers=None) -> dict[str, str]:
    items = client.get("/api/incidents?limit=1000", headers=headers or {}).json()["items"]
    return {i["id"]: i["status"] for i in items}


def _map_statuses(client, headers=None) -> dict[str, str]:
    gj = client.get("/api/map/incidents?limit=5000", headers=headers or {}).json()
    return {f["properties"]["id"]: f["properties"]["status"] for f in gj["features"]}


def test_status_change_through_the_api_is_seen_on_the_next_read(big):
    client, tokens, _ = big
    h = auth(tokens["analyst"])
    index = client.app.state.index
    target = next(i for i, s in _statuses(client).items() if s == "reported" and i[0] == "g")
    assert _map_statuses(client)[target] == "reported"  # both views now cached
    before = dict(index.rebuilds)
    r = client.post(
        f"/api/incidents/{target}/status",
        json={"status": "verified", "reason": "two independent sources agree"},
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert _statuses(client)[target] == "verified"
    assert _statuses(client, h)[target] == "verified"
    assert _map_statuses(client)[target] == "verified"
    assert target in api_ids(client, {"status": ["verified"]}, h)
    assert target not in api_ids(client, {"status": ["reported"]}, h)
    # only the changed rows were read again
    assert index.rebuilds["incremental"] > before["incremental"]
    assert index.rebuilds["full"] == before["full"]


def test_a_write_by_another_connection_is_seen(big, tmp_path):
    client, tokens, store = big
    other = Store.open(store.url)  # as `truceline ingest` would, in another process
    with other.write() as c:
        c.execute(
            update(incidents)
            .where(incidents.c.id == "g0007")
            .values(
                event_date="2025-03-31", status="disputed", updated_at="2025-03-16T00:00:00+00:00"
            )
        )
    other.close()
    ids = api_ids(client, {}, auth(tokens["analyst"]))
    assert ids[0] == "g0007"  # now the newest
    assert _statuses(client)["g0007"] == "disputed"


def _full(store: Store, index: IncidentIndex) -> Snapshot:
    with store.read() as c:
        sites = index.snapshot(c).sites
        cols, protected, confidential, mark = _read(c, sites)
    return Snapshot(cols, protected, confidential, sites=sites, mark=mark)


def test_an_index_patched_after_writes_equals_one_built_afresh(big):
    client, tokens, store = big
    h = auth(tokens["analyst"])
    index = client.app.state.index
    client.get("/api/incidents", headers=h)
    writes = [
        ("g0003", {"status": "refuted"}),
        ("g0004", {"event_date": None}),
        ("g0005", {"latitude": 47.9, "longitude": 35.1}),
        ("i-site", {"fatalities": 4}),
    ]
    for n, (iid, values) in enumerate(writes):
        with store.write() as c:
            stamp = f"2025-03-15T09:00:0{n}+00:00"
            c.execute(
                update(incidents).where(incidents.c.id == iid).values(**values, updated_at=stamp)
            )
        client.get("/api/incidents", headers=h)
    with store.write() as c:  # a new incident told by the protected monitor
        c.execute(
            insert(incidents).values(
                id="new-1",
                sub_event_type="Armed clash",
                event_type="Battles",
                event_date="2025-03-15",
                latitude=47.61,
                longitude=36.01,
                status="reported",
                created_at=AT,
                updated_at="2025-03-15T10:00:00+00:00",
            )
        )
        mon = c.execute(select(sources.c.id).where(sources.c.name == "monitor:mt1")).scalar()
        text = "At 06:10 the team saw small-arms fire north of Mala Tokmachka."
        c.execute(
            insert(documents).values(
                id="d-new", source_id=mon, text=text, processed=True, ingested_at=AT
            )
        )
        c.execute(
            insert(claims).values(
                id="c-new", document_id="d-new", sub_event_type="Armed clash", created_at=AT
            )
        )
        c.execute(insert(incident_claims).values(claim_id="c-new", incident_id="new-1"))
    assert index.rebuilds["full"] == 1
    with store.read() as c:
        patched = index.snapshot(c)
    assert index.rebuilds["full"] == 1 and index.rebuilds["incremental"] >= 5
    fresh = _full(store, index)
    assert patched.ids == fresh.ids
    for public in (False, True):
        ks = list(range(len(fresh)))
        assert patched.rows(ks, public=public) == fresh.rows(ks, public=public)
        assert patched.features(ks, public=public) == fresh.features(ks, public=public)


def test_a_deleted_incident_leaves_the_list(big):
    client, tokens, store = big
    h = auth(tokens["analyst"])
    assert "g0010" in api_ids(client, {}, h)
    with store.write() as c:
        c.execute(incident_claims.delete().where(incident_claims.c.incident_id == "g0010"))
        c.execute(incidents.delete().where(incidents.c.id == "g0010"))
    assert "g0010" not in api_ids(client, {}, h)
    assert api_ids(client, {}, h) == sql_ids(store, {}, public=False)


# ---- the map's grid at dense views ---------------------------------------------------------


@pytest.mark.parametrize("role", ["analyst", "public"])
def test_grid_counts_sum_to_the_matching_incidents(big, role):
    client, tokens, store = big
    headers = auth(tokens["analyst"]) if role == "analyst" else {}
    for params in (
        {"bbox": (34.0, 46.5, 38.5, 48.5)},
        {"bbox": (35.0, 47.0, 36.5, 47.8), "status": ["reported", "verified"]},
        {"bbox": (34.0, 46.5, 38.5, 48.5), "date_from": "2025-03-15"},
    ):
        bbox = ",".join(map(str, params["bbox"]))
        query = {**params, "bbox": bbox, "limit": 5}
        gj = client.get("/api/map/incidents", params=query, headers=headers).json()
        assert gj["clustered"] is True
        want = sql_ids(store, params, public=role == "public")
        cells = [f["properties"] for f in gj["features"]]
        assert sum(c["count"] for c in cells) == gj["matched"] == len(want), params
        assert all(sum(c["statuses"].values()) == c["count"] for c in cells)
        by_status: dict[str, int] = {}
        for c in cells:
            for s, k in c["statuses"].items():
                by_status[s] = by_status.get(s, 0) + k
        with store.read() as c:
            rows = c.execute(select(incidents.c.status).where(incidents.c.id.in_(want))).scalars()
            expected: dict[str, int] = {}
            for s in rows:
                expected[s] = expected.get(s, 0) + 1
        assert by_status == expected
        w, s, e, n = params["bbox"]
        for f in gj["features"]:
            lon, lat = f["geometry"]["coordinates"]
            assert w <= lon <= e and s <= lat <= n


# ---- the public view, through the index ------------------------------------------------------


def test_public_map_and_grid_never_place_a_protected_reporter_or_a_site(big):
    client, tokens, _ = big
    near = f"{SITE_LON - 0.01},{SITE_LAT - 0.01},{SITE_LON + 0.01},{SITE_LAT + 0.01}"
    for url in (
        "/api/map/incidents?limit=5000",
        "/api/map/incidents?limit=3&bbox=34,46.5,38.5,48.5",
        f"/api/map/incidents?limit=1&bbox={near}",
        "/api/incidents?limit=1000",
    ):
        body = client.get(url).text
        assert str(MONITOR_LAT) not in body and str(SITE_LAT) not in body, url
        assert "plant-1" not in body and "monitor:mt1" not in body, url
    gj = client.get(f"/api/map/incidents?bbox={near}").json()
    assert gj["features"] == []  # the plant's incidents have no point in public
    # a box tight round the monitor's fix finds its incident for staff, never for the public
    tight = f"{MONITOR_LON - 0.01},{MONITOR_LAT - 0.01},{MONITOR_LON + 0.01},{MONITOR_LAT + 0.01}"
    staff = client.get(f"/api/map/incidents?bbox={tight}", headers=auth(tokens["analyst"])).json()
    assert "i-shelling" in {f["properties"]["id"] for f in staff["features"]}
    for limit in (1, 2000):  # the grid and the points
        gj = client.get(f"/api/map/incidents?limit={limit}&bbox={tight}").json()
        assert "i-shelling" not in {f["properties"].get("id") for f in gj["features"]}
        assert all(f["properties"].get("count", 0) == 0 for f in gj["features"]) or not any(
            abs(f["geometry"]["coordinates"][1] - MONITOR_LAT) < 1e-6 for f in gj["features"]
        )


def test_redaction_follows_a_new_agreement_and_a_newly_protected_source(big):
    client, tokens, store = big
    row = client.get("/api/incidents?source=Front Daily&limit=1").json()["items"][0]
    assert row["latitude"] is not None and row.get("coordinates") is None
    with store.write() as c:  # the paper turns out to be a protected reporter's outlet
        c.execute(update(sources).where(sources.c.name == "Front Daily").values(protected=True))
    shown = client.get("/api/incidents?limit=1000").json()["items"]
    again = next(r for r in shown if r["id"] == row["id"])
    assert again["coordinates"] in ("coarsened", "withheld")
    assert client.get("/api/incidents?source=Front Daily").json()["items"] == []
    # a new agreement makes the staging area by g0001 confidential
    with store.read() as c:
        lat, lon = c.execute(
            select(incidents.c.latitude, incidents.c.longitude).where(incidents.c.id == "g0001")
        ).one()
    body = agreement_from_body(AGREEMENT).body()
    body = {**body, "id": "test-ceasefire-2", "version": "2"}
    site = {**body["protected_sites"]["sites"][0], "id": "depot-9", "name": "Depot"}
    site.update(latitude=lat, longitude=lon)
    body["protected_sites"] = {
        **body["protected_sites"],
        "sites": [*body["protected_sites"]["sites"], site],
    }
    with store.write() as c:
        c.execute(update(incidents).where(incidents.c.id == "g0001").values(site_id="depot-9"))
        c.execute(
            insert(agreements).values(
                id="a2",
                name="Test ceasefire",
                version="2",
                loaded_at="2025-03-16T00:00:00+00:00",
                body=body,
            )
        )
    shown = {r["id"]: r for r in client.get("/api/incidents?limit=1000").json()["items"]}
    assert shown["g0001"]["latitude"] is None and shown["g0001"]["site_id"] is None
    staff = client.get("/api/incidents?limit=1000", headers=auth(tokens["analyst"])).json()
    assert next(r for r in staff["items"] if r["id"] == "g0001")["site_id"] == "depot-9"
