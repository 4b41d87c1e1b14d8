"""How likely two claims tell of the same event: a sum of log-odds, per pair.

Each feature adds its log-likelihood ratio (same event vs. a different event
nearby), in the spirit of Fellegi-Sunter record linkage:

* distance, against the combined uncertainty of both places: two pins 30 m
  apart say much; two town centroids 0 km apart say little, because every
  event in that town is coded there;
* days apart, against the periods both dates stand for (a week-precision date
  agrees with any day of its week); a date exactly one month off with the same
  day of the month is treated as a likely slip, not as proof of difference;
* event type (soft: extraction may type one event two ways), quantities, and
  text similarity (MinHash estimate of Jaccard on content words).

Two terms need all pairs seen first, so `cluster.scored_pairs` adds them at
the end: the prior (lower for a claim with many rivals), and a cannot-link
between two entries of a source that enters each event once
(`exclusive_sources`).  Everything is vectorised over arrays of pairs.
"""

from __future__ import annotations

import numpy as np

from truceline.resolve.features import Features

__all__ = [
    "MATCH",
    "evidence_logits",
    "exclusive_sources",
    "haversine_km",
    "prior_from_degree",
    "same_source",
    "twins",
]

MATCH = 0.5  # probability above which a pair is a match
PRIOR = -2.0  # log-odds that a candidate pair is one event, before any evidence ...
PRIOR_SLOPE = 2.0  # ... less this much per log of the rivals its claims have
PRIOR_DEGREE = 8.0
BACKGROUND_KM = 20.0  # scale over which distinct same-day events scatter
DIST_CAP = 6.0
TAIL = 4.0
S2_FLOOR = 0.01**2
NO_COORDS_LLR = 0.5  # same place name, no coordinates
# How far the index looks: as far as a pair could still match with the same day,
# texts sharing three words in four, the same type and one figure the same (the
# most the terms other than distance can add is 1.0 + 4.25 + 0.5 + 3.0).
REACH_OTHER = 1.0 + 3.0 + 0.5 + 1.5
EARTH_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


KM_PER_DEGREE = np.pi * EARTH_KM / 180


