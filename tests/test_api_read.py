# ruff: noqa: F811  (pytest fixtures imported from test_web_fixtures)
"""Reading the API: filters, incident detail, and what the public never sees."""

from __future__ import annotations

import json

from test_web_fixtures import MONITOR_LAT, MONITOR_LON, SITE_LAT, auth, web  # noqa: F401


def _ids(resp):
    assert resp.status_code == 200, resp.text
    return [i["id"] for i in resp.json()["items"]]


def test_incidents_filter_by_date_type_status_and_source(web):
    client, _, _ = web
    assert _ids(client.get("/api/incidents")) == ["i-shelling", "i-site"]
    assert _ids(client.get("/api/incidents?date_from=2025-03-14")) == ["i-shelling"]
    assert _ids(client.get("/api/incidents?date_to=2025-03-13")) == ["i-site"]
    assert _ids(client.get("/api/incidents?type=Air/drone strike")) == ["i-site"]
    assert _ids(client.get("/api/incidents?type=Explosions/Remote violence")) == [
        "i-shelling",
        "i-site",
    ]
    assert _ids(client.get("/api/incidents?status=corroborated&status=verified")) == ["i-shelling"]
    assert _ids(client.get("/api/incidents?source=Capital Wire")) == ["i-shelling", "i-site"]


def test_incidents_filter_by_bbox_and_zone(web):
    client, tokens, _ = web
    h = auth(tokens["analyst"])
    assert _ids(client.get("/api/incidents?bbox=36,47.5,36.5,47.8", headers=h)) == ["i-shelling"]
    assert _ids(client.get("/api/incidents?bbox=30,40,31,41", headers=h)) == []
    # the 15 km zone around the contact line holds Huliaipole but not the plant, 40 km off
    assert _ids(client.get("/api/incidents?zone=zone-15km", headers=h)) == ["i-shelling"]


def test_public_never_learns_a_protected_source(web):
    client, _, _ = web
    for url in (
        "/api/incidents",
        "/api/incidents/i-shelling",
        "/api/claims",
        "/api/claims?incident_id=i-shelling",
        "/api/documents",
        "/api/map/incidents",
        "/api/findings",
        "/api/reports/latest",
        "/api/exports/incidents?format=jsonl",
        "/api/exports/incidents?format=csv",
        "/api/exports/incidents?format=geojson",
    ):
        body = client.get(url).text
        assert "monitor:mt1" not in body, url
        assert "heard about 20 artillery rounds" not in body, url
        assert str(MONITOR_LAT) not in body and str(MONITOR_LON) not in body, url
    assert client.get("/api/documents/d-mon").status_code == 404
    assert _ids(client.get("/api/incidents?source=monitor:mt1")) == []


def test_public_sees_a_protected_reporters_incident_at_coarse_coordinates(web):
    client, _, _ = web
    inc = client.get("/api/incidents/i-shelling").json()["incident"]
    assert inc["coordinates"] == "coarsened"
    assert abs(inc["latitude"] - MONITOR_LAT) < 0.25 and inc["latitude"] != MONITOR_LAT
    assert "h3" not in inc and "status_reason" not in inc
    mon = [c for c in inc["claims"] if c["source"] == "protected source"]
    assert len(mon) == 1 and mon[0]["evidence"] is None and mon[0]["spans"] == []
    # a bbox tight round the true point must not find it: probing cannot recover the fix
    tight = f"{MONITOR_LON - 0.01},{MONITOR_LAT - 0.01},{MONITOR_LON + 0.01},{MONITOR_LAT + 0.01}"
    assert _ids(client.get(f"/api/incidents?bbox={tight}")) == []


def test_public_never_sees_a_confidential_site(web):
    client, _, _ = web
    inc = client.get("/api/incidents/i-site").json()["incident"]
    assert inc["site_id"] is None and inc["latitude"] is None and inc["coordinates"] == "withheld"
    for url in (
        "/api/incidents",
        "/api/map/incidents",
        "/api/map/agreement",
        "/api/findings",
        "/api/claims",
        "/api/incidents/i-site",
    ):
        body = client.get(url).text
        assert "plant-1" not in body and "Secret plant" not in body and str(SITE_LAT) not in body, (
            url
        )


