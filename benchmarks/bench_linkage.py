"""Linkage: reports from two incident maps into incidents, scored pairwise.

    python benchmarks/bench_linkage.py [REPORTS.jsonl] [--direct]

By default runs the real pipeline (`truceline --db X ingest`, then
`truceline --db X export incidents --format jsonl`) and scores the export with
../shared/eval/score.py.  `--direct` skips ingest and extraction: it builds
claims straight from the JSON lines and calls `cluster_claims`, isolating the
resolver.  Prints the scorer's figures and the time taken, on the whole file,
then on halves of it, each resolved on its own as another month would be:
alternate gold incidents (in order of appearance), and the incidents that
begin before or after the middle of the period.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from truceline.models import Claim, Place
from truceline.resolve import cluster_claims

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT = SHARED / "data" / "linkage-dev.jsonl"
SCORER = SHARED / "eval" / "score.py"


def direct(path: Path, out: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    claims = [
        Claim(
            doc_id=r["id"],
            event_date=r.get("event_date"),
            place=Place(
                name=r.get("location") or "",
                latitude=r.get("latitude"),
                longitude=r.get("longitude"),
            ),
            evidence=r.get("text") or "",
        )
        for r in rows
    ]
    groups = cluster_claims(claims, [r.get("source") for r in rows], [True] * len(rows))
    with out.open("w", encoding="utf-8") as fh:
        for k, g in enumerate(groups):
            fh.write(
                json.dumps({"incident_id": f"i{k}", "reports": [rows[i]["id"] for i in g]}) + "\n"
            )


def pipeline(path: Path, out: Path, db: Path) -> None:
    cli = [sys.executable, "-c", "from truceline.cli import main; main()", "--db", str(db)]
    subprocess.run([*cli, "ingest", str(path)], check=True, stdout=subprocess.DEVNULL)
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([*cli, "export", "incidents", "--format", "jsonl"], check=True, stdout=fh)


def run(path: Path, out: Path, tmp: Path, use_direct: bool) -> str:
    if use_direct:
        direct(path, out)
        return "direct (cluster_claims)"
    try:
        pipeline(path, out, tmp / f"{path.stem}.db")
        return "pipeline (ingest + export)"
    except subprocess.CalledProcessError as e:
        print(f"pipeline failed ({e}); scoring the resolver alone", file=sys.stderr)
        direct(path, out)
        return "direct (cluster_claims)"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    use_direct = "--direct" in sys.argv
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "pred.jsonl"
        t0 = time.perf_counter()
        mode = run(path, out, tmp, use_direct)
        print(f"linkage via {mode}: {time.perf_counter() - t0:.2f} s")
        subprocess.run([sys.executable, str(SCORER), "linkage", str(path), str(out)], check=True)
        # Each half on its own, as another month of the same maps would come.
        for name, half in halves(path, tmp).items():
            print(f"{name}, resolved alone:", flush=True)
            run(half, tmp / f"pred-{half.stem}.jsonl", tmp, use_direct)
            subprocess.run(
                [
                    sys.executable,
                    str(SCORER),
                    "linkage",
                    str(half),
                    str(tmp / f"pred-{half.stem}.jsonl"),
                ],
                check=True,
            )


def halves(path: Path, tmp: Path) -> dict[str, Path]:
    """The reports split two ways by gold incident: alternate incidents in order of
    appearance, and the incidents that begin in the first or second half of the period."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    order: dict[str, int] = {}
    start: dict[str, str] = {}
    for r in rows:
        g = r.get("gold_incident")
        order.setdefault(g, len(order))
        start[g] = min(start.get(g, "9999"), r.get("event_date") or "9999")
    days = sorted(start.values())
    mid = days[len(days) // 2]
    tests = {
        "even incidents": lambda g: order[g] % 2 == 0,
        "odd incidents": lambda g: order[g] % 2 == 1,
        f"incidents before {mid}": lambda g: start[g] < mid,
        f"incidents from {mid}": lambda g: start[g] >= mid,
    }
    out = {}
    for k, (name, test) in enumerate(tests.items()):
        half = tmp / f"half{k}.jsonl"
        half.write_text(
            "".join(json.dumps(r) + "\n" for r in rows if test(r.get("gold_incident"))),
            encoding="utf-8",
        )
        out[name] = half
    return out


if __name__ == "__main__":
    main()
