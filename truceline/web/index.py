"""An in-memory read model of the incidents, for the incident list and the map.

In SQL, each list or map request filtered 100,000 rows by date, type, status and
bounding box, and the public view paid a four-table join per row to learn
whether a protected reporter stood behind it.  Here the list's columns and the
public view of each incident's place (computed by `truceline.publish.redact`)
are kept as numpy arrays, one Snapshot per version of the database.  A request
filters them in well under a millisecond and builds its page from memory; each
row and map feature is encoded to JSON once per version and then only joined.

The version comes from SQLite's ``PRAGMA data_version`` on a connection of the
index's own (it moves whenever any other connection, in any process, commits);
on other databases from a fingerprint of the incidents, the audit log and the
agreements.  After a change only the incidents whose ``updated_at`` is at or
after the newest one already read are read again (every library write stamps
it), and patched into a new Snapshot (0.2-0.3 s at 100,000 incidents, mostly
re-sorting and re-coding the arrays).  The whole index is rebuilt (1.5-2.3 s at
100,000 incidents, on a busy 2-core machine) when an incident was deleted,
when what decides redaction changed (the agreements' confidential sites, which
sources are protected, which claims sit at a confidential site), when most rows
changed, and at least every `FULL_EVERY` seconds after a change, so a write
that forgot to stamp ``updated_at`` is seen within that time.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from sqlalchemy import Connection, and_, case, func, select
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

__all__ = ["LIST_COLUMNS", "MAP_FIELDS", "IncidentFilter", "IncidentIndex", "Snapshot"]

Box = tuple[float, float, float, float]  # west, south, east, north
ZoneTest = tuple[Box, Callable[[float, float], bool]]  # (bounds, test(lat, lon))
# The incident list's columns, in the order its rows show them.
LIST_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "location",
    "admin1",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "radius_km",
    "fatalities",
    "actor1",
    "actor2",
    "site_id",
    "status",
    "independent_sources",
    "updated_at",
)
# The map's properties beside the point.
MAP_FIELDS = ("id", "sub_event_type", "event_date", "location", "admin1", "fatalities", "status")
FULL_EVERY = 300.0  # seconds: the longest an incremental index goes without a full rebuild
# Encoded list rows kept per view (some 500 bytes each); the cache restarts when full.
# Map features (some 200 bytes) are all kept: at most one per incident and view.
ROW_CACHE_MAX = 50_000
GRID = 48  # cells a side when a map view holds too many points to send


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


def _columns(rows: Sequence[Any]) -> dict[str, np.ndarray]:
    """Rows of LIST_COLUMNS as one object array per column.  Repeated strings (actors,
    dates, places) are shared, not held once per row."""
    n = len(rows)
    shared: dict[Any, Any] = {}
    out = {}
    for key, values in zip(
        LIST_COLUMNS, zip(*rows, strict=True) if n else [()] * len(LIST_COLUMNS), strict=True
    ):
        col = np.empty(n, dtype=object)
        col[:] = [shared.setdefault(v, v) if isinstance(v, str) else v for v in values]
        out[key] = col
    return out


def _isin(ids: np.ndarray, wanted: set[str]) -> np.ndarray:
    return np.fromiter((i in wanted for i in ids), bool, len(ids))


class Snapshot:
    """The index at one version of the database; never changed once built (its caches
    of encoded JSON aside).

    Every array is in display order (newest first, ties broken by ID, highest
    first), so a position is also a rank and the matches of a filter come out
    in order.
    """

    def __init__(
        self,
        cols: dict[str, np.ndarray],
        protected: np.ndarray,
        confidential: np.ndarray,
        *,
        sites: set[str],
        mark: str | None,
        base: Snapshot | None = None,
        changed: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """``cols``: LIST_COLUMNS as object arrays, in any order; ``protected`` and
        ``confidential``: marks aligned with them; ``sites``: the confidential site IDs;
        ``mark``: the newest ``updated_at`` read.  With ``base``, what was computed
        there for incidents not in ``changed`` is reused."""
        n = len(cols["id"])
        days = {d: _day(d) for d in set(cols["event_date"].tolist())}
        day = np.fromiter(map(days.__getitem__, cols["event_date"]), np.int64, n)
        order = np.lexsort((cols["id"].astype(str), day))[::-1] if n else np.zeros(0, np.int64)
        self.cols = {k: v[order] for k, v in cols.items()}
        self.sites, self.mark = sites, mark
        self.day = day[order]
        self._neg_day = -self.day  # ascending, for binary search on dates
        self.ids: list[str] = self.cols["id"].tolist()
        self.pos = dict(zip(self.ids, range(n), strict=True))
        self.protected = protected[order]
        self.confidential = confidential[order]
        self._vocab: dict[str | None, int] = {None: -1}
        for key in ("event_type", "sub_event_type", "status"):
            for v in set(self.cols[key].tolist()):
                self._vocab.setdefault(v, len(self._vocab))
        code = self._vocab.__getitem__
        self.event_type = np.fromiter(map(code, self.cols["event_type"]), np.int32, n)
        self.sub_event_type = np.fromiter(map(code, self.cols["sub_event_type"]), np.int32, n)
        self.status = np.fromiter(map(code, self.cols["status"]), np.int32, n)
        self.lat = self.cols["latitude"].astype(float)  # None becomes NaN
        self.lon = self.cols["longitude"].astype(float)
        # The public view of each marked incident (by the redaction rules), by ID.
        self.plat, self.plon = self.lat.copy(), self.lon.copy()
        self._public: dict[str, dict[str, Any]] = {}
        old = base._public if base is not None else {}
        for k in np.flatnonzero(self.protected | self.confidential).tolist():
            i = self.ids[k]
            shown = old.get(i) if i not in changed else None
            if shown is None:
                shown = redact.public_incident(
                    {
                        **self.row(k),
                        "protected": bool(self.protected[k]),
                        "confidential": bool(self.confidential[k]),
                    }
                )
            self._public[i] = shown
            self.plat[k] = np.nan if shown.get("latitude") is None else shown["latitude"]
            self.plon[k] = np.nan if shown.get("longitude") is None else shown["longitude"]
        # Encoded JSON by position, [staff, public]: map features and list rows.  Lists,
        # not dicts: a map view looks up some thousand of them per request.
        self._features: list[list[bytes | None]] = [[None] * n, [None] * n]
        self._rows: list[list[bytes | None]] = [[None] * n, [None] * n]
        self._row_count = [0, 0]
        if base is not None:  # carry over what is still true, at the new positions
            new_pos = self.pos.get
            moved = np.fromiter(
                (-1 if i in changed else new_pos(i, -1) for i in base.ids), np.int64, len(base)
            )
            ok = moved >= 0
            for mine, theirs in ((self._features, base._features), (self._rows, base._rows)):
                for view in (0, 1):
                    carried = np.full(n, None, dtype=object)
                    carried[moved[ok]] = np.array(theirs[view], dtype=object)[ok]
                    mine[view] = carried.tolist()
            self._row_count = [n - row.count(None) for row in self._rows]

    def __len__(self) -> int:
        return len(self.ids)

    def patched(
        self,
        cols: dict[str, np.ndarray],
        protected: np.ndarray,
        confidential: np.ndarray,
        *,
        mark: str | None,
    ) -> Snapshot:
        """A new Snapshot with the incidents in ``cols`` added or replaced."""
        changed = set(cols["id"].tolist())
        keep = ~_isin(self.cols["id"], changed)
        merged = {k: np.concatenate([self.cols[k][keep], cols[k]]) for k in LIST_COLUMNS}
        return Snapshot(
            merged,
            np.concatenate([self.protected[keep], protected]),
            np.concatenate([self.confidential[keep], confidential]),
            sites=self.sites,
            mark=max(filter(None, (self.mark, mark)), default=None),
            base=self,
            changed=changed,
        )

    def row(self, k: int) -> dict[str, Any]:
        """The incident at position ``k`` with LIST_COLUMNS, as stored."""
        return {key: self.cols[key][k] for key in LIST_COLUMNS}

    def _fields(self, ks: Sequence[int], fields: Sequence[str], *, public: bool) -> list[dict]:
        """``fields`` of the incidents at ``ks``; for the public, the redacted ones where
        redaction changed the place (the rest still pass through `redact` for the list)."""
        idx = np.asarray(ks, dtype=np.int64)
        columns = [self.cols[f][idx].tolist() for f in fields]
        out = [dict(zip(fields, vals, strict=True)) for vals in zip(*columns, strict=True)]
        if public and self._public:
            for j, k in enumerate(ks):
                shown = self._public.get(self.ids[k])
                if shown is not None:
                    out[j] = {f: shown.get(f) for f in fields}
        return out

    def rows(self, ks: Sequence[int], *, public: bool) -> list[dict[str, Any]]:
        """The list's rows at positions ``ks``, redacted if ``public``."""
        if not public:
            return self._fields(ks, LIST_COLUMNS, public=False)
        out = []
        for k, r in zip(ks, self._fields(ks, LIST_COLUMNS, public=False), strict=True):
            shown = self._public.get(self.ids[k])
            if shown is not None:  # redacted when the snapshot was built
                out.append(dict(shown))
                continue
            r["protected"] = r["confidential"] = False
            out.append(redact.public_incident(r))
        return out

    def rows_json(self, ks: Sequence[int], *, public: bool) -> list[bytes]:
        """The list's rows at ``ks``, each encoded as JSON."""
        cache = self._rows[public]
        got = [cache[k] for k in ks]
        missing = [k for k, b in zip(ks, got, strict=True) if b is None]
        if not missing:
            return got  # type: ignore[return-value]
        if self._row_count[public] + len(missing) > ROW_CACHE_MAX:
            # A bound on memory: start again (the rows in use are encoded again).
            self._rows[public] = cache = [None] * len(self)
            self._row_count[public] = 0
        fresh = dict(zip(missing, self._encode_rows(missing, public), strict=True))
        for k, b in fresh.items():
            cache[k] = b
        self._row_count[public] += len(fresh)
        return [fresh[k] if b is None else b for k, b in zip(ks, got, strict=True)]

    def features(self, ks: Sequence[int], *, public: bool) -> list[bytes]:
        """The GeoJSON features (encoded) of the incidents at ``ks`` that have a point shown."""
        cache = self._features[public]
        got = [cache[k] for k in ks]
        if None in got:
            missing = [k for k, b in zip(ks, got, strict=True) if b is None]
            for k, b in zip(missing, self._encode_features(missing, public), strict=True):
                cache[k] = b
            got = [cache[k] for k in ks]
        return [f for f in got if f]

    def _encode_rows(self, ks: list[int], public: bool) -> list[bytes]:
        # A copy: orjson's own result holds on to a buffer of some kilobytes.
        return [bytes(memoryview(orjson.dumps(r))) for r in self.rows(ks, public=public)]

    def _encode_features(self, ks: list[int], public: bool) -> list[bytes]:
        out = []
        for k, props in zip(ks, self._fields(ks, MAP_FIELDS, public=public), strict=True):
            p = self.point(k, public=public)
            if p is None:
                out.append(b"")
                continue
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p[1], p[0]]},
                "properties": props,
            }
            out.append(bytes(memoryview(orjson.dumps(feature))))
        return out

    def point(self, k: int, *, public: bool) -> tuple[float, float] | None:
        """(lat, lon) as shown, or None: no point, or withheld."""
        lat, lon = (self.plat[k], self.plon[k]) if public else (self.lat[k], self.lon[k])
        if lat != lat or lon != lon:  # NaN
            return None
        return float(lat), float(lon)

    def _date_range(self, f: IncidentFilter) -> tuple[int, int]:
        """Positions [lo, hi) within the dates: the arrays run newest first."""
        lo, hi = 0, len(self)
        if f.date_to:
            lo = int(np.searchsorted(self._neg_day, -_day(f.date_to), side="left"))
            hi = int(np.searchsorted(self._neg_day, 0, side="left"))  # undated ones last
        if f.date_from:
            hi = min(hi, int(np.searchsorted(self._neg_day, -_day(f.date_from), side="right")))
        return lo, max(lo, hi)

    def matches(
        self,
        f: IncidentFilter,
        *,
        public: bool,
        zone_bounds: Box | None = None,
        source_ids: set[str] | None = None,
    ) -> np.ndarray:
        """Positions of the matching incidents, newest first (before any zone test)."""
        lo, hi = self._date_range(f)
        m = np.ones(hi - lo, bool)
        if f.type:
            code = self._vocab.get(f.type, -2)
            m &= (self.event_type[lo:hi] == code) | (self.sub_event_type[lo:hi] == code)
        if f.status:
            wanted = np.zeros(len(self._vocab) + 1, bool)  # a lookup table by code; -1 is last
            wanted[[self._vocab[s] for s in f.status if s in self._vocab]] = True
            m &= wanted[self.status[lo:hi]]
        # The public filters on the place it is shown, so a bbox cannot probe a hidden point.
        lat, lon = (self.plat, self.plon) if public else (self.lat, self.lon)
        for box in (f.bbox, zone_bounds):
            if box is not None:
                m &= _in_box(lat[lo:hi], lon[lo:hi], box)
        if source_ids is not None:
            marked = np.zeros(len(self), bool)
            marked[[self.pos[i] for i in source_ids if i in self.pos]] = True
            m &= marked[lo:hi]
        return np.flatnonzero(m) + lo

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

    def grid(self, hits: np.ndarray, bbox: Box, *, public: bool) -> dict[str, Any]:
        """The points at ``hits`` (all inside ``bbox``) counted per cell of a GRID x GRID
        grid over it, each cell placed at the mean of its points, with counts by status."""
        lat = (self.plat if public else self.lat)[hits]
        lon = (self.plon if public else self.lon)[hits]
        w, s, e, n = bbox
        width = (e - w) % 360 or 360.0
        col = np.clip(((lon - w) % 360 / width * GRID).astype(int), 0, GRID - 1)
        row = np.clip(((lat - s) / max(n - s, 1e-9) * GRID).astype(int), 0, GRID - 1)
        cells, inverse, counts = np.unique(
            row * GRID + col, return_inverse=True, return_counts=True
        )
        # Across the antimeridian a plain mean of longitudes lands on the far side.
        lon_east = np.where(lon < w, lon + 360, lon)
        mean_lat = np.bincount(inverse, weights=lat) / counts
        mean_lon = np.bincount(inverse, weights=lon_east) / counts
        mean_lon = np.where(mean_lon > 180, mean_lon - 360, mean_lon)
        names = {v: k for k, v in self._vocab.items()}
        by_status = np.zeros((len(cells), len(names) + 1), np.int64)
        np.add.at(by_status, (inverse, self.status[hits]), 1)
        feats = []
        for j in range(len(cells)):
            statuses = {names[c]: int(x) for c, x in enumerate(by_status[j]) if x and c in names}
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(float(mean_lon[j]), 5), round(float(mean_lat[j]), 5)],
                    },
                    "properties": {"cluster": True, "count": int(counts[j]), "statuses": statuses},
                }
            )
        return {
            "type": "FeatureCollection",
            "features": feats,
            "clustered": True,
            "matched": len(hits),
        }


