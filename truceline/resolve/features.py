"""Claims as compact numpy columns, the form every resolver step works on.

A million `Claim` objects would not fit the scale budget once scored pairwise,
so the resolver first turns claims into arrays: coordinates, day numbers,
tolerances, type codes, quantities and a MinHash signature of the text.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from truceline.models import QUANTITY_KEYS, Claim, Place, event_type_of

__all__ = ["NUM_HASHES", "QTY_FIELDS", "Features", "featurize", "from_columns", "text_tokens"]

NUM_HASHES = 32  # MinHash signature length: Jaccard estimated to about +-0.09
QTY_FIELDS = (*QUANTITY_KEYS, "fatalities")

# Uncertainty radius (km) when a claim gives none.  A gazetteer's coordinates stand
# for the whole named place, so they get the radius of its ACLED geo_precision;
# coordinates the source gave itself (an incident map's pin) are a point.
RADIUS_BY_PRECISION = {1: 2.0, 2: 15.0, 3: 80.0}
POINT_RADIUS_KM = 0.1
# Half-width (days) of the period a date stands for, by time precision.
DAYS_BY_PRECISION = {1: 0, 2: 4, 3: 16}

VAGUE_TYPES = frozenset({"Other"})

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "not",
        "but",
        "its",
        "into",
        "after",
        "near",
        "over",
        "under",
        "about",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "been",
        "being",
        "also",
        "more",
        "most",
        "some",
        "any",
        "all",
        "per",
        "via",
        "image",
        "video",
        "photo",
        "footage",
    ]
)
_rng = np.random.default_rng(20220224)  # fixed: signatures must agree across runs
_A = (_rng.integers(0, 1 << 31, NUM_HASHES, dtype=np.uint32) * 2 + 1).astype(np.uint32)
_B = _rng.integers(0, 1 << 32, NUM_HASHES, dtype=np.uint64).astype(np.uint32)


def text_tokens(text: str) -> set[str]:
    """Content words, cut to 5 letters so that 'shelled', 'shelling', 'shells' agree."""
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP}


def _minhash(texts: Sequence[str]) -> np.ndarray:
    """One MinHash signature per text, computed over all tokens at once.

    Each of the NUM_HASHES permutations is x -> a*x + b (mod 2**32) with odd a,
    a bijection on 32-bit token hashes.  Each distinct text is tokenised once
    (wire copies, templates) and each distinct word hashed once.
    """
    index: dict[str, int] = {}
    inv = np.fromiter(
        (index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts)
    )
    hashes = array("I")  # compact: a million texts make ~10M token hashes
    counts = array("I")
    word_hash: dict[str, int] = {}
    for t in index:
        toks = text_tokens(t) if t else ()
        for w in toks:
            if w not in word_hash:
                word_hash[w] = zlib.crc32(w.encode())
        hashes.extend([word_hash[w] for w in toks])
        counts.append(len(toks))
    sig = np.full((len(index), NUM_HASHES), np.iinfo(np.uint32).max, dtype=np.uint32)
    if hashes:
        h = np.frombuffer(hashes, dtype=np.uint32)
        n_tok = np.frombuffer(counts, dtype=np.uint32).astype(np.int64)
        rows = np.flatnonzero(n_tok)
        starts = (np.cumsum(n_tok) - n_tok)[rows]
        for k in range(NUM_HASHES):
            v = h * _A[k] + _B[k]  # wraps mod 2**32
            sig[rows, k] = np.minimum.reduceat(v, starts)
    return sig[inv]


def default_radius(p: Place) -> float:
    if p.radius_km is not None:
        return p.radius_km
    from_gazetteer = p.geonameid is not None or p.feature_code is not None
    if not from_gazetteer and (p.geo_precision or 1) == 1:
        return POINT_RADIUS_KM
    return RADIUS_BY_PRECISION.get(p.geo_precision or 1, POINT_RADIUS_KM)


@dataclass(slots=True)
class Features:
    """Column arrays, one row per claim; NaN or -1 where a value is unknown."""

    lat: np.ndarray  # float64 degrees
    lon: np.ndarray
    radius: np.ndarray  # float32 km
    day: np.ndarray  # int32 days since 1970-01-01, -1 unknown
    day_tol: np.ndarray  # int16 half-width of the date's period
    etype: np.ndarray  # int16 event type code, -1 unknown
    stype: np.ndarray  # int16 sub-event type code
    conf: np.ndarray  # float32 extraction confidence, which weighs the type
    qty: np.ndarray  # float32 [n, len(QTY_FIELDS)], NaN where not stated
    sig: np.ndarray  # uint32 [n, NUM_HASHES]
    source: np.ndarray  # int32 source code, -1 unknown
    place_key: np.ndarray  # int64 hash of the place name, for claims without coordinates
    # True where the claim is a structured entry (an incident map's record, a dataset
    # row): one record, one event, so its source's habits can be learnt.
    entry: np.ndarray = None  # type: ignore[assignment]
    # Derived on construction:
    coslat: np.ndarray = None  # type: ignore[assignment]  # float32 cos(latitude), for distances
    has_qty: np.ndarray = None  # type: ignore[assignment]  # bool: states some figure

    def __post_init__(self) -> None:
        if self.entry is None:
            self.entry = np.zeros(len(self.lat), dtype=bool)
        if self.coslat is None:
            self.coslat = np.cos(np.radians(self.lat)).astype(np.float32)
        self.has_qty = ~np.isnan(self.qty).all(axis=1)  # most claims state no figure

    def __len__(self) -> int:
        return len(self.lat)


_EPOCH = date(1970, 1, 1).toordinal()


def _day(s: str | None) -> int:
    if not s:
        return -1
    try:
        return date.fromisoformat(s[:10]).toordinal() - _EPOCH
    except ValueError:
        return -1


def _code(values: list[str | None]) -> np.ndarray:
    table: dict[str, int] = {}
    return np.array(
        [-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int32
    )


def featurize(
    claims: Sequence[Claim],
    sources: Sequence[str | None] | None = None,
    entries: Sequence[bool] | None = None,
) -> Features:
    """Columns for `claims`; `sources[i]` names the source of claim i where known, and
    `entries[i]` says whether it is a structured entry (see `Features.entry`)."""
    n = len(claims)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    radius = np.full(n, np.nan, dtype=np.float32)
    qty = np.full((n, len(QTY_FIELDS)), np.nan, dtype=np.float32)
    place_key = np.zeros(n, dtype=np.int64)
    days = np.empty(n, dtype=np.int32)
    tol = np.empty(n, dtype=np.int16)
    conf = np.empty(n, dtype=np.float32)
    etypes: list[str | None] = []
    stypes: list[str | None] = []
    texts: list[str] = []
    for i, c in enumerate(claims):
        p = c.place
        if p is not None:
            if p.latitude is not None and p.longitude is not None:
                lat[i], lon[i] = p.latitude, p.longitude
                radius[i] = default_radius(p)
            elif p.name:
                place_key[i] = zlib.crc32(p.name.strip().lower().encode()) + 1
        days[i] = _day(c.event_date)
        tol[i] = DAYS_BY_PRECISION.get(c.time_precision or 1, 0)
        if c.sub_event_type in VAGUE_TYPES:  # says nothing about which event it is
            stypes.append(None)
            etypes.append(None)
        else:
            stypes.append(c.sub_event_type)
            etypes.append(c.event_type or event_type_of(c.sub_event_type))
        conf[i] = c.confidence if c.confidence is not None else 0.5
        if c.quantities or c.fatalities is not None:
            for k, key in enumerate(QTY_FIELDS):
                v = c.fatalities if key == "fatalities" else c.quantities.get(key)
                if v is not None:
                    qty[i, k] = v
        texts.append(c.evidence or "")
    return Features(
        lat=lat,
        lon=lon,
        radius=radius,
        day=days,
        day_tol=tol,
        etype=_code(etypes).astype(np.int16),
        stype=_code(stypes).astype(np.int16),
        conf=conf,
        qty=qty,
        sig=_minhash(texts),
        source=_code(list(sources) if sources is not None else [None] * n),
        entry=None if entries is None else np.asarray(entries, dtype=bool),
        place_key=place_key,
    )


def from_columns(
    *,
    lat: np.ndarray,
    lon: np.ndarray,
    radius: np.ndarray,
    day: np.ndarray,
    texts: Sequence[str],
    etype: np.ndarray | None = None,
    stype: np.ndarray | None = None,
    day_tol: np.ndarray | None = None,
    conf: np.ndarray | None = None,
    qty: np.ndarray | None = None,
    source: np.ndarray | None = None,
    entry: np.ndarray | None = None,
) -> Features:
    """Features from ready-made columns: the bulk path, with no Claim objects at all."""
    n = len(lat)
    return Features(
        lat=np.asarray(lat, dtype=np.float64),
        lon=np.asarray(lon, dtype=np.float64),
        radius=np.asarray(radius, dtype=np.float32),
        day=np.asarray(day, dtype=np.int32),
        day_tol=np.zeros(n, np.int16) if day_tol is None else day_tol.astype(np.int16),
        etype=np.full(n, -1, np.int16) if etype is None else etype.astype(np.int16),
        stype=np.full(n, -1, np.int16) if stype is None else stype.astype(np.int16),
        conf=np.full(n, 0.5, np.float32) if conf is None else conf.astype(np.float32),
        qty=np.full((n, len(QTY_FIELDS)), np.nan, np.float32) if qty is None else qty,
        sig=_minhash(texts),
        source=np.full(n, -1, np.int32) if source is None else source.astype(np.int32),
        entry=entry,
        place_key=np.zeros(n, dtype=np.int64),
    )
