"""The gazetteer: an indexed SQLite file of places and every name they go by.

Three layers, kept apart so each can be reviewed and undone on its own:
  base    built from registry packages (`truceline gazetteer build`)
  import  GeoNames country dumps (`truceline gazetteer import UA.txt`): every village
  local   places learnt from reliable coded reports (`Gazetteer.add_local`)

Loading opens the file and reads the small admin-1 table, nothing more; names are
looked up through the index and cached, so a loaded gazetteer costs a few MB.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from truceline.errors import GazetteerError, InputError
from truceline.geocode.build import FEATURE_ID_OFFSET, SCHEMA, build_base, name_rows, write_meta
from truceline.geocode.names import fold, has_cyrillic, romanise, skeleton

__all__ = [
    "Candidate",
    "Gazetteer",
    "LocalPlace",
    "default_gazetteer_path",
    "ensure_gazetteer",
]

BUILD_VERSION = "14"
LOCAL_ID_OFFSET = 10**10  # local places get IDs above every GeoNames ID
MAX_CANDIDATES = 60


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: int
    name: str
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str | None
    admin1: str  # admin-1 code within the country
    admin2: str | None
    population: int
    layer: str  # base | import | local
    kind: int  # how the name matched: 0 own, 1 alternate, 2 romanisation, 3 skeleton, 4 demonym

    @property
    def geonameid(self) -> int | None:
        return self.id if self.id < FEATURE_ID_OFFSET else None


@dataclass(frozen=True, slots=True)
class LocalPlace:
    id: int
    name: str
    latitude: float
    longitude: float
    country_code: str | None
    admin1: str | None
    source: str
    added: str


def default_gazetteer_path() -> Path:
    """$TRUCELINE_CACHE/gazetteer.sqlite, else ~/.cache/truceline/gazetteer.sqlite."""
    root = os.environ.get("TRUCELINE_CACHE") or Path.home() / ".cache" / "truceline"
    return Path(root) / "gazetteer.sqlite"


def ensure_gazetteer(path: Path | str | None = None, *, force: bool = False) -> Gazetteer:
    """The gazetteer at `path`, built first if it is missing, stale or `force`d."""
    path = Path(path) if path else default_gazetteer_path()
    if force or not Gazetteer.is_current(path):
        Gazetteer.build(path)
    return Gazetteer(path)


def _carry_over(con: sqlite3.Connection, old: Path) -> dict[str, int]:
    """Imported dumps and learnt places outlive a rebuild of the base layer: they were
    a deployment's own work, and a new package version must not drop them."""
    try:
        con.execute("ATTACH DATABASE ? AS old", (str(old),))
    except sqlite3.DatabaseError:
        return {}
    try:
        before = con.total_changes
        con.execute("INSERT OR IGNORE INTO places SELECT * FROM old.places WHERE layer = 'import'")
        imported = con.total_changes - before
        for table in ("names", "skeletons"):
            con.execute(
                f"INSERT OR IGNORE INTO {table} SELECT t.* FROM old.{table} t "
                "JOIN old.places p ON p.id = t.id WHERE p.layer = 'import'"
            )
        before = con.total_changes
        con.execute("INSERT OR IGNORE INTO local SELECT * FROM old.local")
        learnt = con.total_changes - before
        con.commit()
    except sqlite3.DatabaseError as e:
        con.rollback()
        raise GazetteerError(
            f"{old}: its imported and learnt places cannot be carried into the new build "
            f"({e}); move the file aside to build afresh"
        ) from None
    finally:
        con.execute("DETACH DATABASE old")
    return {"imported kept": imported, "learnt kept": learnt}


_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, p.population, p.layer"
)