def _read(
    conn: Connection, sites: set[str], since: str | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, str | None]:
    """Incidents (those updated at or after ``since``, if given) as columns, with their
    marks: (columns, protected, confidential, newest updated_at)."""
    q = select(*(incidents.c[k] for k in LIST_COLUMNS))
    if since is not None:
        q = q.where(incidents.c.updated_at >= since)
    rows = conn.execute(q).all()
    cols = _columns(rows)
    ids = None if since is None else cols["id"].tolist()
    protected, at_site = _marked(conn, sites, ids)
    confidential = _isin(cols["id"], at_site) | np.fromiter(
        (s is not None and str(s) in sites for s in cols["site_id"]), bool, len(rows)
    )
    mark = max(filter(None, cols["updated_at"].tolist()), default=None)
    return cols, _isin(cols["id"], protected), confidential, mark


def _marked(conn: Connection, sites: set[str], ids: list[str] | None) -> tuple[set[str], set[str]]:
    """IDs (among ``ids``; all when None) with a member claim from a protected source,
    and with a member claim at a confidential site."""
    member = incident_claims.join(claims, claims.c.id == incident_claims.c.claim_id)
    chunks: Iterable[list[str] | None] = (
        [None] if ids is None else (ids[i : i + 500] for i in range(0, len(ids), 500))
    )
    protected: set[str] = set()
    at_site: set[str] = set()
    for chunk in chunks:
        where = [] if chunk is None else [incident_claims.c.incident_id.in_(chunk)]
        protected.update(
            conn.execute(
                select(incident_claims.c.incident_id)
                .select_from(
                    member.join(documents, documents.c.id == claims.c.document_id).join(
                        sources, sources.c.id == documents.c.source_id
                    )
                )
                .where(sources.c.protected.is_(True), *where)
                .distinct()
            ).scalars()
        )
        if sites:
            at_site.update(
                conn.execute(
                    select(incident_claims.c.incident_id)
                    .select_from(member)
                    .where(claims.c.site_id.in_(sorted(sites)), *where)
                    .distinct()
                ).scalars()
            )
    return protected, at_site


