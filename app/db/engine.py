"""Engines and transactions.

``Database.write()`` and ``Database.read()`` each open one session in one transaction: a write either
commits whole or leaves nothing. On SQLite, writes start with ``BEGIN IMMEDIATE`` so two writers
queue instead of failing half-way; the file runs in WAL with ``synchronous=FULL`` (offices lose
power) and foreign keys on. The same code runs on PostgreSQL when a connection URL is configured.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.db import lengths as _lengths  # noqa: F401 - installs the length check on every Session flush

SQLITE_BUSY_TIMEOUT_MS = 15_000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling is off).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql(begin)

    return engine


#: a write engine → the read engine of the same database (SQLite: the one that does not BEGIN IMMEDIATE)
_readers: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def read_engine(engine: Engine) -> Engine:
    """The engine to read with for ``engine``'s database: reading never takes SQLite's write lock, so a
    check made inside a write transaction (a permission check) does not wait for that transaction."""
    return _readers.get(engine, engine)


class Database:
    """The office database: one SQLite file, or a PostgreSQL server shared by several counters."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(url, immediate=False)
            self.write_engine = _sqlite_engine(url, immediate=True)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            self.write_engine = self.engine
        if self.write_engine is not self.engine:
            _readers[self.write_engine] = self.engine
        self._read = sessionmaker(self.engine, class_=Session, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, class_=Session, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back everything on any error."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end).

        Objects read here are detached with their loaded values before the rollback, so a caller may
        use them afterwards (a rollback would otherwise expire them).
        """
        with self._read() as session:
            try:
                yield session
            finally:
                session.expunge_all()
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
