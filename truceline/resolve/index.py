"""Candidate pairs: only claims close in time and space are ever scored.

Each claim is indexed by (H3 cell, day).  A claim looks for partners in its own
cell and the ring around it, within a window of days, at the H3 resolution
whose cells are just wider than its *reach* (how far apart two reports of one
event can plausibly be, given its uncertainty radius).  A pair is found by the
claim with the larger reach, so a region-level claim still meets a pinpointed
one.  Sorting the keys once and binary-searching each window makes the cost
O(n log n + pairs); no step is quadratic in n.

A second, narrow window one month away catches a known data-entry slip
(a month mistyped: 22 Feb for 22 Mar); the scorer decides if it is one.
"""

from __future__ import annotations

import h3.api.basic_int as h3
import numpy as np

from truceline.resolve import score
from truceline.resolve.features import Features
from truceline.resolve.score import distance_peak

__all__ = ["candidate_pairs", "BASE_DAYS", "MAX_REACH_KM"]

BASE_DAYS = 3  # a later report of the same event, within this many days
MAX_REACH_KM = 400.0
SLIP_MAX_RADIUS_KM = 0.5
# At most this many partners per searched cell and window, the nearest in date: in a
# city with dozens of events a day, a town-level claim would otherwise meet them all.
PER_CELL_CAP = 40  # only exact places can make a mistyped month worth a look
# (resolution, ring size k, distance a ring surely covers from any point of its
# centre cell, ring area).  Cover: k rings of cells at least sqrt(3) x edge across,
# less the distance from the point to its cell's centre, with 10% for distortion.
_LEVELS = sorted(
    (
        (
            r,
            k,
            0.9 * h3.average_hexagon_edge_length(r, unit="km") * (1.5 * k - 0.6),
            (3 * k * k + 3 * k + 1) * h3.average_hexagon_area(r, unit="km^2"),
        )
        for r in range(0, 10)
        for k in (1, 2, 3, 4)
    ),
    key=lambda lv: lv[3],
)
_STRIDE = np.int64(1 << 21)  # day offsets live in the low bits of a key
_DAY0 = 1 << 20  # unknown days (-1) map far from every real day


def reach_km(f: Features) -> np.ndarray:
    """How far away a partner can be and still score a match, from the scorer's own terms.

    The distance term is the only one that falls without bound; the others can
    add at most `score.MAX_OTHER`.  Solve for the distance where even a perfect
    agreement on everything else no longer reaches `MATCH`, over the partners'
    possible radii (no larger than this claim's: larger ones search for themselves).
    """
    r2 = np.nan_to_num(f.radius, nan=0.0).astype(np.float64) ** 2
    best = np.zeros(len(r2))
    for share in (1.0, 1.25, 1.5, 1.75, 2.0):
        s2 = share * r2 + score.S2_FLOOR
        allowed = distance_peak(s2) + score.MAX_OTHER + score.PRIOR - score.logit(score.MATCH)
        d = 2 * np.sqrt(s2) * np.sqrt(np.expm1(np.maximum(allowed, 0) / score.TAIL))
        best = np.maximum(best, d)
    return np.minimum(best + 0.05, MAX_REACH_KM)


def _level_of(reach: np.ndarray) -> np.ndarray:
    """For each claim, the index into _LEVELS of the smallest ring that covers its reach."""
    out = np.full(len(reach), len(_LEVELS) - 1, dtype=np.int16)
    for idx in range(len(_LEVELS) - 1, -1, -1):  # largest area first: the smallest that fits wins
        out[reach <= _LEVELS[idx][2]] = idx
    return out


def _expand(q: np.ndarray, lo: np.ndarray, hi: np.ndarray, order: np.ndarray) -> np.ndarray:
    """All (q, order[k]) for k in [lo, hi): the pairs inside each searched window."""
    counts = hi - lo
    keep = counts > 0
    q, lo, counts = q[keep], lo[keep], counts[keep]
    total = int(counts.sum())
    if total == 0:
        return np.empty((0, 2), dtype=np.int64)
    starts = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    idx = starts + np.arange(total, dtype=np.int64)
    return np.stack([np.repeat(q, counts), order[idx]], axis=1)


def _windows(f: Features) -> list[tuple[np.ndarray, np.ndarray]]:
    """(first day, last day) of each window a claim searches."""
    day = np.where(f.day >= 0, f.day.astype(np.int64), -_DAY0)
    half = BASE_DAYS + 2 * f.day_tol.astype(np.int64)
    wins = [(day - half, day + half)]
    exact = (
        (f.day >= 0) & (f.day_tol == 0) & (np.nan_to_num(f.radius, nan=99) <= SLIP_MAX_RADIUS_KM)
    )
    for sign in (1, -1):  # the same day of the month before or after
        lo = np.where(exact, day + sign * 28 - (1 if sign > 0 else 4), 1)
        hi = np.where(exact, day + sign * 28 + (4 if sign > 0 else 1), 0)
        wins.append((lo, hi))
    return wins


