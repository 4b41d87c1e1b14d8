"""Geocoder figures: resolution and end-to-end geoparsing on LGL and GeoVirus, place
accuracy on ACLED notes through `Geocoder.locate`, load time, speed and memory.

    .venv/bin/python benchmarks/bench_geoparse.py [--quick]

Every accuracy figure is printed for the whole set, then for its even-indexed documents
(the ones rules were developed on) and its odd-indexed ones (held apart), so that a rule
fitted to the development half shows as a gap.  Scores come from
../shared/eval/score.py (geoparse and extract modes); only toponym precision/recall,
which score.py does not compute, are counted here.  Speed is CPU time
(`time.process_time`), so other jobs on the machine do not distort it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def _tmp(rows: list[dict]) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return Path(f.name)


def score(mode: str, gold: list[dict], rows: list[dict]) -> dict:
    g, p = _tmp(gold), _tmp(rows)
    out = subprocess.run(
        [sys.executable, str(SCORE), mode, str(g), str(p)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    g.unlink()
    p.unlink()
    return json.loads(out[: out.rindex("}") + 1])


def halves(docs: list[dict]) -> list[tuple[str, list[dict]]]:
    return [("all", docs), ("even", docs[0::2]), ("odd", docs[1::2])]


def by_half(
    name: str, mode: str, docs: list[dict], rows: list[dict], line: Callable[[dict], str]
) -> None:
    ids = {d["id"]: i for i, d in enumerate(docs)}
    for half, sub in halves(docs):
        keep = {d["id"] for d in sub}
        r = score(mode, sub, [x for x in rows if x["doc_id"] in keep and x["doc_id"] in ids])
        print(f"  {name} [{half:4}] {line(r)}")


def resolution(geo: Geocoder, name: str, docs: list[dict]) -> None:
    rows = []
    for d in docs:
        spans = [(t["start"], t["end"]) for t in d["gold"]["toponyms"]]
        places = geo.resolve_spans(d["text"], spans)
        rows.append({"doc_id": d["id"], "places": [_contract(p) for p in places]})
    by_half(
        f"{name} resolution (gold spans):",
        "geoparse",
        docs,
        rows,
        lambda r: (
            f"acc@161km={r['acc161']} mean_km={r['mean_km']} median_km={r['median_km']} "
            f"unresolved={r['unresolved']}/{r['toponyms']}"
        ),
    )


def end_to_end(geo: Geocoder, name: str, docs: list[dict]) -> None:
    rows: dict[str, list[dict]] = {}
    for d in docs:
        places = [p for p in geo.geoparse(d["text"]) if p.latitude is not None]
        rows[d["id"]] = [_contract(p) for p in places]
    for half, sub in halves(docs):
        tp_gold = tp_pred = n_pred = n_gold = 0
        for d in sub:
            gold, pred = d["gold"]["toponyms"], rows[d["id"]]
            n_gold += len(gold)
            n_pred += len(pred)
            tp_gold += sum(
                any(p["start"] < g["end"] and p["end"] > g["start"] for p in pred) for g in gold
            )
            tp_pred += sum(
                any(p["start"] < g["end"] and p["end"] > g["start"] for g in gold) for p in pred
            )
        precision, recall = tp_pred / max(1, n_pred), tp_gold / max(1, n_gold)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        r = score("geoparse", sub, [{"doc_id": d["id"], "places": rows[d["id"]]} for d in sub])
        found = r["toponyms"] - r["unresolved"]
        acc_found = r["acc161"] * r["toponyms"] / max(1, found)
        print(
            f"  {name} end to end [{half:4}]: P={precision:.3f} R={recall:.3f} F1={f1:.3f}; "
            f"acc@161km on places found={acc_found:.3f} (over all gold {r['acc161']})"
        )


def acled(geo: Geocoder, docs: list[dict]) -> None:
    rows = []
    t0 = time.process_time()
    for d in docs:
        p = geo.locate(d["text"], 0, len(d["text"]))
        rows.append(
            {"doc_id": d["id"], "confidence": 1.0, "location": p and p.name,
             "admin1": p and p.admin1, "latitude": p and p.latitude, "longitude": p and p.longitude,
             "geo_precision": p and p.geo_precision}
        )  # fmt: skip
    dt = time.process_time() - t0
    print(f"  ACLED notes via locate ({len(docs) / dt:,.0f} notes/s CPU):")
    by_half(
        "ACLED",
        "extract",
        docs,
        rows,
        lambda r: (
            f"admin1={r['admin1']} within_10km={r['within_10km']} "
            f"within_50km={r['within_50km']} (docs={r['docs']})"
        ),
    )


def speed(path: Path, docs: list[dict], repeats: int = 3) -> None:
    """Resolved toponyms per CPU second over every gold span, resolution only: first
    with a fresh gazetteer and geocoder (every name looked up for the first time), then
    again with their caches warm.  The median of a few runs: other jobs sharing the
    machine still shift CPU time through its caches."""
    items = [(d["text"], [(t["start"], t["end"]) for t in d["gold"]["toponyms"]]) for d in docs]
    n = sum(len(s) for _t, s in items)
    cold, warm = [], []
    for _run in range(repeats):
        geo = Geocoder(Gazetteer(path))
        for rates in (cold, warm):
            t0 = time.process_time()
            for text, spans in items:
                geo.resolve_spans(text, spans)
            rates.append(n / (time.process_time() - t0))
    cold.sort()
    warm.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"speed (one core, CPU time, {n} gold toponyms of LGL+GeoVirus, resolution only, "
        f"median of {repeats}): {cold[repeats // 2]:,.0f} resolved toponyms/s cold "
        f"(range {cold[0]:,.0f}-{cold[-1]:,.0f}), {warm[repeats // 2]:,.0f}/s warm "
        f"(range {warm[0]:,.0f}-{warm[-1]:,.0f}); max RSS so far {peak:.0f} MB"
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
        f"gazetteer: load {time.perf_counter() - t0:.3f} s (wall), "
        f"{path.stat().st_size / 1e6:.1f} MB on disk, {gaz.stats()}"
    )
    lgl = load(DATA / "geoparse-lgl.jsonl", limit)
    gv = load(DATA / "geoparse-geovirus.jsonl", limit)
    speed(path, lgl + gv)
    geo = Geocoder(gaz)
    resolution(geo, "LGL", lgl)
    resolution(geo, "GeoVirus", gv)
    end_to_end(geo, "LGL", lgl)
    end_to_end(geo, "GeoVirus", gv)
    acled(geo, load(DATA / "acled-ukraine-2022.jsonl", None if not limit else 300))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
