"""An in-memory read model of the incidents, for the incident list and the map.

In SQL, each list or map request filtered 100,000 rows by date, type, status and
bounding box, and the public view paid a four-table join per row to learn
whether a protected reporter stood behind it.  Here the columns the filters
need, the map's few properties and the public view of each incident's place
(computed once by `truceline.publish.redact`) are kept as numpy arrays, built
once per version of the database.  A request filters them in well under a
millisecond; the list then fetches only its page of rows from SQL.

The version comes from SQLite's ``PRAGMA data_version`` on a connection of the
index's own (it moves whenever any other connection, in any process, commits);
on other databases from a fingerprint of the incidents, the audit log and the
agreements.  Any change rebuilds the whole index (about a second per 100,000
incidents on this machine's kind).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from sqlalchemy import Connection, and_, func, select
from sqlalchemy.engine import make_url

from truceline.publish import redact
from truceline.store import Store
from truceline.store.schema import (
    agreements,
    audit_log,
    claims,
    documents,
    incident_claims,
    incidents,
    sources,
)

__all__ = ["IncidentFilter", "IncidentIndex", "Snapshot"]

Box = tuple[float, float, float, float]  # west, south, east, north
ZoneTest = tuple[Box, Callable[[float, float], bool]]  # (bounds, test(lat, lon))
# The map's properties beside the point; the list fetches its full rows from SQL.
MAP_FIELDS = ("id", "sub_event_type", "event_date", "location", "admin1", "fatalities", "status")
_COLUMNS = (
    *MAP_FIELDS,
    "event_type",
    "latitude",
    "longitude",
    "geo_precision",
    "radius_km",
    "site_id",
)


@dataclass(slots=True)
class IncidentFilter:
    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None  # an event type or a sub-event type
    status: list[str] | None = None
    bbox: Box | None = None
    zone: str | None = None
    source: str | None = None


def _day(text: str | None) -> int:
    """YYYY-MM-DD as the integer YYYYMMDD (0: unknown), so dates compare as numbers."""
    if not text or len(text) < 10:
        return 0
    try:
        return int(text[:4] + text[5:7] + text[8:10])
    except ValueError:
        return 0


def _in_box(lat: np.ndarray, lon: np.ndarray, box: Box) -> np.ndarray:
    w, s, e, n = box
    inside = (lat >= s) & (lat <= n)  # NaN (no point, or withheld) is never inside
    if w <= e:
        return inside & (lon >= w) & (lon <= e)
    return inside & ((lon >= w) | (lon <= e))  # across the antimeridian


class Snapshot:
    """The index at one version of the database; never changed once built.

    Every array is in display order (newest first, ties broken by ID), so a
    position is also a rank and the matches of a filter come out in order.
    """

    def __init__(
        self, rows: Sequence[Any], *, protected: set[str], at_site: set[str], sites: set[str]
    ) -> None:
        """``rows`` ordered by ID; ``protected``/``at_site``: incident IDs so marked;
        ``sites``: the confidential site IDs."""
        n = len(rows)
        raw = dict(zip(_COLUMNS, zip(*rows, strict=True), strict=True)) if n else {}
        cols = {k: np.array(raw.get(k, ()), dtype=object) for k in _COLUMNS}
        days = {d: _day(d) for d in set(raw.get("event_date", ()))}
        day = np.fromiter(map(days.__getitem__, cols["event_date"]), np.int64, n)
        order = np.lexsort((np.arange(n), day))[::-1]  # rows come ordered by ID
        cols = {k: v[order] for k, v in cols.items()}
        self.sites = sites
        self.day = day[order]
        self.ids: list[str] = cols["id"].tolist()
        self.pos = dict(zip(self.ids, range(n), strict=True))
        self._vocab: dict[str | None, int] = {None: -1}
        for key in ("event_type", "sub_event_type", "status"):
            for v in set(raw.get(key, ())):
                self._vocab.setdefault(v, len(self._vocab))
        code = self._vocab.__getitem__
        self.event_type = np.fromiter(map(code, cols["event_type"]), np.int32, n)
        self.sub_event_type = np.fromiter(map(code, cols["sub_event_type"]), np.int32, n)
        self.status = np.fromiter(map(code, cols["status"]), np.int32, n)
        self.lat = cols["latitude"].astype(float)  # None becomes NaN
        self.lon = cols["longitude"].astype(float)
        self.protected = self._marks(protected)
        self.confidential = self._marks(at_site)
        self.confidential |= np.fromiter(
            (s is not None and str(s) in sites for s in cols["site_id"]), bool, n
        )
        self._cols = [cols[k] for k in MAP_FIELDS]
        # The public view of each marked incident's place, by the redaction rules.
        self.plat, self.plon = self.lat.copy(), self.lon.copy()
        self._public: dict[int, dict[str, Any]] = {}
        for k in np.flatnonzero(self.protected | self.confidential).tolist():
            shown = redact.public_incident(
                {
                    **{f: cols[f][k] for f in _COLUMNS},
                    "protected": bool(self.protected[k]),
                    "confidential": bool(self.confidential[k]),
                }
            )
            self.plat[k] = np.nan if shown.get("latitude") is None else shown["latitude"]
            self.plon[k] = np.nan if shown.get("longitude") is None else shown["longitude"]
            self._public[k] = {f: shown.get(f) for f in MAP_FIELDS}
        # Each incident's map feature as JSON, made when first asked for: (staff, public).
        self._features: tuple[dict[int, bytes], dict[int, bytes]] = ({}, {})

    def _marks(self, ids: set[str]) -> np.ndarray:
        out = np.zeros(len(self.ids), bool)
        out[[self.pos[i] for i in ids if i in self.pos]] = True
        return out

    def __len__(self) -> int:
        return len(self.ids)

    def props(self, ks: Sequence[int], *, public: bool) -> list[dict[str, Any]]:
        """The map's properties of the incidents at positions ``ks``."""
        idx = np.asarray(ks, dtype=np.int64)
        columns = [col[idx].tolist() for col in self._cols]
        out = [dict(zip(MAP_FIELDS, vals, strict=True)) for vals in zip(*columns, strict=True)]
        if public and self._public:
            for j, k in enumerate(ks):
                if k in self._public:
                    out[j] = dict(self._public[k])
        return out

    def features(self, ks: Sequence[int], *, public: bool) -> list[bytes]:
        """The GeoJSON features (encoded) of the incidents at ``ks`` that have a point shown."""
        cache = self._features[public]
        missing = [k for k in ks if k not in cache]
        if missing:
            for k, props in zip(missing, self.props(missing, public=public), strict=True):
                p = self.point(k, public=public)
                if p is None:
                    cache[k] = b""
                    continue
                feature = {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [p[1], p[0]]},
                    "properties": props,
                }
                # A copy: orjson's own result holds on to a buffer of some kilobytes.
                cache[k] = bytes(memoryview(orjson.dumps(feature)))
        return [f for f in map(cache.__getitem__, ks) if f]

    def point(self, k: int, *, public: bool) -> tuple[float, float] | None:
        """(lat, lon) as shown, or None: no point, or withheld."""
        lat, lon = (self.plat[k], self.plon[k]) if public else (self.lat[k], self.lon[k])
        if lat != lat or lon != lon:  # NaN
            return None
        return float(lat), float(lon)

    def matches(
        self,
        f: IncidentFilter,
        *,
        public: bool,
        zone_bounds: Box | None = None,
        source_ids: set[str] | None = None,
    ) -> np.ndarray:
        """Positions of the matching incidents, newest first (before any zone test)."""
        m = np.ones(len(self), bool)
        if f.date_from:
            m &= self.day >= _day(f.date_from)
        if f.date_to:
            m &= (self.day <= _day(f.date_to)) & (self.day > 0)
        if f.type:
            code = self._vocab.get(f.type, -2)
            m &= (self.event_type == code) | (self.sub_event_type == code)
        if f.status:
            wanted = np.zeros(len(self._vocab) + 1, bool)  # a lookup table by code; -1 is last
            wanted[[self._vocab[s] for s in f.status if s in self._vocab]] = True
            m &= wanted[self.status]
        # The public filters on the place it is shown, so a bbox cannot probe a hidden point.
        lat, lon = (self.plat, self.plon) if public else (self.lat, self.lon)
        for box in (f.bbox, zone_bounds):
            if box is not None:
                m &= _in_box(lat, lon, box)
        if source_ids is not None:
            m &= self._marks(source_ids)
        return np.flatnonzero(m)

    def page(
        self,
        hits: np.ndarray,
        *,
        public: bool,
        limit: int,
        offset: int,
        zone_test: Callable[[float, float], bool] | None = None,
    ) -> tuple[list[int], int | None]:
        """A page of positions and the offset of the next page (None: no more).

        Offsets count positions in ``hits``; a zone is tested point by point from
        the offset on, so a page may end early when the zone holds few of them.
        """
        if zone_test is None:
            chosen = hits[offset : offset + limit].tolist()
            return chosen, offset + limit if len(hits) > offset + limit else None
        chosen = []
        for j in range(offset, len(hits)):
            k = int(hits[j])
            p = self.point(k, public=public)
            if p is not None and zone_test(*p):
                chosen.append(k)
                if len(chosen) == limit:
                    return chosen, j + 1 if j + 1 < len(hits) else None
        return chosen, None