class Gazetteer:
    """Read access to a built gazetteer, plus the import and local layers."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(
                f"no gazetteer at {self.path}", hint="run `truceline gazetteer build`"
            )
        try:
            self._con = sqlite3.connect(str(self.path), check_same_thread=False)
            self._con.execute("PRAGMA query_only = 0")
            self._con.execute("PRAGMA mmap_size = 268435456")  # pages shared, read on demand
            self._admin1 = {
                (cc, code): (name, iso, pid, lat, lon)
                for cc, code, name, iso, pid, lat, lon in self._con.execute("SELECT * FROM admin1")
            }
        except sqlite3.DatabaseError as e:
            raise GazetteerError(
                f"gazetteer {self.path} cannot be read: {e}",
                hint="rebuild it with `truceline gazetteer build --force`",
            ) from None
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._skel_cache: dict[str, tuple[Candidate, ...]] = {}
        self._region_cache: dict[tuple[str, str], list[tuple[str, Candidate]]] = {}
        self._pool_cache: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._local_count = self._con.execute("SELECT count(*) FROM local").fetchone()[0]

    # -- building -------------------------------------------------------------------------

    @staticmethod
    def is_current(path: Path) -> bool:
        if not path.exists():
            return False
        try:
            con = sqlite3.connect(str(path))
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            con.close()
        except sqlite3.DatabaseError:
            return False
        return bool(row) and row[0] == BUILD_VERSION

    @staticmethod
    def build(path: Path | str, *, quiet: bool = False) -> dict[str, object]:
        """Build the base layer into `path`, replacing it but keeping its imported and
        learnt places; returns time, size and counts."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # one temporary file per process: two processes may find the same stale file
        tmp = path.with_suffix(f".building-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        t0 = time.perf_counter()

        def progress(msg: str) -> None:
            if not quiet:
                print(f"gazetteer: {msg} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

        con = sqlite3.connect(str(tmp))
        try:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.executescript(SCHEMA)
            counts = build_base(con, progress)
            if path.exists():
                counts.update(_carry_over(con, path))
            write_meta(con, version=BUILD_VERSION, built=time.strftime("%Y-%m-%dT%H:%M:%SZ"))
            con.commit()
            progress("indexing")
            con.execute("CREATE INDEX IF NOT EXISTS places_admin ON places (cc, admin1)")
            con.commit()
            con.execute("VACUUM")
        except Exception as e:
            con.close()
            tmp.unlink(missing_ok=True)
            raise GazetteerError(f"gazetteer build failed: {e}") from e
        con.close()
        os.replace(tmp, path)
        seconds = time.perf_counter() - t0
        progress(f"done: {path}")
        return {
            "path": str(path),
            "seconds": round(seconds, 1),
            "bytes": path.stat().st_size,
            **counts,
        }

    # -- lookup ---------------------------------------------------------------------------

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every place `name` may refer to (exact key, then its romanisations)."""
        key = fold(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found = self._lookup(key)
        if not found and has_cyrillic(name):
            seen: dict[int, Candidate] = {}
            for latin in romanise(name):
                for c in self._lookup(latin):
                    seen.setdefault(c.id, c)
            found = tuple(seen.values())
        if len(found) > MAX_CANDIDATES:
            # the rest are hamlets sharing a common name; no document context lifts them
            found = tuple(
                sorted(found, key=lambda c: (c.fclass != "A", -c.population))[:MAX_CANDIDATES]
            )
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = found
        return found

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.id = n.id WHERE n.key = ? "
            "ORDER BY p.fclass != 'A', p.population DESC LIMIT ?",
            (key, MAX_CANDIDATES),
        ).fetchall()
        out = [Candidate(*r) for r in rows]
        if self._local_count:
            out += self._local_candidates(key)
        return tuple(out)

    def fuzzy_candidates(self, name: str) -> tuple[Candidate, ...]:
        """Places of the theatre whose skeleton matches: "Zaporizhia", "Kharkov'"."""
        latin = sorted(romanise(name)) if has_cyrillic(name) else [name]
        key = skeleton(latin[0]) if latin else ""
        if len(key) < 4:
            return ()
        hit = self._skel_cache.get(key)
        if hit is None:
            rows = self._con.execute(
                f"SELECT {_COLUMNS}, 3 FROM skeletons s JOIN places p ON p.id = s.id WHERE s.key = ?",
                (key,),
            ).fetchall()
            hit = self._skel_cache[key] = tuple(Candidate(*r) for r in rows)
        return hit

    def region_places(self, cc: str, admin1: str) -> list[tuple[str, Candidate]]:
        """(name, place) for every place of one admin-1 region, for fuzzy matching
        a village spelt some other way ("X, Sumy")."""
        hit = self._region_cache.get((cc, admin1))
        if hit is None:
            rows = self._con.execute(
                f"SELECT {_COLUMNS}, 3 FROM places p WHERE p.cc = ? AND p.admin1 = ? "
                "AND p.fclass = 'P'",
                (cc, admin1),
            ).fetchall()
            hit = [(r[1], Candidate(*r)) for r in rows]
            self._region_cache[(cc, admin1)] = hit
        return hit

    def major_names(self, key: str) -> list[tuple[str, int]]:
        """(folded name, ID) of the larger places (towns of 15,000 and more, regions,
        countries, features) that share `key`'s first letter and about its length:
        the pool a misspelt name is loosely matched against."""
        slack = 1 if len(key) < 12 else 2  # a ratio of 88 allows no more
        # Read one (first letter, length) bucket at a time, each once: neighbouring
        # lengths share most of their buckets, and a bucket holds a thousand names.
        # Buckets in order of length, each in key order, are the table's own order.
        head, out = key[:1], []
        for n in range(len(key) - slack, len(key) + slack + 1):
            bucket = self._pool_cache.get((head, n))
            if bucket is None:
                bucket = self._pool_cache[(head, n)] = self._con.execute(
                    "SELECT key, id FROM pool WHERE head = ? AND n = ? ORDER BY key, id",
                    (head, n),
                ).fetchall()
            out += bucket
        return out

    def has_name(self, name: str) -> bool:
        return bool(self.candidates(name))

    def admin1_name(self, cc: str | None, code: str | None) -> str | None:
        row = self._admin1.get((cc or "", code or ""))
        return row[0] if row else None

    def admin1_point(self, cc: str | None, code: str | None) -> tuple[float, float] | None:
        row = self._admin1.get((cc or "", code or ""))
        return (row[3], row[4]) if row else None

    def admin1_regions(self) -> dict[tuple[str, str], str]:
        return {k: v[0] for k, v in self._admin1.items()}

    def place(self, pid: int) -> Candidate | None:
        row = self._con.execute(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE p.id = ?", (pid,)
        ).fetchone()
        return Candidate(*row) if row else None

    def stats(self) -> dict[str, int]:
        q = "SELECT layer, count(*) FROM places GROUP BY layer"
        out = {layer: n for layer, n in self._con.execute(q)}
        out["local"] = self._con.execute("SELECT count(*) FROM local").fetchone()[0]
        return out

    # -- import layer ---------------------------------------------------------------------

    def import_geonames(self, file: Path | str) -> dict[str, int]:
        """Load a GeoNames country dump (UA.txt): 19 tab-separated columns a line.

        Idempotent: a place already present (by GeoNames ID) is left as it is.
        Returns {"read", "added", "skipped"}; bad lines are skipped and counted.
        """
        file = Path(file)
        added = read = skipped = 0
        places: list[tuple] = []
        names: list[tuple] = []
        skels: list[tuple] = []
        existing = {r[0] for r in self._con.execute("SELECT id FROM places WHERE layer = 'import'")}
        try:
            fh = file.open(encoding="utf-8", newline="")
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", source=str(file)) from None
        with fh:
            for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if not row or row[0].startswith("#"):
                    continue
                read += 1
                try:
                    pid, name = int(row[0]), row[1]
                    lat, lon = float(row[4]), float(row[5])
                    fclass, fcode, cc, admin1 = row[6], row[7], row[8], row[10]
                    population = int(row[14] or 0)
                except (IndexError, ValueError):
                    print(
                        f"Warning: {file}:{lineno}: not a GeoNames row (19 tab-separated columns "
                        "expected); skipped",
                        file=sys.stderr,
                    )
                    skipped += 1
                    continue
                if pid in existing:
                    continue
                existing.add(pid)
                places.append(
                    (pid, name, lat, lon, fclass, fcode, cc, admin1, None, population, "import")
                )
                alts = [row[2], *(a for a in row[3].split(",") if a)]
                n, s = name_rows(pid, name, alts, cc)
                names += n
                skels += s
        with self._con:
            before = self._con.total_changes
            self._con.executemany(
                "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places
            )
            added = self._con.total_changes - before
            self._con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
            self._con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)", skels)
        self._cache.clear()
        self._skel_cache.clear()
        self._region_cache.clear()
        self._pool_cache.clear()
        return {"read": read, "added": added, "skipped": skipped}

    # -- local layer ----------------------------------------------------------------------

    def add_local(
        self,
        name: str,
        lat: float,
        lon: float,
        country_code: str | None = None,
        admin1: str | None = None,
        source: str = "local",
    ) -> int:
        """Learn a place from a reliable coded report; returns its local ID (idempotent)."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"coordinates out of range: {lat}, {lon}", field="latitude")
        key = fold(name)
        if not key:
            raise InputError("empty place name", field="location")
        with self._con:
            self._con.execute(
                "INSERT OR IGNORE INTO local (name, key, lat, lon, cc, admin1, source) "
                "VALUES (?,?,?,?,?,?,?)",
                (name, key, round(lat, 5), round(lon, 5), country_code, admin1, source),
            )
        row = self._con.execute(
            "SELECT id FROM local WHERE key = ? AND lat = ? AND lon = ? AND source = ?",
            (key, round(lat, 5), round(lon, 5), source),
        ).fetchone()
        self._local_count = self._con.execute("SELECT count(*) FROM local").fetchone()[0]
        self._cache.pop(key, None)
        return int(row[0])

    def remove_local(self, local_id: int | None = None, *, source: str | None = None) -> int:
        """Undo learnt places: one by ID, or all from one source. Returns how many."""
        if local_id is None and source is None:
            raise InputError("say which local places to remove: an ID or a source")
        with self._con:
            if local_id is not None:
                cur = self._con.execute("DELETE FROM local WHERE id = ?", (local_id,))
            else:
                cur = self._con.execute("DELETE FROM local WHERE source = ?", (source,))
        self._local_count = self._con.execute("SELECT count(*) FROM local").fetchone()[0]
        self._cache.clear()
        return cur.rowcount

    def list_local(self, source: str | None = None) -> list[LocalPlace]:
        q = "SELECT id, name, lat, lon, cc, admin1, source, added FROM local"
        args: tuple = ()
        if source:
            q += " WHERE source = ?"
            args = (source,)
        return [LocalPlace(*r) for r in self._con.execute(q + " ORDER BY id", args)]

    def _local_candidates(self, key: str) -> list[Candidate]:
        rows = self._con.execute(
            "SELECT id, name, lat, lon, cc, admin1 FROM local WHERE key = ?", (key,)
        ).fetchall()
        out = []
        for lid, name, lat, lon, cc, admin1 in rows:
            code = self._admin1_code(cc, admin1)
            out.append(
                Candidate(LOCAL_ID_OFFSET + lid, name, lat, lon, "P", "PPL", cc, code or "", None,
                          0, "local", 0)
            )  # fmt: skip
        return out

    def _admin1_code(self, cc: str | None, admin1: str | None) -> str | None:
        if not admin1:
            return None
        want = fold(admin1)
        for (c, code), (name, *_rest) in self._admin1.items():
            if (cc is None or c == cc) and (fold(name) == want or code == admin1):
                return code
        return None

    def close(self) -> None:
        self._con.close()
