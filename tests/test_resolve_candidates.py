"""The index finds every pair within reach and window, chunk by chunk, and nothing twice."""

from __future__ import annotations

import numpy as np

from truceline.resolve.features import from_columns
from truceline.resolve.index import BASE_DAYS, candidate_chunks, candidate_pairs, reach_km
from truceline.resolve.score import haversine_km


def city_claims(n: int, seed: int = 3):
    """Claims scattered over three towns around Kharkiv in one month: pins, towns, regions."""
    rng = np.random.default_rng(seed)
    towns = np.array([[49.99, 36.23], [49.83, 36.68], [50.30, 34.89]])
    t = rng.integers(0, len(towns), n)
    kind = rng.choice(3, n, p=[0.6, 0.3, 0.1])
    spread = np.where(kind == 0, rng.exponential(2.0, n), 0.0) / 111.0
    ang = rng.uniform(0, 2 * np.pi, n)
    return from_columns(
        lat=towns[t, 0] + spread * np.cos(ang),
        lon=towns[t, 1] + spread * np.sin(ang) / 0.64,
        radius=np.choose(kind, [0.1, 2.0, 15.0]).astype(np.float32),
        day=(19050 + rng.integers(0, 30, n)).astype(np.int32),
        texts=["Shelling of a residential area"] * n,
    )


def test_every_pair_within_reach_and_window_is_a_candidate():
    f = city_claims(600)
    found = {tuple(p) for p in candidate_pairs(f).tolist()}
    i, j = np.triu_indices(len(f), k=1)
    d = haversine_km(f.lat[i], f.lon[i], f.lat[j], f.lon[j])
    reach = reach_km(f)
    # stay clear of the per-cell cap: only pairs in windows it cannot crowd
    close = (d <= 0.95 * np.maximum(reach[i], reach[j])) & (np.abs(f.day[i] - f.day[j]) <= 0)
    wanted = set(zip(i[close].tolist(), j[close].tolist(), strict=True))
    assert wanted and wanted <= found
    far = (d > 1.01 * np.maximum(reach[i], reach[j])) | (
        np.abs(f.day[i] - f.day[j]) > BASE_DAYS + 35
    )
    assert not found & set(zip(i[far].tolist(), j[far].tolist(), strict=True))


def test_chunks_give_each_pair_once_or_twice_and_all_are_ordered():
    f = city_claims(1500, seed=5)
    chunks = list(candidate_chunks(f))
    allp = np.concatenate(chunks)
    assert (allp[:, 0] < allp[:, 1]).all()
    _, counts = np.unique(allp[:, 0] * len(f) + allp[:, 1], return_counts=True)
    assert counts.max() <= 2
    assert len(candidate_pairs(f)) == len(counts)
