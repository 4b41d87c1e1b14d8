"""The rules cover ordinary phrasings of every class, and the optional model only breaks ties.

The probe sentences are truceline.extract.prototypes, written for Truceline from
ACLED's codebook; none comes from the development data.  The model tests use a
small stand-in encoder, so they run without torch.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from truceline.extract import lexicon as lx
from truceline.extract.classify import classify
from truceline.extract.classify_model import ModelClassifier
from truceline.extract.prototypes import NONE, PROTOTYPES
from truceline.models import SUB_EVENT_TYPES


def test_prototypes_cover_every_sub_event_type() -> None:
    assert set(SUB_EVENT_TYPES) <= set(PROTOTYPES)
    assert all(len(v) >= 5 for v in PROTOTYPES.values())


def test_rules_code_the_probe_sentences_of_every_class() -> None:
    wrong = []
    for want, sentences in PROTOTYPES.items():
        for s in sentences:
            c = classify(s)
            got = c.sub_event_type if c else NONE
            if got != want:
                wrong.append((want, got, s))
    total = sum(len(v) for v in PROTOTYPES.values())
    assert len(wrong) / total <= 0.03, wrong


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a gap between verb and particle
        ("Government troops drove the rebels out of the hilltop on Sunday.", lx.GOV),
        # "expelled" with diplomats, not fighters, as its object
        ("The ministry expelled two diplomats over the spying affair.", None),
        # the subject of "said it had" is the actor, not a source
        (
            "The army said it had dislodged the insurgents from the villages and regained control of the town.",
            lx.GOV,
        ),
        # "took control" after "overran an army outpost": the sentence's subject took it
        ("Insurgents overran an army outpost and took control of the area.", lx.NSA),
        # an unorganised crowd as the subject of violence
        ("Villagers beat to death two men accused of stealing goats.", lx.MOB),
        # a drone as the subject of a strike verb
        ("A drone targeted a pickup truck on the highway, killing two fighters.", lx.AIR),
        # a missile test with nobody hurt
        ("The country test-fired a ballistic missile into the sea on Thursday.", lx.OTHER),
        # air defence against a named missile
        ("Air defence intercepted two cruise missiles over the capital.", lx.DWU),
        # violent protesters make a riot even when the police shoot
        (
            "Protesters threw stones at police, who opened fire, killing two demonstrators.",
            lx.RIOT,
        ),
        # "non-violent protesters" are not violent
        ("Thousands of non-violent protesters marched through the city centre.", lx.PEACEFUL),
    ],
)
def test_structural_cues(text: str, want: str | None) -> None:
    c = classify(text)
    assert (c.sub_event_type if c else None) == want


class _KeywordEncoder:
    """A stand-in for the sentence encoder: one axis per class, chosen by a keyword."""

    def __init__(self, keywords: dict[str, str]) -> None:
        self.keywords = keywords
        self.axes = {k: i for i, k in enumerate(PROTOTYPES)}
        self.calls = 0

    def encode(self, texts: list[str], normalize_embeddings: bool = True):
        import numpy as np

        self.calls += 1
        out = np.zeros((len(texts), len(self.axes)))
        for row, t in enumerate(texts):
            key = next((k for k, words in PROTOTYPES.items() if t in words), None)
            key = key or next((k for w, k in self.keywords.items() if w in t), NONE)
            out[row, self.axes[key]] = 1.0
        return out


def test_model_breaks_a_close_call_between_rule_candidates() -> None:
    text = "Gunmen attacked a police checkpoint and killed two villagers."
    assert classify(text).sub_event_type == lx.ATTACK  # the rules lean, narrowly, to Attack
    encoder = _KeywordEncoder({"checkpoint": lx.CLASH})
    assert ModelClassifier(model=encoder)(text).sub_event_type == lx.CLASH


def test_model_is_not_asked_when_the_rules_are_sure() -> None:
    encoder = _KeywordEncoder({"": lx.AGREE})
    text = "A suicide bomber blew himself up at a checkpoint, killing six soldiers."
    c = ModelClassifier(model=encoder)(text)
    assert c is not None and c.sub_event_type == lx.SUICIDE
    assert encoder.calls == 0  # the prototypes were never even encoded


def test_model_never_turns_a_non_incident_into_one() -> None:
    encoder = _KeywordEncoder({"": lx.AIR})
    text = "The foreign ministers met in Geneva to discuss the border dispute."
    assert classify(text) is None
    assert ModelClassifier(model=encoder)(text) is None


def test_default_install_does_not_import_torch() -> None:
    code = (
        "import sys, truceline.extract.classify_model as m; "
        "m.ModelClassifier(); print('torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
