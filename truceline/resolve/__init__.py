"""The resolve stage: claims from many documents into incidents that count once.

features     claims as numpy columns (coordinates, days, types, MinHash)
index        candidate pairs by H3 cell and time window, O(n log n), in chunks
score        match probability of a pair, from log-likelihood ratios
cluster      scores chunks as they come, keeps the hopeful pairs, then merges by
             average linkage, which never chains through a middle claim
independence which sources are one source (wire copies, reposts)
merge        an incident's merged fields and its disagreement record
run          against the store: resolve_store, merge_incidents, split_incident
"""

from truceline.resolve.cluster import cluster_claims
from truceline.resolve.run import merge_incidents, resolve_store, split_incident

__all__ = ["cluster_claims", "merge_incidents", "resolve_store", "split_incident"]
