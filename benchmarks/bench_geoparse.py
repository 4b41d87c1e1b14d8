"""Geocoder figures: resolution and end-to-end geoparsing on LGL and GeoVirus, place
accuracy on ACLED notes through `Geocoder.locate`, load time, speed and memory.

    .venv/bin/python benchmarks/bench_geoparse.py [--quick]

Scores come from ../shared/eval/score.py (geoparse and extract modes); only toponym
precision/recall, which score.py does not compute, are counted here.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from truceline.cli.geocode import _contract
from truceline.geocode import Gazetteer, Geocoder, default_gazetteer_path, ensure_gazetteer

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
SCORE = SHARED / "eval" / "score.py"


def load(path: Path, limit: int | None = None) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return docs[:limit] if limit else docs


def score(mode: str, gold: Path, rows: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [sys.executable, str(SCORE), mode, str(gold), f.name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(f.name).unlink()
    return json.loads(out[: out.rindex("}") + 1])


def write_gold(docs: list[dict]) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return Path(f.name)


def resolution(geo: Geocoder, name: str, docs: list[dict]) -> None:
    rows, n, t0 = [], 0, time.perf_counter()
    for d in docs:
        spans = [(t["start"], t["end"]) for t in d["gold"]["toponyms"]]
        places = geo.resolve_spans(d["text"], spans)
        n += len(spans)
        rows.append({"doc_id": d["id"], "places": [_contract(p) for p in places]})
    dt = time.perf_counter() - t0
    gold = write_gold(docs)
    r = score("geoparse", gold, rows)
    print(
        f"{name} resolution (gold spans): acc@161km={r['acc161']} mean_km={r['mean_km']} "
        f"median_km={r['median_km']} unresolved={r['unresolved']} toponyms={r['toponyms']} "
        f"({n / dt:,.0f} toponyms/s incl. context)"
    )


def end_to_end(geo: Geocoder, name: str, docs: list[dict]) -> None:
    rows, tp, n_pred, n_gold = [], 0, 0, 0
    for d in docs:
        places = [p for p in geo.geoparse(d["text"]) if p.latitude is not None]
        gold = d["gold"]["toponyms"]
        n_pred += len(places)
        n_gold += len(gold)
        tp += sum(any(p.start < g["end"] and p.end > g["start"] for p in places) for g in gold)
        rows.append({"doc_id": d["id"], "places": [_contract(p) for p in places]})
    r = score("geoparse", write_gold(docs), rows)
    hit_pred = tp  # overlap matches; precision counts predictions that overlap a gold span
    precision = sum(
        any(p["start"] < g["end"] and p["end"] > g["start"] for g in d["gold"]["toponyms"])
        for d, row in zip(docs, rows, strict=True)
        for p in row["places"]
    ) / max(1, n_pred)
    recall = hit_pred / max(1, n_gold)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    found = r["toponyms"] - r["unresolved"]
    acc_found = (r["acc161"] * r["toponyms"]) / max(1, found)
    print(
        f"{name} end to end: P={precision:.3f} R={recall:.3f} F1={f1:.3f}; "
        f"acc@161km on found={acc_found:.3f} (over all gold {r['acc161']}, mean_km={r['mean_km']})"
    )


def acled(geo: Geocoder, docs: list[dict]) -> None:
    rows = []
    t0 = time.perf_counter()
    for d in docs:
        p = geo.locate(d["text"], 0, len(d["text"]))
        rows.append(
            {"doc_id": d["id"], "confidence": 1.0, "location": p and p.name,
             "admin1": p and p.admin1, "latitude": p and p.latitude, "longitude": p and p.longitude,
             "geo_precision": p and p.geo_precision}
        )  # fmt: skip
    dt = time.perf_counter() - t0
    r = score(
        "extract",
        DATA / "acled-ukraine-2022.jsonl" if len(docs) == 1000 else write_gold(docs),
        rows,
    )
    print(
        f"ACLED notes via locate: admin1={r['admin1']} within_10km={r['within_10km']} "
        f"within_50km={r['within_50km']} (docs={r['docs']}, {len(docs) / dt:,.0f} notes/s)"
    )


def speed(geo: Geocoder, docs: list[dict]) -> None:
    """Resolved toponyms per second, names looked up cold then warm, spans given."""
    items = [(d["text"], [(t["start"], t["end"]) for t in d["gold"]["toponyms"]]) for d in docs]
    n = sum(len(s) for _t, s in items)
    t0 = time.perf_counter()
    for text, spans in items:
        geo.resolve_spans(text, spans)
    cold = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for text, spans in items:
        geo.resolve_spans(text, spans)
    warm = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    k = 0
    names = [text[a:b] for text, spans in items for a, b in spans]
    for name in names:
        geo._candidates(name)
        k += 1
    lookup = k / (time.perf_counter() - t0)
    print(
        f"speed: {cold:,.0f} toponyms/s cold, {warm:,.0f} warm (with context); name lookups {lookup:,.0f}/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="first 100 documents of each set")
    args = ap.parse_args()
    limit = 100 if args.quick else None
    path = default_gazetteer_path()
    if not Gazetteer.is_current(path):
        t0 = time.perf_counter()
        ensure_gazetteer(path)
        print(f"gazetteer built in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    gaz = Gazetteer(path)
    print(
        f"gazetteer: load {time.perf_counter() - t0:.3f} s, {path.stat().st_size / 1e6:.1f} MB, {gaz.stats()}"
    )
    geo = Geocoder(gaz)
    lgl = load(DATA / "geoparse-lgl.jsonl", limit)
    gv = load(DATA / "geoparse-geovirus.jsonl", limit)
    resolution(geo, "LGL", lgl)
    resolution(geo, "GeoVirus", gv)
    end_to_end(geo, "LGL", lgl)
    end_to_end(geo, "GeoVirus", gv)
    acled(geo, load(DATA / "acled-ukraine-2022.jsonl", None if not limit else 300))
    speed(Geocoder(Gazetteer(path)), lgl)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
