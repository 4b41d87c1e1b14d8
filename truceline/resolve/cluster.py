"""Claims into clusters, without chaining two unrelated claims through a third.

Plain transitive closure of "matches" lets A-B and B-C make A, B and C one
incident even when A and C are kilometres or days apart.  Here a merge of two
clusters needs the *average* match probability over every cross pair to pass
`MATCH`, with pairs that were never candidates counting as 0, and no pair an
analyst or a document keeps apart.  Edges are tried strongest first.

Most connected groups are cliques (every pair a strong match); they are
accepted in bulk with numpy, and only the rest go through the careful loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from truceline.models import Claim
from truceline.resolve.features import Features, featurize
from truceline.resolve.index import candidate_pairs
from truceline.resolve.score import MATCH, pair_scores

__all__ = ["cluster_claims", "cluster_features"]

_KEEP = 0.01  # weaker pairs count as 0 in the average anyway


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    g = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(g, directed=False)[1]


def _greedy(
    members: np.ndarray,
    pairs: np.ndarray,
    probs: np.ndarray,
    together: Sequence[Sequence[int]],
    apart: set[tuple[int, int]],
) -> list[list[int]]:
    """Average-linkage merging within one connected group of claims."""
    score = {(int(a), int(b)): float(p) for (a, b), p in zip(pairs, probs, strict=True)}
    owner = {int(m): int(m) for m in members}
    groups: dict[int, list[int]] = {int(m): [int(m)] for m in members}
    for g in together:  # analysts' groups start whole
        g = [c for c in g if c in owner]
        if len(g) > 1:
            head = g[0]
            for c in g[1:]:
                groups[head] += groups.pop(owner[c])
                owner[c] = head
    strong = np.flatnonzero(probs >= MATCH)
    for e in strong[np.argsort(-probs[strong], kind="stable")]:
        ga, gb = owner[int(pairs[e, 0])], owner[int(pairs[e, 1])]
        if ga == gb:
            continue
        A, B = groups[ga], groups[gb]
        total, blocked = 0.0, False
        for x in A:
            for y in B:
                key = (x, y) if x < y else (y, x)
                if key in apart:
                    blocked = True
                    break
                total += score.get(key, 0.0)
            if blocked:
                break
        if blocked or total < MATCH * len(A) * len(B):
            continue
        if len(A) < len(B):
            ga, gb, A, B = gb, ga, B, A
        A += B
        for y in B:
            owner[y] = ga
        del groups[gb]
    return list(groups.values())


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
    pairs = candidate_pairs(f)
    probs = pair_scores(f, pairs, docs)
    if apart_set and len(pairs):
        key = pairs[:, 0] * np.int64(n) + pairs[:, 1]
        banned = np.array([a * n + b for a, b in apart_set], dtype=np.int64)
        probs[np.isin(key, banned)] = 0.0
    keep = probs >= _KEEP
    pairs, probs = pairs[keep], probs[keep]
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
    # Gather each careful group's members and pairs with one sort each.
    in_todo = np.zeros(n, dtype=bool)
    in_todo[todo] = True
    pmask = in_todo[comp[pairs[:, 0]]] & (comp[pairs[:, 0]] == comp[pairs[:, 1]])
    cp, pp = pairs[pmask], probs[pmask]
    pc = comp[cp[:, 0]]
    porder = np.argsort(pc, kind="stable")
    cp, pp, pc = cp[porder], pp[porder], pc[porder]
    members = np.flatnonzero(in_todo[comp])
    morder = np.argsort(comp[members], kind="stable")
    members = members[morder]
    mc = comp[members]
    next_label = n
    m_lo, m_hi = np.searchsorted(mc, todo), np.searchsorted(mc, todo, side="right")
    p_lo, p_hi = np.searchsorted(pc, todo), np.searchsorted(pc, todo, side="right")
    by_comp: dict[int, list[list[int]]] = {}
    for g in together:
        by_comp.setdefault(int(comp[g[0]]), []).append(g)
    for c, lo, hi, plo, phi in zip(
        todo.tolist(), m_lo.tolist(), m_hi.tolist(), p_lo.tolist(), p_hi.tolist(), strict=True
    ):
        mine = by_comp.get(c, [])
        for group in _greedy(members[lo:hi], cp[plo:phi], pp[plo:phi], mine, apart_set):
            labels[group] = next_label
            next_label += 1
    return labels


def groups_of(labels: np.ndarray) -> list[list[int]]:
    """Lists of claim indexes, one per cluster, in order of first member."""
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g.tolist() for g in np.split(order, cuts)] if len(order) else []
    groups.sort(key=lambda g: g[0])
    return groups


def cluster_claims(
    claims: Sequence[Claim], sources: Sequence[str | None] | None = None
) -> list[list[int]]:
    """Group claims into incidents: lists of indexes into `claims`.

    `sources[i]`, where given, names the source of claim i.  Pure and in memory.
    """
    if not claims:
        return []
    f = featurize(claims, sources)
    docs_table: dict[str, int] = {}
    docs = np.array([docs_table.setdefault(c.doc_id, len(docs_table)) for c in claims])
    return groups_of(cluster_features(f, docs))
