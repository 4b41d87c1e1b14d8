# ruff: noqa: F811  (pytest fixtures imported from test_web_fixtures)
"""The dashboard pages: they render for every role, work offline, and escape report text."""

from __future__ import annotations

import re

from test_web_fixtures import HOSTILE, auth, web  # noqa: F401

PAGES = (
    "/map",
    "/timeline",
    "/queue",
    "/report",
    "/report/2025-03-13",
    "/audit",
    "/login",
    "/incidents/i-site",
    "/incidents/i-shelling",
)
RAW = ("<script>window.pwned", "<img src=x onerror")


def _incident_ids(client, headers):
    return [
        i["id"] for i in client.get("/api/incidents?limit=1000", headers=headers).json()["items"]
    ]


def test_report_text_with_script_is_escaped_on_every_page(web):
    client, tokens, _ = web
    hostile = {
        "text": f"Monitor note: {HOSTILE} seen at dawn.",
        "event_date": "2025-03-14",
        "location": HOSTILE,
    }
    assert (
        client.post("/api/field-reports", json=hostile, headers=auth(tokens["monitor"])).status_code
        == 201
    )
    escaped_somewhere = False
    for role in ("public", "analyst", "admin"):
        h = {} if role == "public" else auth(tokens[role])
        client.cookies.clear()
        if h:
            client.cookies.set("truceline_token", tokens[role])
        pages = list(PAGES) + [f"/incidents/{i}" for i in _incident_ids(client, h)]
        for page in pages:
            r = client.get(page)
            assert r.status_code in (200, 403), (page, r.status_code)
            for raw in RAW:
                assert raw not in r.text, (role, page)
            escaped_somewhere |= "&lt;script&gt;window.pwned" in r.text
            assert "script-src 'self'" in r.headers["content-security-policy"]
            assert not re.search(r"<script>(?!\s*</script>)", r.text), (
                role,
                page,
            )  # no inline script at all
    assert escaped_somewhere


def test_pages_load_nothing_from_another_site(web):
    client, _, _ = web
    for page in PAGES:
        html = client.get(page).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith("/") or url.startswith("#"), (page, url)
    for asset in (
        "/static/leaflet/leaflet.js",
        "/static/leaflet/leaflet.css",
        "/static/markercluster/leaflet.markercluster.js",
        "/static/app/map.js",
    ):
        assert client.get(asset).status_code == 200, asset


def test_incident_page_highlights_evidence_and_shows_review_to_analysts(web):
    client, tokens, _ = web
    public = client.get("/incidents/i-shelling").text
    assert "<mark>Russian artillery shelled Huliaipole" in public
    assert "status-form" not in public and "monitor:mt1" not in public
    client.cookies.set("truceline_token", tokens["analyst"])
    staff = client.get("/incidents/i-shelling").text
    assert "status-form" in staff and "monitor:mt1" in staff and "Audit trail" in staff


def test_queue_lists_incidents_awaiting_review(web):
    client, _, _ = web
    html = client.get("/queue").text
    assert (
        "/incidents/i-site" in html and "/incidents/i-shelling" not in html
    )  # corroborated is not waiting
    assert "/incidents/i-shelling" in client.get("/queue?status=corroborated").text


def test_timeline_counts_incidents_per_day(web):
    client, _, _ = web
    html = client.get("/timeline").text
    assert "2025-03-13: 1 reported" in html and "2025-03-14: 1 corroborated" in html


def test_login_sets_an_httponly_cookie_and_rejects_bad_tokens(web):
    client, tokens, _ = web
    r = client.post("/login", data={"token": "tl_nonsense"}, follow_redirects=False)
    assert r.status_code == 401 and "unknown or revoked" in r.text
    r = client.post("/login", data={"token": tokens["analyst"]}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert "ana (analyst)" in client.get("/map").text
