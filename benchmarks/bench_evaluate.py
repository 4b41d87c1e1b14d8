"""Evaluation throughput, and how far the zone distances stray from pyproj's geodesics.

Builds a SQLite store of synthetic incidents (default 10,000: strikes, shelling,
clashes and interceptions scattered over the front and the rear, each with one
claim from one document), loads the example agreement with the detailed
contact line from ../shared/data/frontline/, and prints:

- evaluate throughput in incident x clause tests per second, for the pure
  evaluation (incidents already in memory) and for `evaluate_store` end to end
  (read, evaluate, write the findings);
- the largest disagreement, in km, between `Zones.distance_km` and a reference
  distance from pyproj's geodesic inverse to the line densified to 20 m, over
  sampled points.

    .venv/bin/python benchmarks/bench_evaluate.py [--incidents 10000] [--points 400]

Target (issue 6): distances agree with pyproj geodesics to 0.1 km.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from pyproj import Geod
from sqlalchemy import insert

from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
from truceline.evaluate.findings import evaluate_incident
from truceline.store import Store
from truceline.store.findings import load_incidents, load_members
from truceline.store.schema import claims, documents, incident_claims, incidents, sources

LINE = Path(__file__).resolve().parents[2] / "shared" / "data" / "frontline"
LINE = LINE / "contact_line_2025-03-14.geojson"
AT = "2025-04-20T00:00:00+00:00"
KINDS = (
    ("Explosions/Remote violence", "Air/drone strike", "drone", "oil refinery"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "152 mm howitzer", None),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Grad MLRS", "houses"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", None, "substation"),
    ("Battles", "Armed clash", None, None),
    ("Strategic developments", "Disrupted weapons use", None, None),
)


def build_store(path: Path, n: int, rng: random.Random) -> Store:
    store = Store.open(str(path), clock=lambda: datetime(2025, 4, 20, tzinfo=UTC))
    inc_rows, doc_rows, claim_rows, links = [], [], [], []
    for i in range(n):
        event, sub, weapon, target = rng.choice(KINDS)
        # most near the front (lon 32-39, lat 46.5-50.5), a fifth deep in the rear
        if rng.random() < 0.8:
            lat, lon = rng.uniform(46.5, 50.5), rng.uniform(32.0, 39.0)
        else:
            lat, lon = rng.uniform(44.0, 56.0), rng.uniform(30.0, 45.0)
        day = (date(2025, 3, 1) + timedelta(days=rng.randrange(50))).isoformat()
        iid = f"inc-{i:06d}"
        doc = hashlib.sha256(iid.encode()).hexdigest()
        inc_rows.append(
            {
                "id": iid,
                "event_type": event,
                "sub_event_type": sub,
                "event_date": day,
                "time_precision": rng.choice((1, 1, 1, 2)),
                "location": f"Place {i}",
                "admin1": "Region",
                "country_code": "UA",
                "latitude": lat,
                "longitude": lon,
                "geo_precision": rng.choice((1, 1, 2)),
                "actor1": rng.choice(
                    (
                        "Military Forces of Russia (2000-)",
                        "Military Forces of Ukraine (2019-)",
                        None,
                    )
                ),
                "weapon": weapon,
                "status": rng.choice(("reported", "corroborated", "verified")),
                "independent_sources": 1,
                "quantities": {},
                "disagreements": {},
                "created_at": AT,
                "updated_at": AT,
            }
        )
        text = f"Report {i}: {sub.lower()} near Place {i}" + (
            f", hitting {target}." if target else "."
        )
        doc_rows.append(
            {"id": doc, "source_id": 1, "external_id": f"r-{i}", "published": day, "text": text,
             "processed": True, "ingested_at": AT}
        )  # fmt: skip
        claim_rows.append(
            {"id": doc[:32], "document_id": doc, "event_type": event, "sub_event_type": sub,
             "event_date": day, "latitude": lat, "longitude": lon, "evidence": text,
             "target": target, "weapon": weapon, "quantities": {}, "created_at": AT}
        )  # fmt: skip
        links.append({"claim_id": doc[:32], "incident_id": iid})
    with store.write() as conn:
        conn.execute(
            insert(sources).values(
                id=1,
                name="Synthetic Wire",
                kind="news",
                reliability="C",
                protected=False,
                created_at=AT,
            )
        )
        for table, rows in ((incidents, inc_rows), (documents, doc_rows), (claims, claim_rows),
                            (incident_claims, links)):  # fmt: skip
            for k in range(0, len(rows), 2000):
                conn.execute(insert(table), rows[k : k + 2000])
    return store


def reference_km(geod: Geod, dense: list[np.ndarray], lon: float, lat: float) -> float:
    """Distance to the nearest vertex of the line densified to 20 m (error <= 10 m)."""
    best = float("inf")
    for part in dense:
        _, _, d = geod.inv(np.full(len(part), lon), np.full(len(part), lat), part[:, 0], part[:, 1])
        best = min(best, float(np.min(d)))
    return best / 1000.0


def densify(geod: Geod, line_geojson: dict, step_m: float = 20.0) -> list[np.ndarray]:
    parts = []
    for coords in line_geojson["coordinates"]:
        pts = [coords[0]]
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            d = geod.inv(x1, y1, x2, y2)[2]
            n = int(d // step_m)
            pts += geod.npts(x1, y1, x2, y2, n) if n > 0 else []
            pts.append((x2, y2))
        parts.append(np.asarray(pts, dtype=float))
    return parts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--points", type=int, default=400)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    if not LINE.exists():
        print(
            f"{LINE}: not found (the detailed contact line lives in ../shared/data)",
            file=sys.stderr,
        )
        return 1
    rng = random.Random(args.seed)
    agreement = load_agreement(example_agreement_path(), contact_line=LINE)
    n_clauses = len(agreement.clauses)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = build_store(Path(tmp) / "bench.db", args.incidents, rng)
        print(f"store: {args.incidents:,} incidents built in {time.perf_counter() - t0:.1f} s")

        with store.read() as conn:
            rows = load_incidents(conn)
            members = load_members(conn, [r["id"] for r in rows])
        agreement.zones.distance_km.cache_clear()
        t0 = time.perf_counter()
        found = [f for r in rows for f in evaluate_incident(agreement, r, members[r["id"]])]
        pure = time.perf_counter() - t0
        tests = len(rows) * n_clauses
        counts = {
            s: sum(f.status == s for f in found)
            for s in ("possible_violation", "undetermined", "not_applicable")
        }
        print(
            f"evaluate (in memory): {len(rows):,} incidents x {n_clauses} clauses = {tests:,} tests "
            f"in {pure:.2f} s -> {tests / pure:,.0f} incident-clauses/s"
        )
        print(f"  outcomes: {json.dumps(counts)}")

        agreement.zones.distance_km.cache_clear()
        t0 = time.perf_counter()
        n = evaluate_store(store, agreement)
        whole = time.perf_counter() - t0
        print(
            f"evaluate_store (read, evaluate, write): {n:,} findings in {whole:.2f} s "
            f"-> {n / whole:,.0f} incident-clauses/s"
        )
        store.close()

    geod = Geod(ellps="WGS84")
    dense = densify(geod, agreement.zones.line_geojson())
    worst, worst_at, near = 0.0, None, 0
    t0 = time.perf_counter()
    for _ in range(args.points):
        # half within 80 km of the line (where the zones decide), half anywhere in the region
        if rng.random() < 0.5:
            part = rng.choice(dense)
            lon, lat = part[rng.randrange(len(part))]
            az, dist = rng.uniform(0, 360), rng.uniform(0, 80_000)
            lon, lat, _ = geod.fwd(lon, lat, az, dist)
            near += 1
        else:
            lat, lon = rng.uniform(44.0, 56.0), rng.uniform(30.0, 45.0)
        ours = agreement.zones.distance_km(float(lon), float(lat))
        ref = reference_km(geod, dense, float(lon), float(lat))
        if abs(ours - ref) > worst:
            worst, worst_at = (
                abs(ours - ref),
                (round(float(lat), 4), round(float(lon), 4), round(ref, 3)),
            )
    print(
        f"geodesic check: {args.points} points ({near} within 80 km of the line), "
        f"max |Zones.distance_km - pyproj| = {worst:.4f} km at (lat, lon, ref km) {worst_at} "
        f"[{time.perf_counter() - t0:.1f} s]; target <= 0.1 km: {'met' if worst <= 0.1 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
