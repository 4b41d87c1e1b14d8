"""The daily report: counts, comparison, findings by clause, what is unverified; safe to publish."""

from __future__ import annotations

import re

from click.testing import CliRunner
from test_evaluate_fixtures import add_incident, demo_incidents, new_store

from truceline.cli import main
from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
from truceline.publish import build_report, write_report


def _store(tmp_path, *, evaluate: bool = True):
    store = new_store(tmp_path)
    demo_incidents(store)
    add_incident(
        store,
        "inc-prev",
        [
            {
                "id": "y-1",
                "source": "Regional administration",
                "text": "Shelling damaged two houses in Nikopol on Thursday.",
            }
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date="2025-03-13",
        location="Nikopol",
        admin1="Dnipropetrovsk",
        country_code="UA",
        latitude=47.5667,
        longitude=34.4,
        geo_precision=1,
    )
    if evaluate:
        evaluate_store(store, load_agreement(example_agreement_path()))
    return store


def test_counts_keep_strikes_apart_from_interceptions_and_compare_with_the_day_before(tmp_path):
    ctx = build_report(_store(tmp_path))
    assert ctx["day"] == "2025-03-14"  # the latest incident date
    comp = {c["label"]: c for c in ctx["comparison"]}
    assert comp["Strikes and explosions"] == {
        "label": "Strikes and explosions",
        "today": 2,
        "previous": 1,
        "change": 1,
    }
    assert comp["Interceptions"]["today"] == 1
    assert comp["All incidents"]["change"] == 2
    moscow = next(a for a in ctx["by_area"] if a["region"] == "Moscow")
    assert moscow["counts"][:2] == [1, 1]  # one strike, one interception
    assert moscow["zone"].startswith("over 70 km")


def test_findings_by_clause_and_unverified_incidents_are_listed(tmp_path):
    ctx = build_report(_store(tmp_path))
    clauses = {c["id"]: c for c in ctx["clauses"]}
    energy = clauses["energy-moratorium"]
    assert [v["incident"] for v in energy["violations"]] == [
        "Tuapse (Krasnodar Krai, RU): Air/drone strike"
    ]
    assert energy["contested"]  # the parties' readings give another answer than the text
    general = clauses["general-ceasefire"]
    assert {"label": "possible violation", "n": 2} in general["counts"]
    assert [u["type"] for u in ctx["unverified"]] == ["Disrupted weapons use"]
    assert "single source" in ctx["unverified"][0]["reason"]
    notable = [n["place"] for n in ctx["notable"]]
    assert notable[0].startswith(("Moscow", "Tuapse")) and len(notable) == 3


def test_the_previous_day_can_be_reported_on_its_own(tmp_path):
    ctx = build_report(_store(tmp_path), "2025-03-13")
    assert [i["place"] for i in ctx["incidents"]] == ["Nikopol (Dnipropetrovsk, UA)"]
    zone = ctx["incidents"][0]["zone"]  # Nikopol faces the line across the reservoir
    assert zone.endswith("km)") and "withdrawal" in zone


def test_markdown_html_and_pdf_are_written(tmp_path):
    paths = write_report(_store(tmp_path), tmp_path / "out")
    assert [p.name for p in paths] == [
        "report-2025-03-14.md",
        "report-2025-03-14.html",
        "report-2025-03-14.pdf",
    ]
    md = paths[0].read_text(encoding="utf-8")
    assert "# Daily report, 14 March 2025" in md
    assert "| Strikes and explosions | 2 | 1 | +1 |" in md
    assert "energy-moratorium" in md and "possible violation" in md
    html = paths[1].read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "Tuapse" in html
    assert paths[2].read_bytes().startswith(b"%PDF")


def test_untrusted_report_text_cannot_inject_markup(tmp_path):
    store = new_store(tmp_path)
    add_incident(
        store,
        "inc-evil",
        [
            {
                "id": "e-1",
                "source": "<script>alert(1)</script>",
                "text": "Strike on <img src=x onerror=alert(1)> [link](javascript:alert(1)) | pipe",
            }
        ],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        location="<b>Kherson</b>",
        admin1="Kherson",
        country_code="UA",
        latitude=46.6354,
        longitude=32.6169,
    )
    evaluate_store(store, load_agreement(example_agreement_path()))
    md, html, pdf = write_report(store, tmp_path / "out")
    h = html.read_text(encoding="utf-8")
    assert "<script>" not in h and "<img" not in h and "<b>Kherson" not in h
    assert "&lt;script&gt;" in h or "&lt;img" in h
    m = md.read_text(encoding="utf-8")
    for line in m.splitlines():  # outside tables, no unescaped markup at all; inside, no HTML
        bad = r"(?<!\\)<" if line.startswith("|") else r"(?<!\\)[<\[\]|]"
        assert not re.search(bad, line), line
    assert "\\<img" in m and "\\](javascript" in m
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_public_report_never_names_a_protected_source(tmp_path):
    paths = write_report(_store(tmp_path), tmp_path / "out", formats=("md", "html"))
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert "Monitor team 3" not in text
        assert "black smoke" not in text


def test_report_command_prints_where_the_files_are(tmp_path):
    _store(tmp_path).close()
    r = CliRunner().invoke(
        main,
        [
            "--db",
            str(tmp_path / "t.db"),
            "report",
            "--date",
            "2025-03-14",
            "--out",
            str(tmp_path / "r"),
            "--format",
            "md,html",
        ],
    )
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"report: {tmp_path / 'r' / 'report-2025-03-14.md'}",
        f"report: {tmp_path / 'r' / 'report-2025-03-14.html'}",
    ]
    r = CliRunner().invoke(
        main,
        [
            "--db",
            str(tmp_path / "t.db"),
            "report",
            "--date",
            "14/03/2025",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert r.exit_code == 1 and "YYYY-MM-DD" in r.output


def test_a_report_without_an_agreement_still_counts_incidents(tmp_path):
    ctx = build_report(_store(tmp_path, evaluate=False))
    assert ctx["agreement"] is None and ctx["clauses"] == []
    assert "No agreement has been evaluated" in ctx["summary"]
