"""Which sources of an incident are really one source.

Ten outlets running one wire story, or ten accounts reposting one post, are a
single witness.  Two members count as one origin when their texts are near
duplicates (word-shingle Jaccard), when they credit the same wire agency, or
when they relay the same claimant (two outlets quoting one ministry).  A
monitor's own observation is never folded into anyone else's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Member", "independent_groups", "NEAR_DUPLICATE"]

NEAR_DUPLICATE = 0.5  # Jaccard of word 3-shingles above which two texts are copies
_WIRE = re.compile(
    r"\b(Reuters|Associated Press|AP|AFP|Agence France-Presse|Interfax|TASS|RIA Novosti|"
    r"Ukrinform|UNIAN|Xinhua|Anadolu|dpa|Bloomberg)\b"
)
_WIRE_CREDIT = re.compile(r"\((?P<agency>[A-Z][\w .-]{1,30})\)\s*[-\u2013\u2014]")


@dataclass(slots=True)
class Member:
    """What independence needs to know about one member claim."""

    claim_id: str
    source: str | None
    text: str = ""  # the document's text
    claimed_by: str | None = None
    monitor: bool = False


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def wire_origin(text: str) -> str | None:
    """The agency a story credits in its dateline ("KYIV (Reuters) -"), if any."""
    m = _WIRE_CREDIT.search(text[:300])
    if m and _WIRE.fullmatch(m["agency"].strip()):
        return m["agency"].strip().lower()
    return None


def independent_groups(members: Sequence[Member]) -> list[list[int]]:
    """Members grouped by origin: each group counts once for corroboration."""
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    first: dict[tuple[str, str], int] = {}
    shingles = [_shingles(m.text) for m in members]
    for i, m in enumerate(members):
        keys = [("source", m.source or f"doc:{m.claim_id}")]
        if not m.monitor:
            wire = wire_origin(m.text)
            if wire:
                keys.append(("wire", wire))
            if m.claimed_by:
                keys.append(("claimant", " ".join(m.claimed_by.lower().split())))
        for k in keys:
            if k in first:
                union(i, first[k])
            else:
                first[k] = i
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if members[i].monitor or members[j].monitor or find(i) == find(j):
                continue
            if _jaccard(shingles[i], shingles[j]) >= NEAR_DUPLICATE:
                union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(members)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
