"""Opening a store: SQLite pragmas, schema checks, backup, Alembic upgrade.

A database written by a newer StyleRec is refused before anything is written;
an older one is copied aside (`<name>.bak-<revision>`) before it is upgraded.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from stylerec_app.domain.errors import SchemaTooNewError, StoreError


def migrations_dir() -> Path:
    """The Alembic folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "db"
    return Path(__file__).resolve().parents[2] / "db"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _set_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def backup_file(path: Path, label: str) -> Path:
    """Consistent copy through SQLite's backup API (safe even with a WAL open)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


class Store:
    """An open store: one engine, short sessions, one writer at a time."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        self.backup_path: Path | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any exception."""
        with self._write_lock, self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        has_tables = bool(inspect(conn).get_table_names())
        return MigrationContext.configure(conn).get_current_revision(), has_tables


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the store at `path`.

    Raises SchemaTooNewError for a database from a newer version and StoreError
    for a file that is not a StyleRec store.
    """
    path = Path(path).expanduser().resolve()
    if not path.exists():
        if not create:
            raise StoreError(f"No store at {path}.")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = make_engine(path)
        revision, has_tables = _current_revision(engine)
    except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, …
        raise StoreError(f"Cannot open {path} as a StyleRec store: {exc}") from exc
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    store = Store(path, engine)
    if revision is None and has_tables:
        engine.dispose()
        raise StoreError(
            f"{path} is an SQLite database but not a StyleRec store (no schema version). "
            "Choose another file or create a new store."
        )
    if revision is not None:
        try:
            script.get_revision(revision)
        except CommandError:
            engine.dispose()
            raise SchemaTooNewError(
                f"{path} was written by a newer version of StyleRec (schema {revision}); "
                "this version knows schemas up to "
                f"{head}. Update StyleRec to open it — the file was not changed."
            ) from None
    if revision != head:
        if revision is not None:
            store.backup_path = backup_file(path, revision)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return store
