"""Claims into clusters, without chaining two unrelated claims through a third.

Plain transitive closure of "matches" lets A-B and B-C make A, B and C one
incident even when A and C are kilometres or days apart.  Here a merge of two
clusters needs the *average* match probability over every cross pair to pass
`MATCH`, with pairs that were never candidates counting as 0, and no pair an
analyst, a document or an exclusive source keeps apart (those count -inf).

Most connected groups are cliques (every pair a strong match); they are
accepted in bulk with numpy, and only the rest go through average linkage,
which merges mutual best partners in rounds, also with numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from truceline.models import Claim
from truceline.resolve import score
from truceline.resolve.features import Features, featurize
from truceline.resolve.index import candidate_chunks
from truceline.resolve.score import (
    MATCH,
    evidence_logits,
    exclusive_sources,
    logit,
    prior_from_degree,
    same_source,
    twins,
)

__all__ = ["cluster_claims", "cluster_features", "scored_pairs"]

_KEEP = 0.01  # weaker pairs count as 0 in the average anyway
# The prior is at most score.PRIOR, so a pair whose evidence is below this can never be kept.
_EVIDENCE_FLOOR = logit(_KEEP) - score.PRIOR


def scored_pairs(f: Features, docs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs with match probability >= _KEEP, and those probabilities.

    Candidates are scored chunk by chunk as the index yields them and only the
    hopeful ones are kept (as int32 pairs and float32 evidence), so peak memory
    follows the pairs worth keeping, not all candidates.  Two things are known
    only at the end: each claim's count of rivals, for the prior (which can only
    lower a score, so the evidence alone decides what is worth keeping until
    then), and which sources enter each event once; two entries of such a
    source get probability -inf, a cannot-link, unless they are twins.
    """
    n = len(f)
    idx_t = np.int32 if n < 2**31 else np.int64
    kept_pairs: list[np.ndarray] = []
    kept_ev: list[np.ndarray] = []
    kept_near: list[np.ndarray] = []
    kept_twin: list[np.ndarray] = []
    has_twin = np.zeros(n, dtype=bool)
    for chunk in candidate_chunks(f):
        if docs is not None and len(chunk):  # one document tells of one incident once
            chunk = chunk[docs[chunk[:, 0]] != docs[chunk[:, 1]]]
        if not len(chunk):
            continue
        i, j = chunk[:, 0], chunk[:, 1]
        ev, near = evidence_logits(f, i, j)
        twin = twins(f, i, j)
        has_twin[chunk[twin].ravel()] = True
        keep = near | (ev >= _EVIDENCE_FLOOR) | same_source(f, i, j)
        kept_pairs.append(chunk[keep].astype(idx_t))
        kept_ev.append(ev[keep])
        kept_near.append(near[keep])
        kept_twin.append(twin[keep])
    if not kept_pairs:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.float32)
    pairs = np.concatenate(kept_pairs)
    del kept_pairs
    ev, near, twin = (np.concatenate(x) for x in (kept_ev, kept_near, kept_twin))
    key = pairs[:, 0].astype(np.int64) * n + pairs[:, 1]
    order = np.argsort(key, kind="stable")  # a pair may come twice: keep one
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order[1:]] != key[order[:-1]]
    del key
    order = order[first]
    pairs, ev, near, twin = pairs[order], ev[order], near[order], twin[order]
    deg = np.bincount(pairs[near].ravel(), minlength=n)
    logits = ev + prior_from_degree(deg, pairs[:, 0], pairs[:, 1])
    exclusive = exclusive_sources(f, has_twin)
    cannot = same_source(f, pairs[:, 0], pairs[:, 1]) & ~twin  # its rare twins may still join
    cannot[cannot] = exclusive[f.source[pairs[cannot, 0]]]
    logits[cannot] = -np.inf
    keep = (logits >= logit(_KEEP)) | cannot
    probs = (1.0 / (1.0 + np.exp(-logits[keep]))).astype(np.float32)
    probs[cannot[keep]] = -np.inf
    return pairs[keep].astype(np.int64), probs


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    g = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(g, directed=False)[1]


