"""The daily report, in the manner of a monitoring mission's daily report.

One day's incidents, counted per region and zone by type (strikes and
explosions kept apart from interceptions), the notable ones described, the
findings by clause, a comparison with the day before, and what could not be
verified.  The same context renders to Markdown, HTML and PDF.

All text that came from reports is untrusted: the HTML template autoescapes,
the Markdown template escapes every value it prints, and the PDF draws text.
The report is public by default, so rows pass through the redaction rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy import func, select

from truceline.errors import TrucelineError
from truceline.evaluate.agreement import Agreement, agreement_from_body
from truceline.evaluate.findings import LABEL, OUTCOMES
from truceline.models import event_type_of
from truceline.publish.export import finding_records, incident_records
from truceline.publish.regions import RegionNames
from truceline.store import Store
from truceline.store.findings import latest_agreement
from truceline.store.schema import incidents as incidents_table

if TYPE_CHECKING:
    from truceline.geocode import Gazetteer

__all__ = ["CATEGORIES", "build_report", "category_of", "rationale_parts", "write_report"]

CATEGORIES = (
    ("strikes", "Strikes and explosions"),
    ("interceptions", "Interceptions"),
    ("clashes", "Armed clashes"),
    ("civilians", "Violence against civilians"),
    ("other", "Other"),
)
FORMATS = ("md", "html", "pdf")
_NOTABLE_MAX = 12
_QUANTITY_WORDS = {
    "drones_launched": "{:,} drones launched",
    "drones_intercepted": "{:,} drones intercepted",
    "missiles_launched": "{:,} missiles launched",
    "missiles_intercepted": "{:,} missiles intercepted",
    "shells_fired": "{:,} rounds fired",
    "injured": "{:,} injured",
    "area_m2": "about {:,} m² burned or damaged",
    "personnel": "{:,} personnel deployed",
}


def category_of(row: dict[str, Any]) -> str:
    sub = row.get("sub_event_type")
    event = row.get("event_type") or event_type_of(sub)
    if sub == "Disrupted weapons use":
        return "interceptions"
    return {
        "Explosions/Remote violence": "strikes",
        "Battles": "clashes",
        "Violence against civilians": "civilians",
    }.get(event or "", "other")


def _day_label(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _place(r: dict[str, Any]) -> str:
    where = r.get("location") or "an unknown place"
    region = ", ".join(x for x in (r.get("admin1"), r.get("country_code")) if x and x != where)
    return f"{where} ({region})" if region else where


def _when(stamp: str) -> str:
    """An ISO timestamp as a reader writes it: 15 March 2025, 06:00 UTC."""
    try:
        t = datetime.fromisoformat(stamp).astimezone(UTC)
    except (TypeError, ValueError):
        return str(stamp)
    return f"{t.day} {t:%B %Y, %H:%M} UTC"


_LABELS = ("Under the agreement's text", "Geometry", "Evidence", "Verification", "Responsibility")
_SHOWN = {"Under the agreement's text": "Under the text"}


def rationale_parts(text: str) -> list[dict[str, str]]:
    """A finding's rationale as labelled lines ("Geometry", "Evidence", a party's reading...).

    The first line (the clause and outcome) is dropped: the report prints it as a heading.
    """
    lines = [x.strip() for x in (text or "").splitlines() if x.strip()]
    if len(lines) > 1 and lines[0].startswith("Clause "):
        lines = lines[1:]
    out = []
    for line in lines:
        label, sep, rest = line.partition(": ")
        if sep and label.startswith("Under ") and "reading (" in label:
            # "Under Russia's reading (2025-03-18 to 2025-04-16)": the dates go with the text
            who, _, dates = label.removeprefix("Under ").partition(" (")
            out.append({"label": who, "text": f"{dates.rstrip(')')}: {rest}"})
        elif sep and label in _LABELS:
            out.append({"label": _SHOWN.get(label, label), "text": rest})
        else:
            out.append({"label": "", "text": line})
    return out


def _details(r: dict[str, Any]) -> str:
    bits = [
        fmt.format(r["quantities"][k])
        for k, fmt in _QUANTITY_WORDS.items()
        if (r.get("quantities") or {}).get(k) is not None
    ]
    if r.get("fatalities"):
        bits.insert(0, f"{r['fatalities']:,} killed")
    elif r.get("fatalities") == 0:
        bits.append("no fatalities reported")
    return "; ".join(bits)


def _sources_text(r: dict[str, Any]) -> str:
    n = r.get("independent_sources") or 1
    return f"{n} independent source{'s' if n != 1 else ''}"


def _zone_label(
    agreement: Agreement | None, r: dict[str, Any], exact: dict[str, dict[str, Any]] | None = None
) -> str:
    if agreement is None or agreement.zones.line is None:
        return "no agreement geometry"
    if r.get("coordinates") == "withheld":
        return "location withheld"
    r = (exact or {}).get(r["incident_id"], r)
    if r.get("latitude") is None or r.get("longitude") is None:
        return "location unknown"
    name = agreement.zones.innermost(r["longitude"], r["latitude"])
    if name is None:
        widest = max(agreement.zones.bands.values(), default=0)
        return f"over {widest:g} km from the line" if widest else "away from the line"
    z = agreement.spec.geometry.zones[name]
    return f"{z.label or name} (≤{z.half_km:g} km)"


def _unverified_reason(r: dict[str, Any]) -> str:
    status = r.get("status") or "reported"
    disagree = sorted((r.get("disagreements") or {}).keys())
    if status == "disputed":
        return "disputed" + (f": the sources disagree on {', '.join(disagree)}" if disagree else "")
    if (r.get("independent_sources") or 1) <= 1:
        return "a single source; not corroborated"
    return "not yet corroborated" + (
        f"; the sources disagree on {', '.join(disagree)}" if disagree else ""
    )


def _agreement(store: Store) -> Agreement | None:
    with store.read() as conn:
        row = latest_agreement(conn)
    if row is None:
        return None
    try:
        return agreement_from_body(row["body"], source=f"stored agreement {row['id'][:12]}")
    except TrucelineError:
        return None  # an unreadable stored agreement leaves the report without zones, not broken


def _latest_day(store: Store) -> str | None:
    with store.read() as conn:
        return conn.execute(select(func.max(incidents_table.c.event_date))).scalar()


def _clause_entry(
    f: dict[str, Any], places: dict[str, str], reasons: bool = True
) -> dict[str, Any]:
    return {
        "incident": places.get(f["incident_id"], f["incident_id"]),
        "verification": f["verification_status"] or "reported",
        "parts": rationale_parts(f["rationale"]) if reasons else [],
    }


def _missing(f: dict[str, Any]) -> str:
    """Why a finding cannot be determined: its "Under the agreement's text" line."""
    for part in rationale_parts(f["rationale"]):
        if part["label"] == "Under the text":
            return part["text"].rstrip(".")
    return "see the findings export"


def build_report(
    store: Store,
    day: str | None = None,
    *,
    public: bool = True,
    regions: RegionNames | None = None,
) -> dict[str, Any]:
    """The report's content as plain data; every renderer draws from this.

    Incidents and findings come through `incident_records` and `finding_records`,
    the same redaction path as the public exports.
    """
    day = day or _latest_day(store)
    if day is None:
        raise TrucelineError(
            "there are no incidents to report", hint="ingest and process reports first"
        )
    try:
        d = date.fromisoformat(day)
    except ValueError:
        raise TrucelineError(f"{day!r} is not a date", hint="use YYYY-MM-DD") from None
    regions = regions or RegionNames()
    prev = (d - timedelta(days=1)).isoformat()
    today = incident_records(store, day=day, public=public)
    before = incident_records(store, day=prev, public=public)
    for r in today + before:
        r["admin1"] = regions.name(r.get("admin1"), r.get("country_code"))
    # Zones are banded from the exact location: a band (5, 25, 70 km) says no more than
    # the findings do, while a coarsened point could fall in the wrong band.
    exact = {r["incident_id"]: r for r in incident_records(store, day=day)} if public else {}
    agreement = _agreement(store)
    found = (
        finding_records(
            store,
            agreement_id=agreement.id,
            incident_ids=[r["incident_id"] for r in today],
            public=public,
        )
        if agreement
        else []
    )
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        by_incident[f["incident_id"]].append(f)

    # counts per region and zone, by category
    area: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in today:
        area[(r.get("admin1") or "region unknown", _zone_label(agreement, r, exact))][
            category_of(r)
        ] += 1
    by_area = [
        {
            "region": reg,
            "zone": zone,
            "counts": [c[k] for k, _ in CATEGORIES],
            "total": sum(c.values()),
        }
        for (reg, zone), c in sorted(area.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    now_c = Counter(category_of(r) for r in today)
    prev_c = Counter(category_of(r) for r in before)
    comparison = [
        {"label": label, "today": now_c[k], "previous": prev_c[k], "change": now_c[k] - prev_c[k]}
        for k, label in CATEGORIES
    ]
    comparison.append(
        {
            "label": "All incidents",
            "today": len(today),
            "previous": len(before),
            "change": len(today) - len(before),
        }
    )
    comparison_note = (
        f"No incidents are recorded for {_day_label(d - timedelta(days=1))}: either none were "
        "reported, or that day's reports have not been processed; read the changes with care."
        if not before
        else ""
    )

    def violated(r: dict[str, Any]) -> list[str]:
        return [
            f["clause_id"]
            for f in by_incident[r["incident_id"]]
            if f["status"] == "possible_violation"
        ]

    incidents = [
        {
            "id": r["incident_id"],
            "place": _place(r),
            "type": r.get("sub_event_type") or r.get("event_type") or "type unknown",
            "category": dict(CATEGORIES)[category_of(r)],
            "details": _details(r),
            "status": r.get("status") or "reported",
            "sources": _sources_text(r),
            "zone": _zone_label(agreement, r, exact),
            "violations": violated(r),
            "notes": _excerpt(r.get("notes")),
        }
        for r in today
    ]
    rank = {r["incident_id"]: r for r in today}
    notable = sorted(
        (
            i
            for i in incidents
            if i["violations"]
            or rank[i["id"]].get("fatalities")
            or i["status"] == "verified"
            or i["details"]
        ),
        key=lambda i: (
            not i["violations"],
            -(rank[i["id"]].get("fatalities") or 0),
            -(rank[i["id"]].get("independent_sources") or 1),
            i["place"],
        ),
    )[:_NOTABLE_MAX]

    clauses = []
    if agreement is not None:
        places = {i["id"]: f"{i['place']}: {i['type']}" for i in incidents}
        for c in agreement.clauses:
            mine = [f for f in found if f["clause_id"] == c.id]
            counts = Counter(f["status"] for f in mine)
            clauses.append(
                {
                    "id": c.id,
                    "title": c.title,
                    "counts": [{"label": LABEL[o], "n": counts[o]} for o in OUTCOMES],
                    "violations": [
                        _clause_entry(f, places)
                        for f in mine
                        if f["status"] == "possible_violation"
                    ],
                    "undetermined": [
                        {**_clause_entry(f, places, reasons=False), "missing": _missing(f)}
                        for f in mine
                        if f["status"] == "undetermined"
                    ],
                    "contested": [
                        {
                            "incident": places.get(f["incident_id"], f["incident_id"]),
                            "text_status": LABEL[f["status"]],
                            "readings": [
                                {**r, "status_label": LABEL.get(r["status"], r["status"])}
                                for r in f["readings"]
                            ],
                        }
                        for f in mine
                        if f["readings"]
                        and len({r["status"] for r in f["readings"]} | {f["status"]}) > 1
                    ],
                }
            )
    unverified = [
        {"place": i["place"], "type": i["type"], "reason": _unverified_reason(rank[i["id"]])}
        for i in incidents
        if i["status"] in ("reported", "disputed")
    ]
    undetermined = sum(f["status"] == "undetermined" for f in found)
    summary = _summary(d, today, before, now_c, found, agreement, len(unverified))
    return {
        "day": day,
        "day_label": _day_label(d),
        "previous": prev,
        "previous_label": _day_label(d - timedelta(days=1)),
        "generated_at": _when(store.now()),
        "public": public,
        "summary": summary,
        "agreement": {
            "name": agreement.spec.name,
            "version": agreement.spec.version,
            "id": agreement.id,
        }
        if agreement
        else None,
        "categories": [label for _, label in CATEGORIES],
        "by_area": by_area,
        "comparison": comparison,
        "comparison_note": comparison_note,
        "notable": notable,
        "incidents": incidents,
        "clauses": clauses,
        "unverified": unverified,
        "undetermined": undetermined,
    }


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _excerpt(text: str | None, limit: int = 240) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "\u2026"


def _summary(
    d: date,
    today: list[dict[str, Any]],
    before: list[dict[str, Any]],
    now_c: Counter[str],
    found: list[dict[str, Any]],
    agreement: Agreement | None,
    n_unverified: int,
) -> str:
    text = (
        f"{_plural(len(today), 'incident')} recorded on {_day_label(d)} "
        f"({len(before)} the day before), including "
        f"{_plural(now_c['strikes'], 'strike or explosion', 'strikes or explosions')} "
        f"and {_plural(now_c['interceptions'], 'interception')}. "
    )
    if agreement is None:
        return text + "No agreement has been evaluated, so there are no findings."
    pv = Counter(f["clause_id"] for f in found if f["status"] == "possible_violation")
    hit = sum(pv.values())
    text += (
        f"{_plural(hit, 'possible violation')} of {agreement.spec.name} (v{agreement.spec.version})"
    )
    if hit:
        text += " (" + ", ".join(f"{k}: {n}" for k, n in pv.items()) + ")"
    text += f"; {_plural(n_unverified, 'incident')} could not yet be verified."
    return text


# ---- rendering --------------------------------------------------------------------------------


def _md_escape(value: Any) -> Any:
    """Every value the Markdown template prints: no markup, no raw HTML, one line."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    out = re.sub(r"\s+", " ", value)
    for ch in "\\`*_{}[]<>#|&~":
        out = out.replace(ch, "\\" + ch)
    return out


