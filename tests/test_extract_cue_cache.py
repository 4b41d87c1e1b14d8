"""The cue automaton is built once and kept in the cache directory: a process that loads it
finds exactly what a fresh build finds, and a missing, stale or broken file only costs a
build."""

from __future__ import annotations

import pickle

import pytest

from truceline.extract import cues

# the words two gapped patterns need, as classify passes its own
NEEDS = (("drove", "pushed", "forced"), ("set ",))
SENTENCES = [
    "russian forces shelled the outskirts of kharkiv with grad rockets, officials said.",
    "a drone struck an oil depot near the border overnight, according to the governor.",
    "troops forced the rebels out; police fired tear gas at protesters who set tyres ablaze.",
    "militants may have planted an ied on the road; the army denied it.",
]


def _matches(automaton) -> list:
    return [sorted(automaton.iter(s)) for s in SENTENCES]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCELINE_CACHE", str(tmp_path))
    return tmp_path


def test_the_first_process_saves_the_automaton_and_the_next_loads_the_same(cache) -> None:
    built = cues._cached(NEEDS, cues._build_both)
    files = list(cache.glob("cues-*.pickle"))
    assert len(files) == 1
    loaded = cues._cached(NEEDS, lambda needs: pytest.fail("built again"))
    assert loaded is not built
    assert _matches(loaded) == _matches(built) == _matches(cues._build_both(NEEDS))
    assert len(loaded) == len(built)


def test_other_inputs_get_another_file_and_the_old_one_goes(cache) -> None:
    cues._cached(NEEDS, cues._build_both)
    first = {p.name for p in cache.glob("cues-*.pickle")}
    other = (*NEEDS, ("ablaze",))
    automaton = cues._cached(other, cues._build_both)
    second = {p.name for p in cache.glob("cues-*.pickle")}
    assert len(second) == 1 and second != first
    assert automaton.get("ablaze")[4] == frozenset({len(NEEDS)})


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"not": "an automaton"})],
    ids=["empty", "garbage", "another object"],
)
def test_a_broken_file_is_rebuilt(cache, content: bytes) -> None:
    cues._cached(NEEDS, cues._build_both)
    (path,) = cache.glob("cues-*.pickle")
    path.write_bytes(content)
    automaton = cues._cached(NEEDS, cues._build_both)
    assert _matches(automaton) == _matches(cues._build_both(NEEDS))
    assert path.stat().st_size > 100_000  # written again, whole
    assert not list(cache.glob(".cues-*"))  # no temporary file left behind


def test_an_unwritable_cache_only_costs_a_build(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("TRUCELINE_CACHE", str(blocker / "cache"))
    automaton = cues._cached(NEEDS, cues._build_both)
    assert _matches(automaton) == _matches(cues._build_both(NEEDS))
