"""Benchmark the event classifier (truceline.extract.classify) on the development data.

Prints:
1. CASE 2021 news snippets: weighted F1 of sub_event_type, scored by ../shared/eval/score.py,
   on the whole file and on its two halves (even and odd lines; the rules were
   studied on odd lines only), and how often the 5 non-ACLED classes yield an incident;
2. ACLED notes: agreement with the human coder's sub_event_type, and coverage;
3. the seed article: the type given to each sentence the gold names;
4. the probe sentences of truceline.extract.prototypes (written from the codebook);
5. speed in words/s on one core.

With --model, the same figures for truceline.extract.classify_model.ModelClassifier
(the optional embedding layer; needs the 'model' extra).

The even lines are the held-out proxy: this script prints their scores only, never
their texts, per-class counts or confusions (--errors and --confusion read the odd
lines or the ACLED notes).  Whether a learned layer over the rules helps is measured
by scripts/train-classifier (it did not: see its docstring).

Usage: .venv/bin/python benchmarks/bench_classify.py [--errors odd|acled]
    [--confusion odd] [--model [protos|snippets|odd]] [--rescue RATIO]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from truceline.extract import classify as _rules
from truceline.extract.prototypes import NONE, PROTOTYPES

classify = _rules.classify  # replaced by the model classifier under --model

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
NON_ACLED = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _score(gold: list[dict], tmp: Path, name: str) -> dict:
    gold_path, pred_path = tmp / f"{name}-gold.jsonl", tmp / f"{name}-pred.jsonl"
    with gold_path.open("w", encoding="utf-8") as g, pred_path.open("w", encoding="utf-8") as p:
        for d in gold:
            g.write(json.dumps(d) + "\n")
            c = classify(d["text"])
            if c is not None:
                row = {
                    "doc_id": d["id"],
                    "sub_event_type": c.sub_event_type,
                    "event_type": c.event_type,
                    "confidence": c.confidence,
                }
                p.write(json.dumps(row) + "\n")
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "classify",
            str(gold_path),
            str(pred_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out[: out.rindex("}") + 1])


def case2021(show: str | None) -> None:
    rows = _load(DATA / "case2021-dev.jsonl")
    halves = {"all": rows, "even lines": rows[0::2], "odd lines (studied)": rows[1::2]}
    with tempfile.TemporaryDirectory() as tmp:
        for name, part in halves.items():
            r = _score(part, Path(tmp), name.split()[0])
            print(
                f"CASE 2021 {name:20s} n={r['snippets']:3d}  weighted_f1={r['weighted_f1']:.4f}  macro_f1={r['macro_f1']:.4f}"
                f"  acc={r['accuracy']:.4f}  non-ACLED with incident={r['unseen_with_incident']:.4f} (of {r['unseen_snippets']})"
            )
            if name.startswith("odd"):  # per class: the studied half only (see above)
                per = r["per_class"]
                print(
                    "  per-class F1 (odd lines):",
                    ", ".join(f"{k}={v}" for k, v in sorted(per.items(), key=lambda kv: kv[1])),
                )
    if show == "odd":
        for d in rows[1::2]:
            c = classify(d["text"])
            gold = d["gold"]["sub_event_type"] if d["gold"]["code"] not in NON_ACLED else "NONE"
            got = c.sub_event_type if c else "NONE"
            if got != gold:
                print(f"  [{gold} -> {got}] {c.cues if c else ''} | {d['text'][:220]}")


def confusion(half: str) -> None:
    """Per-class counts on the studied (odd) half, and which classes it is confused with.
    Not offered for the even half: even aggregates, studied, make it a tuned set."""
    if half != "odd":
        raise ValueError("only the odd (studied) half may be inspected")
    rows = _load(DATA / "case2021-dev.jsonl")
    part = rows[1::2]
    pairs = []
    for d in part:
        c = classify(d["text"])
        gold = d["gold"]["sub_event_type"] if d["gold"]["code"] not in NON_ACLED else "NONE"
        pairs.append((gold, c.sub_event_type if c else "NONE"))
    tp = collections.Counter(g for g, p in pairs if g == p)
    sup = collections.Counter(g for g, _ in pairs)
    pred = collections.Counter(p for _, p in pairs)
    print(f"Per class on the {half} half (support, precision, recall):")
    for k in sorted(sup, key=lambda k: tp[k] / sup[k]):
        prec = tp[k] / pred[k] if pred[k] else 0.0
        print(f"  {k:38s} n={sup[k]:3d}  P={prec:.2f} ({tp[k]}/{pred[k]})  R={tp[k] / sup[k]:.2f}")
    wrong = collections.Counter((g, p) for g, p in pairs if g != p)
    print("  confusions:", "; ".join(f"{g} -> {p}: {k}" for (g, p), k in wrong.most_common()))
    # why a snippet of an ACLED class got no claim: by key names only, never the cue phrases
    why: collections.Counter = collections.Counter()
    for d, (g, p) in zip(part, pairs, strict=True):
        if p != "NONE" or g == "NONE":
            continue
        _s, scores, ranked, none = _rules._rank(d["text"])
        if _rules._title_case_headline(d["text"]):
            why[(g, "read as a headline")] += 1
        elif not ranked:
            why[(g, "no cue")] += 1
        elif ranked[0][1] < _rules._THRESHOLD:
            why[(g, f"weak {ranked[0][0]}")] += 1
        else:
            key = max((k for k in scores.hits if k.startswith("_none")), key=scores.score)
            why[(g, f"outvoted by {key}")] += 1
    print("  missed:", "; ".join(f"{g} ({r}): {k}" for (g, r), k in why.most_common()))


def acled(show: bool) -> None:
    rows = _load(DATA / "acled-ukraine-2022.jsonl")
    agree = covered = 0
    confusion: collections.Counter = collections.Counter()
    for d in rows:
        c = classify(d["text"])
        gold = d["gold"]["sub_event_type"]
        covered += c is not None
        got = c.sub_event_type if c else "NONE"
        agree += got == gold
        if got != gold:
            confusion[(gold, got)] += 1
            if show:
                print(f"  [{gold} -> {got}] {c.cues if c else ''} | {d['text'][:220]}")
    n = len(rows)
    print(
        f"ACLED notes n={n}  sub_event_type agreement={agree / n:.4f} (target 0.92)  classified={covered / n:.4f} (target 0.98)"
    )
    print(
        "  top confusions:", "; ".join(f"{g} -> {p}: {k}" for (g, p), k in confusion.most_common(6))
    )


def seed() -> None:
    gold = json.loads((DATA / "seed-gold.json").read_text(encoding="utf-8"))
    text = (SHARED / "seed" / "moscow-drones-tuapse-2025-03.txt").read_text(encoding="utf-8")
    sentences = [
        s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()
    ]
    print("Seed article: every sentence classified as an incident")
    for s in sentences:
        c = classify(s)
        if c:
            print(
                f"  {c.sub_event_type:35s} {c.confidence:.2f} {c.weapon or '-':9s} {c.target_class or '-':11s} | {s[:90]}"
            )
    wanted = {
        "4 kilometers from the Kremlin": "Air/drone strike",
        "intercept four drones": "Disrupted weapons use",
        "Tuapse oil refinery": "Air/drone strike",
        "Russian troops making significant advances": "Government regains territory",
    }
    for key, want in wanted.items():
        s = next(s for s in sentences if key in s)
        c = classify(s)
        got = c.sub_event_type if c else None
        print(f"  {'ok ' if got == want else 'BAD'} {key!r}: {got} (want {want})")
    bad = [m for m in gold["must_not"] if any(classify(s) for s in sentences if m in s or s in m)]
    print(f"  must_not lines classified as incidents: {len(bad)} of {len(gold['must_not'])}")


def probes() -> None:
    n = ok = 0
    for want, sentences in PROTOTYPES.items():
        for s in sentences:
            c = classify(s)
            n += 1
            ok += (c.sub_event_type if c else NONE) == want
    print(f"Probe sentences (prototypes.py): {ok}/{n} = {ok / n:.4f}")


def speed() -> None:
    texts = [d["text"] for d in _load(DATA / "case2021-dev.jsonl")] + [
        d["text"] for d in _load(DATA / "acled-ukraine-2022.jsonl")
    ]
    words = sum(len(t.split()) for t in texts)
    classify(texts[0])  # build the automata outside the timing
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            classify(t)
        best = min(best, time.perf_counter() - t0)
    print(
        f"Speed: {words / best:,.0f} words/s on one core ({len(texts)} texts, {words} words; target >= 100,000)"
    )


def _model_classifier(examples: str, rescue: float | None):
    from truceline.extract.classify_model import ModelClassifier, load_examples

    extra: list[tuple[str, str]] = []
    if examples in ("snippets", "odd"):
        for name in ("classify-snippets.jsonl", "classify-snippets-2.jsonl"):
            extra += load_examples(Path(__file__).resolve().parents[1] / "tests" / "data" / name)
    if examples == "odd":  # the studied half only (rows[1::2], as case2021() calls it)
        for d in _load(DATA / "case2021-dev.jsonl")[1::2]:
            g = d["gold"]
            extra.append(("NONE" if g["code"] in NON_ACLED else g["sub_event_type"], d["text"]))
    print(f"Model layer: prototypes + {len(extra)} examples ({examples}), rescue={rescue}")
    return ModelClassifier(examples=extra, rescue=rescue)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--errors",
        choices=["odd", "acled"],
        help="print the misclassified items of one set",
    )
    ap.add_argument(
        "--confusion",
        choices=["odd"],
        help="print per-class counts and confusions of the studied half (no texts)",
    )
    ap.add_argument(
        "--model",
        nargs="?",
        const="protos",
        choices=["protos", "snippets", "odd"],
        help="use the optional embedding layer; its examples: the prototypes (default, as"
        " shipped), + tests/data snippets, + the odd (studied) lines, read from ../shared",
    )
    ap.add_argument(
        "--rescue",
        type=float,
        metavar="RATIO",
        help="with --model: let the model find incidents the rules missed (see ModelClassifier)",
    )
    args = ap.parse_args()
    if args.model:
        global classify
        classify = _model_classifier(args.model, args.rescue)
    case2021(args.errors)
    if args.confusion:
        confusion(args.confusion)
    acled(args.errors == "acled")
    seed()
    probes()
    speed()


if __name__ == "__main__":
    main()
