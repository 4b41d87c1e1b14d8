"""Candidate pairs: only claims close in time and space are ever scored.

Each claim is indexed by (H3 cell, day).  A claim looks for partners in its own
cell and the ring around it, within a window of days, at the H3 resolution
whose ring just covers its *reach* (how far apart two reports of one event can
plausibly be, given its uncertainty radius).  Keys are sorted once per
resolution and each window is a binary search, so the cost is
O(n log n + pairs); no step is quadratic in n.

Pairs come out in chunks of queries (`candidate_chunks`), so that a caller can
score and discard them as they come: a million claims make tens of millions
of candidates, which need not all be held at once.  A pair is emitted by the
claim that surely finds it (the larger reach and window), so few pairs are
emitted twice; pairs farther apart than the larger reach are dropped.

A second, narrow window one month away catches a known data-entry slip
(a month mistyped: 22 Feb for 22 Mar) between two exact places; the scorer
decides if it is one.
"""

from __future__ import annotations

from collections.abc import Iterator

import h3.api.basic_int as h3
import numpy as np

from truceline.resolve import score
from truceline.resolve.features import Features
from truceline.resolve.score import distance_peak, near_km

__all__ = ["BASE_DAYS", "MAX_REACH_KM", "candidate_chunks", "candidate_pairs", "reach_km"]

BASE_DAYS = 3  # a later report of the same event, within this many days
MAX_REACH_KM = 40.0  # even a region-level claim is not compared with places farther away
SLIP_MAX_RADIUS_KM = 0.5  # only exact places make a mistyped month worth a look
SLIP_RES = 8  # ... within a ring of these cells (it covers about 370 m)
# At most this many partners per searched cell and window, the nearest in date: in a
# city with dozens of events a day, a town-level claim would otherwise meet them all.
PER_CELL_CAP = 40
ROWS_PER_CHUNK = 1 << 19  # (query, cell) rows searched at once: bounds every temporary
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
        for k in (1, 2)
    ),
    key=lambda lv: lv[3],
)
_STRIDE = np.int64(1 << 21)  # day offsets live in the low bits of a key
_DAY0 = 1 << 20  # unknown days (-1) map far from every real day


def reach_km(f: Features) -> np.ndarray:
    """How far away a partner can be and still score a match, from the scorer's own terms.

    The distance term is the only one that falls without bound.  Solve for the
    distance where even a strong agreement on everything else
    (`score.REACH_OTHER`) no longer reaches `MATCH`, over the partners' possible
    radii (no larger than this claim's: larger ones search for themselves).
    """
    r2 = np.nan_to_num(f.radius, nan=0.0).astype(np.float64) ** 2
    best = np.zeros(len(r2))
    for share in (1.0, 1.25, 1.5, 1.75, 2.0):
        s2 = share * r2 + score.S2_FLOOR
        allowed = distance_peak(s2) + score.REACH_OTHER + score.PRIOR - score.logit(score.MATCH)
        d = score.distance_at(s2, np.maximum(allowed, 0))
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