def near_km(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Distance (km) of pairs at most tens of km apart, NaN where a place is unknown.

    Equirectangular, with the first claim's latitude: within 1% up to 100 km,
    and several times cheaper than haversine over tens of millions of pairs.
    """
    dlon = (f.lon[j] - f.lon[i] + 180.0) % 360.0 - 180.0
    dx = dlon * f.coslat[i]
    dy = f.lat[j] - f.lat[i]
    return np.sqrt(dx * dx + dy * dy) * KM_PER_DEGREE


def logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def distance_peak(s2: np.ndarray) -> np.ndarray:
    """The distance term at d = 0 for combined variance s2: high for pins, low for regions."""
    # Places vaguer than the background neither help nor hurt when they coincide.
    return np.clip(np.log(BACKGROUND_KM**2 / (2 * s2)), 0.0, DIST_CAP)


def distance_at(s2: np.ndarray, llr_drop: np.ndarray) -> np.ndarray:
    """The distance at which the distance term has fallen `llr_drop` below its peak."""
    return 2 * np.sqrt(s2) * np.sqrt(np.expm1(llr_drop / TAIL))


def _distance_llr(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    d = near_km(f, i, j)
    s2 = f.radius[i].astype(np.float64) ** 2 + f.radius[j].astype(np.float64) ** 2 + S2_FLOOR
    # log p(d | same) / p(d | different): Rayleigh-like around the point, over a
    # locally uniform background, with a t-like tail so one mis-placed pin is no veto.
    llr = distance_peak(s2) - TAIL * np.log1p(d**2 / (4 * s2))
    return np.where(np.isnan(d), NO_COORDS_LLR, np.maximum(llr, -12.0))


def _dom_and_month(day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = day.astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    return (d - m).astype(np.int64), m.astype(np.int64)


def _time_llr(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    di, dj = f.day[i].astype(np.int64), f.day[j].astype(np.int64)
    known = (di >= 0) & (dj >= 0)
    gap = np.abs(di - dj) - f.day_tol[i] - f.day_tol[j]
    excess = np.maximum(gap, 0)
    llr = np.where(excess == 0, 1.0, np.maximum(0.5 - 1.0 * excess, -10.0))
    # Same day of the month, one month apart: likely a mistyped month.
    dom_i, mon_i = _dom_and_month(np.where(known, di, 0))
    dom_j, mon_j = _dom_and_month(np.where(known, dj, 0))
    slip = known & (dom_i == dom_j) & (np.abs(mon_i - mon_j) == 1) & (f.day_tol[i] == 0)
    llr = np.where(slip, np.maximum(llr, -2.0), llr)
    return np.where(known, llr, 0.0)


def _type_llr(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    ei, ej, si, sj = f.etype[i], f.etype[j], f.stype[i], f.stype[j]
    both = (ei >= 0) & (ej >= 0)
    llr = np.where(si == sj, 0.5, np.where(ei == ej, 0.0, -2.0))
    # An extractor's unsure typing should not keep apart what place and time join.
    trust = np.minimum(f.conf[i], f.conf[j])
    return np.where(both, llr * trust, 0.0)


def _quantity_llr(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    out = np.zeros(len(i))
    some = np.flatnonzero(f.has_qty[i] & f.has_qty[j])
    if not len(some):
        return out
    qi, qj = f.qty[i[some]], f.qty[j[some]]
    both = ~np.isnan(qi) & ~np.isnan(qj)
    same = both & (qi == qj)
    far = both & (np.abs(qi - qj) > 2 + 2 * np.fmin(qi, qj))  # more than 3x apart
    out[some] = np.minimum(1.5 * same.sum(axis=1), 3.0) - 0.7 * far.sum(axis=1)
    return out


def _text_llr(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    empty = np.iinfo(np.uint32).max
    has = (f.sig[i, 0] != empty) & (f.sig[j, 0] != empty)
    jac = (f.sig[i] == f.sig[j]).mean(axis=1)
    return np.where(has, 5.0 * (jac - 0.15), 0.0)


# A source's twins: two of its own entries with near-identical text, place and date,
# the mark of a source that enters one post more than once (one pin per photo).
TWIN_JACCARD = 0.8
TWIN_KM = 1.0
TWIN_DAYS = 1
# A source with many entries and few twins enters each event once: the
# rule-of-three bound on its twin rate, (twins + 3) / entries, is below this.
EXCLUSIVE_RATE = 0.1


def same_source(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return (f.source[i] == f.source[j]) & (f.source[i] >= 0)


def twins(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs that are two entries of one source telling the same thing, near-identically."""
    out = same_source(f, i, j)
    k = np.flatnonzero(out)
    if len(k):
        a, b = i[k], j[k]
        empty = np.iinfo(np.uint32).max
        jac = (f.sig[a] == f.sig[b]).mean(axis=1)
        out[k] = (
            (f.sig[a, 0] != empty)
            & (jac >= TWIN_JACCARD)
            & ~(near_km(f, a, b) > TWIN_KM)
            & (np.abs(f.day[a].astype(np.int64) - f.day[b]) <= TWIN_DAYS)
        )
    return out


def exclusive_sources(f: Features, has_twin: np.ndarray) -> np.ndarray:
    """By source code: True for a source seen to enter each event only once.

    Estimated from the claims at hand (`has_twin[k]`: claim k has a twin), not
    from a list of names, and only for structured entries (`Features.entry`):
    an incident map with one entry per source post has no twins among hundreds
    of entries; a map that pins each photo of a post has many; a source with a
    handful of entries proves nothing either way.
    Two entries of an exclusive source are never one incident, unless twins.
    """
    known = (f.source >= 0) & f.entry  # news outlets do publish follow-ups of one event
    size = int(f.source.max()) + 1 if len(f.source) else 0
    entries = np.bincount(f.source[known], minlength=size)
    twin_count = np.bincount(f.source[known & has_twin], minlength=size)
    return (twin_count + 3) < EXCLUSIVE_RATE * entries


def evidence_logits(f: Features, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Summed log-likelihood ratios of pairs (i, j), before the prior; and which are *near*.

    A pair is near when place and time alone do not speak against it: the
    claims are rivals for each other, which the prior counts.
    """
    near_terms = _distance_llr(f, i, j) + _time_llr(f, i, j)
    llr = near_terms + _type_llr(f, i, j) + _quantity_llr(f, i, j) + _text_llr(f, i, j)
    return llr.astype(np.float32), near_terms >= 0


def prior_from_degree(deg: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Prior log-odds of each pair: lower where its claims have many rivals.

    `deg[k]` counts claim k's near pairs.  A claim with one rival likely
    matches it; a claim in a city with forty reports that week likely matches
    few of them.
    """
    mean = (deg[i].astype(np.float64) + deg[j]) / 2
    return PRIOR - PRIOR_SLOPE * np.log1p(mean / PRIOR_DEGREE)
