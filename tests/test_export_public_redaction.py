"""Every public output goes through one redaction path: no protected monitor, no confidential site.

One store holds a monitor's report (protected) next to a news report of the
same strike, a strike that only the monitor saw, and a strike on a confidential
substation named in the news.  Every public output is then searched as text:
the incident exports in each format, the findings, and the report in each format.
"""

from __future__ import annotations

import io
import json

import pytest
import yaml
from test_evaluate_fixtures import add_incident, new_store

from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
from truceline.publish import build_report, export_findings, export_incidents
from truceline.publish.export import FORMATS
from truceline.publish.pdf import render_pdf
from truceline.publish.redact import COARSE_DEG, coarsen
from truceline.publish.report import render_html, render_markdown

MONITOR = "monitor:kestrel-7"
MONITOR_WORDS = "from our observation post in the tree line"
MONITOR_FIX = (47.4412, 35.2788)  # where the monitor stood
SITE = {"id": "ua-zp-sub-4", "name": "Komyshuvakha substation", "lat": 47.7263, "lon": 35.5371}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redaction")
    body = yaml.safe_load(example_agreement_path().read_text(encoding="utf-8"))
    body["geometry"]["contact_line"] = str(
        example_agreement_path().with_name(body["geometry"]["contact_line"])
    )
    body["protected_sites"]["sites"] = [
        {
            "id": SITE["id"],
            "name": SITE["name"],
            "class": "energy",
            "latitude": SITE["lat"],
            "longitude": SITE["lon"],
            "confidential": True,
        }
    ]
    path = tmp / "agreement.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    agreement = load_agreement(path)

    store = new_store(tmp)
    strike = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "country_code": "UA",
        "admin1": "Zaporizhzhia",
        "geo_precision": 1,
        "status": "corroborated",
    }
    add_incident(
        store,
        "inc-shared",
        [
            {
                "id": "wire-1",
                "source": "Example Wire",
                "text": "Shelling hit the outskirts of Vasylivka on Friday morning, officials said.",
            },
            {
                "id": "kestrel-1",
                "source": MONITOR,
                "protected": True,
                "text": f"Heard six impacts {MONITOR_WORDS}, 2 km south.",
                "target": "trench line by the poplars",
            },
        ],
        location="Vasylivka",
        latitude=MONITOR_FIX[0],
        longitude=MONITOR_FIX[1],
        **strike,
    )
    add_incident(
        store,
        "inc-monitor-only",
        [
            {
                "id": "kestrel-2",
                "source": MONITOR,
                "protected": True,
                "text": f"Two mortar rounds landed {MONITOR_WORDS}; nobody hurt.",
            }
        ],
        location="Stepove",
        latitude=47.5031,
        longitude=35.3377,
        **strike,
    )
    add_incident(
        store,
        "inc-site",
        [
            {
                "id": "wire-2",
                "source": "Example Wire",
                "text": f"A drone hit the {SITE['name']} overnight, cutting power to nearby villages.",
                "site_id": SITE["id"],
                "site_class": "energy",
            }
        ],
        location=SITE["name"],
        latitude=SITE["lat"],
        longitude=SITE["lon"],
        site_id=SITE["id"],
        **{**strike, "sub_event_type": "Air/drone strike"},
    )
    evaluate_store(store, agreement)

    outputs: dict[str, str] = {}
    for fmt in FORMATS:
        out = io.StringIO()
        export_incidents(store, out, fmt, public=True)
        outputs[f"incidents.{fmt}"] = out.getvalue()
    out = io.StringIO()
    export_findings(store, out, public=True)
    outputs["findings.jsonl"] = out.getvalue()
    ctx = build_report(store, "2025-03-14", public=True)
    outputs["report.md"] = render_markdown(ctx)
    outputs["report.html"] = render_html(ctx)
    # Helvetica, uncompressed: the page text is plain in the bytes
    outputs["report.pdf"] = render_pdf(ctx, font=None, compress=False).decode("latin-1")

    internal = io.StringIO()
    export_findings(store, internal)
    yield store, outputs, internal.getvalue()
    store.close()