class _Plan:
    """Per-claim search terms shared by every resolution: days, windows, ownership."""

    def __init__(self, f: Features) -> None:
        self.f = f
        self.reach = reach_km(f)
        self.level = _level_of(self.reach)
        known = f.day >= 0
        self.day = np.where(known, f.day.astype(np.int64), -_DAY0) + _DAY0
        self.half = BASE_DAYS + 2 * f.day_tol.astype(np.int64)
        self.exact = (
            known & (f.day_tol == 0) & (np.nan_to_num(f.radius, nan=99) <= SLIP_MAX_RADIUS_KM)
        )

    def windows(self, q: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """(first day key, last day key) of the window q searches for a later report."""
        return [(self.day[q] - self.half[q], self.day[q] + self.half[q])]

    def slip_windows(self, q: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The same day of the month before and after (q are exact claims)."""
        day = self.day[q]
        return [(day + 27, day + 32), (day - 32, day - 27)]

    def keep(self, pairs: np.ndarray, slip: bool) -> np.ndarray:
        """Pairs (query, other) that the query owns and that lie within reach.

        The query drops a pair the other claim surely finds itself: one with a
        reach and a window at least as large (ties go to the larger index).
        """
        q, o = pairs[:, 0], pairs[:, 1]
        lq, lo_ = self.level[q], self.level[o]
        hq, ho = self.half[q], self.half[o]
        other_owns = (lo_ >= lq) & (ho >= hq) & ((lo_ > lq) | (ho > hq) | (o > q))
        ok = (q != o) & ~other_owns
        if slip:
            ok &= self.exact[o]
        d = near_km(self.f, q, o)
        ok &= ~(d > np.maximum(self.reach[q], self.reach[o]))  # NaN (no coordinates) passes
        return pairs[ok]


def _search(
    plan: _Plan, cell: np.ndarray, queries: np.ndarray, rings: np.ndarray, *, slip: bool = False
) -> Iterator[np.ndarray]:
    """Pairs (query, other) where other's cell is in the query's ring and day in a window."""
    indexed = np.flatnonzero(cell >= 0)
    keys = cell[indexed] * _STRIDE + plan.day[indexed]
    order_local = np.argsort(keys, kind="stable")
    keys = keys[order_local]
    order = indexed[order_local]
    del order_local
    step = max(1, ROWS_PER_CHUNK // rings.shape[1])
    for s in range(0, len(queries), step):
        ok = rings[s : s + step] >= 0  # one row per (query, non-empty cell of its ring)
        q = np.repeat(queries[s : s + step], ok.sum(axis=1))
        c = rings[s : s + step][ok]
        out = []
        for lo_d, hi_d in (plan.slip_windows if slip else plan.windows)(q):
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
            out.append(plan.keep(_expand(q[live], lo, hi, order), slip))
        pairs = np.concatenate(out)
        pairs.sort(axis=1)  # one form (i < j) whichever end found it
        yield pairs


def _rings(pcells: np.ndarray, qcells: np.ndarray, k: int) -> np.ndarray:
    """Compact numbers of the cells in each query cell's k-ring (-1 where absent)."""
    ring_of = np.full((len(qcells), 3 * k * k + 3 * k + 1), -1, dtype=np.int64)
    for r, c in enumerate(pcells[qcells].tolist()):  # pentagons have one cell fewer
        ring = h3.grid_disk(c, k)
        ring_of[r, : len(ring)] = ring
    pos = np.minimum(np.searchsorted(pcells, ring_of), len(pcells) - 1)
    return np.where((ring_of >= 0) & (pcells[pos] == ring_of), pos, -1)


def candidate_chunks(f: Features) -> Iterator[np.ndarray]:
    """Pairs (i, j), i < j, worth scoring, in chunks of shape [m, 2] (int64).

    Across chunks a pair comes at most twice (only when neither claim's reach
    and window both cover the other's); callers that need unique pairs dedupe.
    """
    n = len(f)
    plan = _Plan(f)
    has_xy = ~np.isnan(f.lat)
    pts = np.flatnonzero(has_xy)
    if len(pts):
        levels = np.unique(plan.level[pts])
        exact = pts[plan.exact[pts]]
        fine = max([_LEVELS[int(lv)][0] for lv in levels] + ([SLIP_RES] if len(exact) else []))
        base = np.fromiter(
            (
                h3.latlng_to_cell(la, lo, fine)
                for la, lo in zip(f.lat[pts].tolist(), f.lon[pts].tolist(), strict=True)
            ),
            dtype=np.int64,
            count=len(pts),
        )
        uniq, inv = np.unique(base, return_inverse=True)
        del base

        def cells_at(res: int) -> tuple[np.ndarray, np.ndarray]:
            """The cells in use at `res` (sorted), and each claim's number among them."""
            parents = np.fromiter(
                (h3.cell_to_parent(c, res) if res < fine else c for c in uniq.tolist()),
                dtype=np.int64,
                count=len(uniq),
            )
            pcells, pinv = np.unique(parents, return_inverse=True)
            cell = np.full(n, -1, dtype=np.int64)
            cell[pts] = pinv[inv]
            return pcells, cell

        for lv in levels:
            res, k = _LEVELS[int(lv)][:2]
            pcells, cell = cells_at(res)
            queries = pts[plan.level[pts] == lv]
            qcells, qinv = np.unique(cell[queries], return_inverse=True)
            yield from _search(plan, cell, queries, _rings(pcells, qcells, k)[qinv])
        if len(exact):  # a mistyped month: both places exact, so a fine ring will do
            pcells, cell = cells_at(SLIP_RES)
            cell[pts[~plan.exact[pts]]] = -1  # only exact claims are indexed
            qcells, qinv = np.unique(cell[exact], return_inverse=True)
            yield from _search(plan, cell, exact, _rings(pcells, qcells, 1)[qinv], slip=True)
    named = np.flatnonzero(~has_xy & (f.place_key != 0))
    if len(named):  # no coordinates: a place name is the only spatial key
        cell = np.full(n, -1, dtype=np.int64)
        _, inv = np.unique(f.place_key[named], return_inverse=True)
        cell[named] = inv
        yield from _search(plan, cell, named, cell[named][:, None])


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Pairs with repeats removed, sorted; by sorting, not hashing (faster on int64 keys)."""
    if len(pairs) == 0:
        return pairs.reshape(0, 2).astype(np.int64)
    key = pairs[:, 0].astype(np.int64) * np.int64(n) + pairs[:, 1]
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return pairs[order[first]]


def candidate_pairs(f: Features) -> np.ndarray:
    """All unique candidate pairs (i, j), i < j, at once: for small inputs and inspection."""
    chunks = list(candidate_chunks(f))
    if not chunks:
        return np.empty((0, 2), dtype=np.int64)
    return unique_pairs(np.concatenate(chunks), len(f))
