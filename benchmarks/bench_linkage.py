"""Linkage: reports from two incident maps into incidents, scored pairwise.

    python benchmarks/bench_linkage.py [REPORTS.jsonl] [--direct]

By default runs the real pipeline (`truceline --db X ingest`, then
`truceline --db X export incidents --format jsonl`) and scores the export with
../shared/eval/score.py.  `--direct` skips ingest and extraction: it builds
claims straight from the JSON lines and calls `cluster_claims`, isolating the
resolver.  Prints the scorer's figures and the time taken.
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
    groups = cluster_claims(claims, [r.get("source") for r in rows])
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


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        t0 = time.perf_counter()
        if "--direct" in sys.argv:
            direct(path, out)
            mode = "direct (cluster_claims)"
        else:
            try:
                pipeline(path, out, Path(tmp) / "bench.db")
                mode = "pipeline (ingest + export)"
            except subprocess.CalledProcessError as e:
                print(f"pipeline failed ({e}); scoring the resolver alone", file=sys.stderr)
                direct(path, out)
                mode = "direct (cluster_claims)"
        took = time.perf_counter() - t0
        print(f"linkage via {mode}: {took:.2f} s")
        subprocess.run([sys.executable, str(SCORER), "linkage", str(path), str(out)], check=True)


if __name__ == "__main__":
    main()
