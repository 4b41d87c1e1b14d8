"""The dashboard in a real browser: Debian's chromium, driven headless by Playwright.

Loads the map, opens an incident from its marker, verifies it as an analyst and
sees the audit entry.  Skips (with the reason) only where chromium or the
playwright package is missing; CI installs both.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
from test_web_fixtures import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
)
if not shutil.which("chromium"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from truceline.web import create_app

    store, tokens = build(tmp_path / "b.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tokens
    srv.should_exit = True
    t.join(5)
    store.close()


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context()
        # Prove the page works offline: any request off this host fails the test.
        outside: list[str] = []
        context.route(
            lambda url: not url.startswith("http://127.0.0.1"),
            lambda route: (outside.append(route.request.url), route.abort()),
        )
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        yield pg
        assert outside == [], outside
        assert errors == [], errors
        browser.close()


def _open_first_incident_from_map(page, expected: int) -> str:
    page.wait_for_selector("#map[data-loaded]", timeout=15000)
    assert int(page.get_attribute("#map", "data-loaded")) == expected
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster", timeout=10000)
    for _ in range(6):  # click clusters open until a marker shows
        if page.locator("path.incident-marker").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    page.locator("path.incident-marker").first.click(force=True)
    link = page.wait_for_selector("a.incident-link", timeout=5000)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/incidents/*")
    return href


def test_map_loads_and_an_analyst_verifies_an_incident(server, page):
    base, tokens = server
    page.goto(base + "/map")
    assert page.locator(".leaflet-tile-pane img").count() == 0  # no tiles from the internet
    page.wait_for_selector("#map[data-countries]", timeout=20000)
    assert page.locator("#map svg path").count() > 100  # Natural Earth countries drawn
    # the public map leaves out the incident at a confidential site
    _open_first_incident_from_map(page, 1)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#status-form").count() == 0  # the public cannot review

    page.goto(base + "/login")
    page.fill("#token", tokens["analyst"])
    page.click("#login-submit")
    page.wait_for_url("**/map")
    href = _open_first_incident_from_map(page, 2)
    page.select_option("#status-select", "verified")
    page.fill("#status-reason", "Confirmed by two independent sources and imagery")
    page.click("#status-submit")
    page.wait_for_selector(
        "#audit >> text=Confirmed by two independent sources and imagery", timeout=10000
    )
    assert page.locator("#status").inner_text() == "verified"
    assert "ana" in page.locator("#audit").inner_text()
    assert page.url.endswith(href)


def test_hostile_report_text_does_not_run_in_the_browser(server, page):
    base, tokens = server
    page.goto(base + "/login")
    page.fill("#token", tokens["analyst"])
    page.click("#login-submit")
    page.wait_for_url("**/map")
    for path in ("/incidents/i-site", "/queue", "/report/2025-03-13", "/audit"):
        page.goto(base + path)
        assert page.evaluate("window.pwned") is None, path
    page.goto(base + "/incidents/i-site")
    assert "<script>window.pwned=1</script>" in page.locator("h1 + dl").inner_text()
