"""The store: one database, one writer, many readers.

SQLite (the embedded default) runs in WAL mode.  Every write goes through
`Store.write()`, which holds a process-wide lock and opens the transaction with
``BEGIN IMMEDIATE`` so that two writers never interleave; reads use their own
connections and never wait for the writer.  PostgreSQL URLs work too: the
stages speak SQLAlchemy Core only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from truceline.errors import StoreError
from truceline.store import schema

__all__ = ["Clock", "Store", "schema", "utc_now"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _url(target: str) -> str:
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_pragmas(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """Holds the engines; the stages take a Store and use its connections."""

    def __init__(self, url: str, *, clock: Clock = utc_now) -> None:
        self.url = _url(url)
        self.clock = clock
        self.is_sqlite = self.url.startswith("sqlite")
        self._lock = threading.RLock()
        try:
            if self.is_sqlite:
                # One connection for the writer; readers get a pool of their own.
                self._writer = create_engine(self.url, pool_size=1, max_overflow=0)
                self._reader = create_engine(self.url)
                _sqlite_pragmas(self._writer, immediate=True)
                _sqlite_pragmas(self._reader, immediate=False)
            else:
                self._writer = self._reader = create_engine(self.url, pool_pre_ping=True)
        except (SQLAlchemyError, ValueError) as e:
            raise StoreError(f"cannot open database {url!r}: {e}") from None

    @classmethod
    def open(cls, url: str, *, clock: Clock = utc_now, migrate: bool = True) -> Store:
        """Open (creating if needed) and bring the schema up to date."""
        store = cls(url, clock=clock)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
        try:
            with self.write() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as e:
            raise StoreError(
                f"cannot migrate database {self.url}: {e.orig}",
                hint="check the path is writable and is a Truceline database",
            ) from None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction on the single writer connection; commits on success."""
        with self._lock:
            try:
                with self._writer.begin() as conn:
                    yield conn
            except OperationalError as e:
                raise StoreError(
                    f"{self.url.removeprefix('sqlite:///')}: database write failed: {e.orig}",
                    hint="check that its folder exists and is writable",
                ) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.connect() as conn:
            yield conn

    def now(self) -> str:
        """The clock's time as an ISO string, seconds precision, UTC."""
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    def close(self) -> None:
        self._writer.dispose()
        if self._reader is not self._writer:
            self._reader.dispose()