def _search(
    cell: np.ndarray, f: Features, queries: np.ndarray, rings: np.ndarray
) -> list[np.ndarray]:
    """Pairs (query, other) where other's cell is in the query's ring and day in a window."""
    day = np.where(f.day >= 0, f.day.astype(np.int64), -_DAY0) + _DAY0
    indexed = np.flatnonzero(cell >= 0)
    keys = cell[indexed] * _STRIDE + day[indexed]
    order_local = np.argsort(keys, kind="stable")
    keys = keys[order_local]
    order = indexed[order_local]
    found = []
    wins = _windows(f)
    step = max(1, (1 << 20) // rings.shape[1])  # bounded temporaries: ~1M (query, cell) rows
    for s in range(0, len(queries), step):
        ok = rings[s : s + step] >= 0  # one row per (query, non-empty cell of its ring)
        q = np.repeat(queries[s : s + step], ok.sum(axis=1))
        c = rings[s : s + step][ok]
        for lo_day, hi_day in wins:
            lo_d, hi_d = lo_day[q] + _DAY0, hi_day[q] + _DAY0
            live = hi_d >= lo_d
            base = c[live] * _STRIDE
            lo = np.searchsorted(keys, base + lo_d[live], side="left")
            hi = np.searchsorted(keys, base + hi_d[live], side="right")
            crowded = hi - lo > PER_CELL_CAP
            if crowded.any():  # keep the window's entries nearest the window's centre
                mid = np.searchsorted(
                    keys, base[crowded] + (lo_d[live][crowded] + hi_d[live][crowded]) // 2
                )
                start = np.clip(mid - PER_CELL_CAP // 2, lo[crowded], hi[crowded] - PER_CELL_CAP)
                lo[crowded], hi[crowded] = start, start + PER_CELL_CAP
            pairs = _expand(q[live], lo, hi, order)
            pairs.sort(axis=1)  # a pair may be found from either end; keep one form
            found.append(pairs[pairs[:, 0] != pairs[:, 1]])
    return found


def candidate_pairs(f: Features) -> np.ndarray:
    """Unique pairs (i, j), i < j, worth scoring: shape [m, 2], int64."""
    n = len(f)
    has_xy = ~np.isnan(f.lat)
    level = _level_of(reach_km(f))
    found: list[np.ndarray] = []
    pts = np.flatnonzero(has_xy)
    if len(pts):
        fine = max(_LEVELS[int(lv)][0] for lv in np.unique(level[pts]))
        base = np.array(
            [
                h3.latlng_to_cell(la, lo, fine)
                for la, lo in zip(f.lat[pts], f.lon[pts], strict=True)
            ],
            dtype=np.int64,
        )
        uniq, inv = np.unique(base, return_inverse=True)
        for lv in np.unique(level[pts]):
            res, k = _LEVELS[int(lv)][:2]
            parents = np.array(
                [h3.cell_to_parent(int(c), res) if res < fine else int(c) for c in uniq],
                dtype=np.int64,
            )
            pcells, pinv = np.unique(parents, return_inverse=True)
            cell = np.full(n, -1, dtype=np.int64)
            cell[pts] = pinv[inv]  # compact cell number of each claim at this resolution
            queries = pts[level[pts] == lv]
            qcells = np.unique(cell[queries])
            width = 3 * k * k + 3 * k + 1
            ring_of = np.full((len(qcells), width), -1, dtype=np.int64)
            flat = [h3.grid_disk(int(c), k) for c in pcells[qcells]]
            for r, ring in enumerate(flat):  # pentagons have one cell fewer
                ring_of[r, : len(ring)] = ring
            pos = np.minimum(np.searchsorted(pcells, ring_of), len(pcells) - 1)
            ring_of = np.where((ring_of >= 0) & (pcells[pos] == ring_of), pos, -1)
            rings = ring_of[np.searchsorted(qcells, cell[queries])]
            found += _search(cell, f, queries, rings)
    named = np.flatnonzero(~has_xy & (f.place_key != 0))
    if len(named):  # no coordinates: a place name is the only spatial key
        cell = np.full(n, -1, dtype=np.int64)
        uniq, inv = np.unique(f.place_key[named], return_inverse=True)
        cell[named] = inv
        found += _search(cell, f, named, cell[named][:, None])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    key = np.unique(np.concatenate([p[:, 0] * np.int64(n) + p[:, 1] for p in found]))
    return np.stack([key // n, key % n], axis=1)