def test_staff_see_everything_with_the_audit_trail(web):
    client, tokens, _ = web
    inc = client.get("/api/incidents/i-shelling", headers=auth(tokens["analyst"])).json()[
        "incident"
    ]
    assert inc["latitude"] == MONITOR_LAT and inc["protected"] is True
    assert inc["sources"] == ["Capital Wire", "monitor:mt1"]
    assert "audit" in inc
    layers = client.get("/api/map/agreement", headers=auth(tokens["monitor"])).json()
    assert any(f["properties"]["kind"] == "site" for f in layers["features"])


def test_incident_detail_puts_claims_side_by_side_with_evidence_spans(web):
    client, tokens, _ = web
    inc = client.get("/api/incidents/i-shelling", headers=auth(tokens["analyst"])).json()[
        "incident"
    ]
    wire = next(c for c in inc["claims"] if c["id"] == "c-wire")
    marked = [s["text"] for s in wire["spans"] if s["evidence"]]
    assert marked == [
        "Russian artillery shelled Huliaipole in the Zaporizhzhia region on Friday, killing two civilians"
    ]
    assert "".join(s["text"] for s in wire["spans"]) == wire["text"]
    assert {r["value"] for r in inc["disagreements"]["fatalities"]} == {0, 2}


def test_map_endpoint_is_geojson_coloured_by_status(web):
    client, tokens, _ = web
    gj = client.get("/api/map/incidents", headers=auth(tokens["analyst"])).json()
    assert gj["type"] == "FeatureCollection"
    statuses = {f["properties"]["id"]: f["properties"]["status"] for f in gj["features"]}
    assert statuses == {"i-shelling": "corroborated", "i-site": "reported"}


def test_countries_layer_comes_from_natural_earth(web):
    client, _, _ = web
    gj = client.get("/api/map/countries").json()
    names = {f["properties"]["iso_a2"] for f in gj["features"]}
    assert {"UA", "RU", "PL"} <= names


def test_errors_share_one_json_shape(web):
    client, tokens, _ = web
    cases = [
        (client.get("/api/incidents/nope"), 404),
        (client.get("/api/incidents?bbox=1,2,3"), 422),
        (client.get("/api/incidents?status=maybe"), 422),
        (client.get("/api/incidents?zone=atlantis"), 422),
        (client.get("/api/incidents?date_from=14.03.2025"), 422),
        (client.get("/api/reports/yesterday"), 422),
        (client.get("/api/nothing-here"), 404),
        (client.get("/api/incidents", headers={"Authorization": "Bearer wrong"}), 401),
        (client.get("/api/incidents", headers={"Authorization": "Basic abc"}), 401),
        (client.get("/api/audit", headers=auth(tokens["monitor"])), 403),
        (client.delete("/api/incidents"), 405),
    ]
    for resp, status in cases:
        assert resp.status_code == status, (resp.request.url, resp.text)
        body = resp.json()
        assert (
            set(body) == {"ok", "error", "status"}
            and body["ok"] is False
            and body["status"] == status
        )
        assert body["error"]


def test_export_csv_defuses_spreadsheet_formulas(web):
    client, tokens, store = web
    from sqlalchemy import update

    from truceline.store.schema import incidents

    with store.write() as c:
        c.execute(
            update(incidents)
            .where(incidents.c.id == "i-site")
            .values(actor1='=HYPERLINK("http://x")')
        )
    body = client.get("/api/exports/incidents?format=csv", headers=auth(tokens["analyst"])).text
    assert "'=HYPERLINK" in body
    lines = client.get("/api/exports/incidents?format=jsonl").text.splitlines()
    assert {json.loads(x)["incident_id"] for x in lines} == {"i-shelling", "i-site"}