def _average_linkage(
    n: int,
    pairs: np.ndarray,
    probs: np.ndarray,
    together: Sequence[Sequence[int]],
    apart: set[tuple[int, int]],
) -> np.ndarray:
    """Average-linkage merging over the claims in `pairs`; a root claim for every claim.

    Works in rounds on the graph of clusters, with numpy: each round sums the
    match probabilities between every two neighbouring clusters (an analyst's
    "apart" weighs -inf), and merges each two clusters that are each other's
    best partner with an average of at least MATCH.  Average linkage is
    reducible, so merging all mutual best pairs at once gives what merging the
    best pair one at a time would.  Pairs between the same two clusters fold
    into one each round, so the graph shrinks as it goes.
    """
    to = np.arange(n, dtype=np.int64)
    for g in together:  # analysts' groups start whole (constraint groups are disjoint)
        to[np.asarray(g[1:], dtype=np.int64)] = g[0]
    size = np.bincount(to, minlength=n).astype(np.float64)
    a = np.concatenate([pairs[:, 0], np.array([x for x, _ in apart], dtype=np.int64)])
    b = np.concatenate([pairs[:, 1], np.array([y for _, y in apart], dtype=np.int64)])
    w = np.concatenate([probs.astype(np.float64), np.full(len(apart), -np.inf)])
    a, b = to[a], to[b]
    while True:
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        live = lo != hi
        key = lo[live] * n + hi[live]
        order = np.argsort(key, kind="stable")
        key, w = key[order], w[live][order]
        if not len(key):
            break
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        w = np.add.reduceat(w, starts)
        a, b = key[starts] // n, key[starts] % n
        avg = w / (size[a] * size[b])
        ok = np.flatnonzero(avg >= MATCH)
        if not len(ok):
            break
        ends = np.concatenate([a[ok], b[ok]])
        other = np.concatenate([b[ok], a[ok]])
        val = np.concatenate([avg[ok], avg[ok]])
        by = np.lexsort((other, -val, ends))  # per cluster: best average first, then lowest ID
        first = by[np.r_[True, ends[by][1:] != ends[by][:-1]]]
        best = np.full(n, -1, dtype=np.int64)
        best[ends[first]] = other[first]
        mutual = ok[(best[a[ok]] == b[ok]) & (best[b[ok]] == a[ok])]
        keep, gone = a[mutual], b[mutual]  # a < b: the lower ID names the cluster
        size[keep] += size[gone]
        to[gone] = keep
        a, b = to[a], to[b]
    while True:  # follow each claim's chain of merges to its root
        nxt = to[to]
        if np.array_equal(nxt, to):
            return to
        to = nxt


def cluster_features(
    f: Features,
    docs: np.ndarray | None = None,
    *,
    together: Iterable[Sequence[int]] = (),
    apart: Iterable[tuple[int, int]] = (),
) -> np.ndarray:
    """A cluster label for each claim (labels are claim indexes of a member).

    `together`: groups an analyst merged; `apart`: index pairs an analyst split.
    """
    n = len(f)
    together = [sorted(set(g)) for g in together if len(set(g)) > 1]
    apart_set = {(min(a, b), max(a, b)) for a, b in apart if a != b}
    pairs, probs = scored_pairs(f, docs)
    if apart_set and len(pairs):
        key = pairs[:, 0] * np.int64(n) + pairs[:, 1]
        banned = np.array([a * n + b for a, b in apart_set], dtype=np.int64)
        allowed = ~np.isin(key, banned)
        pairs, probs = pairs[allowed], probs[allowed]
    strong = probs >= MATCH
    link_a = [pairs[strong, 0]] + [np.array(g[:-1], dtype=np.int64) for g in together]
    link_b = [pairs[strong, 1]] + [np.array(g[1:], dtype=np.int64) for g in together]
    comp = _components(n, np.concatenate(link_a), np.concatenate(link_b))
    size = np.bincount(comp, minlength=n)
    # A group is a clique when all its m(m-1)/2 pairs are strong matches.
    strong_edges = np.bincount(comp[pairs[strong, 0]], minlength=n)
    careful = strong_edges != size * (size - 1) // 2
    for g in together:
        careful[comp[g]] = True
    for a, _b in apart_set:
        careful[comp[a]] = True
    labels = comp.astype(np.int64)
    todo = np.flatnonzero(careful & (size > 1))
    if len(todo) == 0:
        return labels
    in_todo = np.zeros(n, dtype=bool)
    in_todo[todo] = True
    pmask = in_todo[comp[pairs[:, 0]]] & (comp[pairs[:, 0]] == comp[pairs[:, 1]])
    mine = in_todo[comp]
    root = _average_linkage(n, pairs[pmask], probs[pmask], together, apart_set)
    labels[mine] = root[mine] + n
    return labels


def groups_of(labels: np.ndarray) -> list[list[int]]:
    """Lists of claim indexes, one per cluster, in order of first member."""
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g.tolist() for g in np.split(order, cuts)] if len(order) else []
    groups.sort(key=lambda g: g[0])
    return groups


def cluster_claims(
    claims: Sequence[Claim],
    sources: Sequence[str | None] | None = None,
    entries: Sequence[bool] | None = None,
) -> list[list[int]]:
    """Group claims into incidents: lists of indexes into `claims`.

    `sources[i]`, where given, names the source of claim i; `entries[i]` says
    whether it is a structured entry (an incident map's record), one record per
    event, whose source's habits may be learnt.  Pure and in memory.
    """
    if not claims:
        return []
    f = featurize(claims, sources, entries)
    docs_table: dict[str, int] = {}
    docs = np.array([docs_table.setdefault(c.doc_id, len(docs_table)) for c in claims])
    return groups_of(cluster_features(f, docs))