def _env(kind: str) -> Environment:
    if kind == "html":
        return Environment(
            loader=PackageLoader("truceline.publish", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return Environment(
        loader=PackageLoader("truceline.publish", "templates"),
        autoescape=False,
        finalize=_md_escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_markdown(ctx: dict[str, Any]) -> str:
    return _env("md").get_template("report.md.j2").render(**ctx)


def render_html(ctx: dict[str, Any]) -> str:
    return _env("html").get_template("report.html.j2").render(**ctx)


def _cached_gazetteer() -> Gazetteer | None:
    from truceline.geocode import Gazetteer, default_gazetteer_path

    path = default_gazetteer_path()
    try:
        return Gazetteer(path) if Gazetteer.is_current(path) else None
    except TrucelineError:
        return None


def write_report(
    store: Store,
    out_dir: str | Path,
    day: str | None = None,
    formats: Sequence[str] = FORMATS,
    *,
    public: bool = True,
    gazetteer: Gazetteer | None = None,
) -> list[Path]:
    """Write the day's report (default: the latest incident date); returns the paths written.

    Region names are grouped through ``gazetteer`` (default: the built one in
    the cache, if there is one; else by spelling alone).
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise TrucelineError(f"unknown report format {bad[0]!r}", hint=f"use {', '.join(FORMATS)}")
    regions = RegionNames(gazetteer if gazetteer is not None else _cached_gazetteer())
    ctx = build_report(store, day, public=public, regions=regions)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        p = out / f"report-{ctx['day']}.{fmt}"
        if fmt == "md":
            p.write_text(render_markdown(ctx), encoding="utf-8")
        elif fmt == "html":
            p.write_text(render_html(ctx), encoding="utf-8")
        else:
            from truceline.publish.pdf import render_pdf

            p.write_bytes(render_pdf(ctx))
        paths.append(p)
    return paths