def _snapshot(conn: Connection) -> Snapshot:
    rows = conn.execute(select(*(incidents.c[k] for k in _COLUMNS)).order_by(incidents.c.id)).all()
    member = incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
    protected = set(
        conn.execute(
            select(incident_claims.c.incident_id)
            .select_from(
                member.join(documents, documents.c.id == claims.c.document_id).join(
                    sources, sources.c.id == documents.c.source_id
                )
            )
            .where(sources.c.protected.is_(True))
            .distinct()
        ).scalars()
    )
    confidential = redact.confidential_site_ids(conn)
    at_site: set[str] = set()
    if confidential:
        at_site = set(
            conn.execute(
                select(incident_claims.c.incident_id)
                .select_from(member)
                .where(claims.c.site_id.in_(sorted(confidential)))
                .distinct()
            ).scalars()
        )
    return Snapshot(rows, protected=protected, at_site=at_site, sites=confidential)


class IncidentIndex:
    """The current Snapshot of a store, rebuilt when the store has changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._version: Any = None
        self._probe: sqlite3.Connection | None = None
        if store.is_sqlite:
            path = make_url(store.url).database
            if path and path != ":memory:":
                self._probe = sqlite3.connect(path, check_same_thread=False)

    def _current_version(self, conn: Connection) -> Any:
        if self._probe is not None:
            return self._probe.execute("PRAGMA data_version").fetchone()[0]
        return (
            conn.execute(select(func.count(), func.max(incidents.c.updated_at))).first(),
            conn.execute(select(func.max(audit_log.c.seq))).scalar(),
            conn.execute(select(func.count(), func.max(agreements.c.loaded_at))).first(),
        )

    def snapshot(self, conn: Connection) -> Snapshot:
        with self._lock:  # one rebuild at a time; the others wait for it and use it
            version = self._current_version(conn)
            if self._snap is None or version != self._version:
                self._snap = _snapshot(conn)
                self._version = version
            return self._snap

    def source_ids(self, conn: Connection, name: str, *, public: bool) -> set[str]:
        """IDs of incidents with a member claim from the named source."""
        cond = [sources.c.name == name]
        if public:  # a protected source's incidents cannot be found by its name
            cond.append(sources.c.protected.is_(False))
        q = (
            select(incident_claims.c.incident_id)
            .select_from(
                incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
                .join(documents, documents.c.id == claims.c.document_id)
                .join(sources, sources.c.id == documents.c.source_id)
            )
            .where(and_(*cond))
            .distinct()
        )
        return set(conn.execute(q).scalars())

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