def _decimals(value: float) -> list[str]:
    """The ways a coordinate might be printed: 47.7263, 47.726, 47.73."""
    return [f"{value:.4f}", f"{value:.3f}", f"{value:.2f}"]


def test_a_protected_monitor_is_never_named_or_quoted_in_public(published):
    _, outputs, _ = published
    for name, text in outputs.items():
        assert "kestrel" not in text.lower(), name
        assert MONITOR_WORDS not in text, name
        assert "poplars" not in text, name  # the monitor's stated target
    assert (
        "Shelling hit the outskirts of Vasylivka" in outputs["incidents.jsonl"]
    )  # public words stay


def test_a_confidential_sites_coordinates_and_name_never_appear_in_public(published):
    _, outputs, _ = published
    for name, text in outputs.items():
        for coordinate in (SITE["lat"], SITE["lon"]):
            for shown in _decimals(coordinate):
                assert shown not in text, (name, shown)
        assert SITE["name"] not in text, name
        assert SITE["id"] not in text, name


def test_protected_reporters_coordinates_are_coarsened(published):
    _, outputs, _ = published
    rows = {r["incident_id"]: r for r in map(json.loads, outputs["incidents.jsonl"].splitlines())}
    for iid in ("inc-shared", "inc-monitor-only"):
        r = rows[iid]
        assert r["coordinates"] == "coarsened"
        for v in (r["latitude"], r["longitude"]):  # the centre of a COARSE_DEG cell
            cells = (v - COARSE_DEG / 2) / COARSE_DEG
            assert cells == pytest.approx(round(cells))
    assert (rows["inc-shared"]["latitude"], rows["inc-shared"]["longitude"]) == coarsen(
        *MONITOR_FIX
    )
    for name, text in outputs.items():
        for coordinate in MONITOR_FIX:
            for shown in _decimals(coordinate):
                assert shown not in text, (name, shown)
    geo = json.loads(outputs["incidents.geojson"])
    point = next(f for f in geo["features"] if f["id"] == "inc-shared")["geometry"]["coordinates"]
    assert point == [coarsen(*MONITOR_FIX)[1], coarsen(*MONITOR_FIX)[0]]


def test_public_findings_keep_their_reasoning_without_exact_distances(published):
    _, outputs, internal = published
    public = {
        (r["incident_id"], r["clause_id"]): r
        for r in map(json.loads, outputs["findings.jsonl"].splitlines())
    }
    zone = public[("inc-shared", "security-zone")]
    assert zone["status"] == "possible_violation"
    assert "inside the security zone (5 km each side)" in zone["rationale"]
    assert "distance to the contact line withheld" in zone["rationale"]
    assert "Shelling hit the outskirts of Vasylivka" in zone["rationale"]  # public source quoted
    assert "a report from a protected source (not quoted)" in zone["rationale"]
    assert zone["evidence"] is None
    energy = public[("inc-site", "energy-moratorium")]
    assert energy["status"] == "possible_violation"
    assert "\u201c[withheld]\u201d" in energy["rationale"]
    # the record keeps the exact distance and the public source's words for analysts
    record = {(r["incident_id"], r["clause_id"]): r for r in map(json.loads, internal.splitlines())}
    assert (
        "km from the contact line (geodesic)"
        in record[("inc-shared", "security-zone")]["rationale"]
    )
    assert "public_rationale" not in record[("inc-shared", "security-zone")]["evidence"]


def test_the_pdf_without_a_unicode_font_still_renders_cyrillic_text(published):
    store, _, _ = published
    ctx = build_report(store, "2025-03-14")
    ctx["notable"][0]["place"] = "Васильевка (Запорожская область)"
    pdf = render_pdf(ctx, font=None, compress=False)
    assert pdf.startswith(b"%PDF") and b"Vasil'evka" in pdf
    assert render_pdf(ctx).startswith(b"%PDF")  # and with DejaVu where the system has it
