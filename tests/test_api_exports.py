# ruff: noqa: F811  (pytest fixtures imported from test_web_fixtures)
"""Exports through the API: ACLED's CSV for researchers, redacted for the public."""

from __future__ import annotations

import csv
import io

from test_web_fixtures import MONITOR_LAT, SITE_LAT, SITE_LON, auth, web  # noqa: F401

from truceline.publish.export import ACLED_COLUMNS


def _acled(client, query: str = "", headers: dict | None = None) -> list[dict[str, str]]:
    r = client.get(f"/api/exports/incidents?format=acled{query}", headers=headers or {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(r.text))
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    return list(reader)


def test_acled_export_has_acleds_columns_and_one_row_per_incident(web):
    client, tokens, _ = web
    rows = {r["event_id_cnty"]: r for r in _acled(client, headers=auth(tokens["analyst"]))}
    assert set(rows) == {"UKRTLi-shelling", "UKRTLi-site"}
    shelling = rows["UKRTLi-shelling"]
    assert shelling["event_date"] == "2025-03-14" and shelling["year"] == "2025"
    assert shelling["event_type"] == "Explosions/Remote violence"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["disorder_type"] == "Political violence"
    assert (shelling["country"], shelling["iso"], shelling["admin1"]) == (
        "Ukraine",
        "804",
        "Zaporizhzhia",
    )
    assert shelling["location"] == "Huliaipole"
    assert float(shelling["latitude"]) == MONITOR_LAT
    assert set(shelling["source"].split("; ")) == {"Capital Wire", "monitor:mt1"}
    assert shelling["fatalities"] == "0"  # the most conservative figure: the monitor saw none
    assert shelling["notes"].startswith("Russian artillery shelled Huliaipole")


def test_acled_export_takes_the_lists_filters(web):
    client, tokens, _ = web
    h = auth(tokens["analyst"])
    assert [r["event_id_cnty"] for r in _acled(client, "&status=reported", h)] == ["UKRTLi-site"]
    assert [r["event_id_cnty"] for r in _acled(client, "&date_from=2025-03-14", h)] == [
        "UKRTLi-shelling"
    ]
    assert _acled(client, "&bbox=30,40,31,41", h) == []


def test_public_acled_export_hides_protected_sources_and_sites(web):
    client, _, _ = web
    r = client.get("/api/exports/incidents?format=acled")
    for secret in ("monitor:mt1", "heard about 20 artillery rounds", "plant-1", "Secret plant"):
        assert secret not in r.text
    for coord in (MONITOR_LAT, SITE_LAT, SITE_LON):
        assert str(coord) not in r.text
    rows = {r["event_id_cnty"]: r for r in _acled(client)}
    shelling, site = rows["UKRTLi-shelling"], rows["UKRTLi-site"]
    assert shelling["source"] == "Capital Wire"
    assert abs(float(shelling["latitude"]) - MONITOR_LAT) < 0.25
    assert float(shelling["latitude"]) != MONITOR_LAT and shelling["geo_precision"] == "2"
    # the site: no point, no place finer than the region, no words that may name it
    assert site["latitude"] == site["longitude"] == "" and site["geo_precision"] == "3"
    assert site["location"] == "Zaporizhzhia" and site["notes"] == ""
