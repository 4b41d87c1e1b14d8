"""Scale: resolve synthetic claims on one core; prints time, peak memory and quality.

    python benchmarks/bench_resolve_scale.py [N ...]     (default: 10000 100000 1000000)

Each size runs in a fresh process so that peak memory (ru_maxrss) is its own.
Times cover featurising (MinHash), candidate generation, scoring and
clustering; generating the synthetic data is timed separately, and the
candidate count comes from a separate streamed pass that is not included.
Wall time suffers on a shared machine; CPU time is the process's own.  Peak
memory is the process's whole peak RSS, the synthetic columns and texts
included.  Targets: 1,000,000 claims in <= 60 s on one core, <= 2 GB peak.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def one(n: int) -> dict:
    import numpy as np
    from synthetic import generate

    from truceline.resolve.cluster import cluster_features
    from truceline.resolve.features import from_columns
    from truceline.resolve.index import candidate_chunks

    t0 = time.perf_counter()
    cols, gold = generate(n)
    t1 = time.perf_counter()
    c1 = time.process_time()
    f = from_columns(**cols)
    t2 = time.perf_counter()
    pairs = sum(len(c) for c in candidate_chunks(f))  # streamed: never all held
    t3 = time.perf_counter()
    labels = cluster_features(f)
    t4 = time.perf_counter()
    cpu = (
        time.process_time() - c1 - (t3 - t2)
    )  # CPU of featurising + clustering (which finds pairs itself)
    # Pairwise precision/recall against the generator's incidents (counted via contingency).
    _, li = np.unique(labels, return_inverse=True)
    both = np.unique(li.astype(np.int64) * (gold.max() + 1) + gold, return_counts=True)[1]
    pc = np.unique(li, return_counts=True)[1]
    gc = np.unique(gold, return_counts=True)[1]
    pairs_of = lambda c: float((c.astype(np.int64) * (c - 1) // 2).sum())  # noqa: E731
    tp, pp, gp = pairs_of(both), pairs_of(pc), pairs_of(gc)
    p, r = tp / pp if pp else 1.0, tp / gp if gp else 1.0
    return {
        "claims": n,
        "generate_s": round(t1 - t0, 2),
        "features_s": round(t2 - t1, 2),
        "candidates_s": round(t3 - t2, 2),
        "resolve_s": round(t4 - t1 - (t3 - t2), 2),
        "resolve_cpu_s": round(cpu, 2),
        "candidate_pairs": pairs,
        "incidents": int(li.max() + 1),
        "gold_incidents": int(gold.max() + 1),
        "pairwise_p": round(p, 4),
        "pairwise_r": round(r, 4),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    here = os.path.dirname(os.path.abspath(__file__))
    for n in sizes:
        out = subprocess.run(
            [sys.executable, os.path.join(here, "bench_resolve_scale.py"), "--one", str(n)],
            check=True,
            capture_output=True,
            text=True,
            cwd=here,
            env={**os.environ, "PYTHONPATH": here + os.pathsep + os.environ.get("PYTHONPATH", "")},
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['claims']:>9,} claims: resolve {r['resolve_s']:6.2f} s wall, {r['resolve_cpu_s']:6.2f} s CPU "
            f"(features {r['features_s']} s, candidates {r['candidates_s']} s, "
            f"{r['candidate_pairs']:,} pairs), peak {r['peak_mb']} MB, "
            f"{r['incidents']:,} incidents vs {r['gold_incidents']:,} true, "
            f"pairwise P={r['pairwise_p']} R={r['pairwise_r']}"
        )


if __name__ == "__main__":
    main()