def _redaction_inputs(conn: Connection, sites: set[str]) -> tuple[Any, ...]:
    """A fingerprint of what decides the marks beside the incidents' own rows: the
    confidential sites, which sources are protected, how many claims sit at a site."""
    src = conn.execute(
        select(func.count(), func.total(case((sources.c.protected.is_(True), sources.c.id))))
    ).one()
    at_sites = (
        conn.execute(
            select(func.count()).select_from(claims).where(claims.c.site_id.in_(sorted(sites)))
        ).scalar()
        if sites
        else 0
    )
    return frozenset(sites), src[1], at_sites


class IncidentIndex:
    """The current Snapshot of a store, brought up to date when the store has changed."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._clock = clock
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._version: Any = None
        self._inputs: Any = None
        self._built_at = 0.0
        self.rebuilds = {"full": 0, "incremental": 0}
        self._probe: sqlite3.Connection | None = None
        if store.is_sqlite:
            path = make_url(store.url).database
            if path and path != ":memory:":
                self._probe = sqlite3.connect(path, check_same_thread=False)

    def _current_version(self, conn: Connection | None) -> Any:
        if self._probe is not None:
            return self._probe.execute("PRAGMA data_version").fetchone()[0]
        assert conn is not None
        return (
            conn.execute(select(func.count(), func.max(incidents.c.updated_at))).first(),
            conn.execute(select(func.max(audit_log.c.seq))).scalar(),
            conn.execute(select(func.count(), func.max(agreements.c.loaded_at))).first(),
        )

    def is_current(self) -> bool:
        """Whether the snapshot is up to date, known without a query (SQLite only;
        elsewhere always False, and `snapshot` checks).  Never waits: while a refresh
        runs, the answer is False, so the event loop is not held up behind it."""
        if self._probe is None or not self._lock.acquire(blocking=False):
            return False
        try:
            return self._snap is not None and self._current_version(None) == self._version
        finally:
            self._lock.release()

    def snapshot(self, conn: Connection) -> Snapshot:
        with self._lock:  # one refresh at a time; the others wait for it and use it
            version = self._current_version(conn)
            if self._snap is None or version != self._version:
                self._snap = self._refresh(conn)
                self._version = version
            return self._snap

    def _refresh(self, conn: Connection) -> Snapshot:
        sites = redact.confidential_site_ids(conn)
        inputs = _redaction_inputs(conn, sites)
        old = self._snap
        due = self._clock() - self._built_at >= FULL_EVERY
        if old is not None and inputs == self._inputs and not due:
            cols, protected, confidential, mark = _read(conn, sites, since=old.mark)
            count = conn.execute(select(func.count()).select_from(incidents)).scalar()
            if len(cols["id"]) <= len(old) // 4 + 100:
                snap = old.patched(cols, protected, confidential, mark=mark)
                if len(snap) == count:  # else an incident was deleted
                    self.rebuilds["incremental"] += 1
                    return snap
        cols, protected, confidential, mark = _read(conn, sites)
        self._inputs, self._built_at = inputs, self._clock()
        self.rebuilds["full"] += 1
        return Snapshot(cols, protected, confidential, sites=sites, mark=mark)

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
