"""Opening a store: prove the file is ours (read-only), then pragmas, backup, Alembic upgrade.

Nothing is written to a file until it is proven to be a StyleRec store of a known
revision: the header and tables are read through a read-only connection first, so a
foreign database, a newer store or an empty file is refused byte-for-byte untouched.
Creating and upgrading happen under a file lock (two first imports into a new path both
land). Writers take SQLite's write lock up front (BEGIN IMMEDIATE), so concurrent writers
queue on the busy timeout instead of failing half-way; a full disk or a store that stays
busy rolls the batch back and says so in a sentence.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from stylerec_app.domain.errors import SchemaTooNewError, StoreError

APPLICATION_ID = 0x53524543  # "SREC" in the SQLite header: this file is a StyleRec store
_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15000
WRITER_CACHE_KB = 128 * 1024


def migrations_dir() -> Path:
    """The Alembic folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "db"
    return Path(__file__).resolve().parents[2] / "db"


def alembic_config():
    from alembic.config import Config  # only when migrating: Alembic costs 0.2 s to import

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+|None)['\"]?",
                       re.MULTILINE)


def _revisions() -> dict[str, str | None]:
    """{revision: its parent} read from the migration files' headers (a linear chain)."""
    return _read_revisions(migrations_dir())


@functools.cache
def _read_revisions(folder: Path) -> dict[str, str | None]:
    out = {}
    for script in sorted((folder / "versions").glob("*.py")):
        found = dict(m.groups() for m in _REVISION.finditer(script.read_text(encoding="utf-8")))
        if "revision" in found:
            parent = found.get("down_revision")
            out[found["revision"]] = None if parent in (None, "None") else parent
    return out


def head_revision() -> str:
    revisions = _revisions()
    parents = set(revisions.values())
    return next(r for r in revisions if r not in parents)


# -- proving a file is a store (read-only) -------------------------------------------------------

@dataclass(frozen=True)
class Probe:
    state: str  # missing | empty | not_sqlite | foreign | store | unreadable
    revision: str | None = None
    detail: str = ""


def _read_only_uri(path: Path, immutable: bool = False) -> str:
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def probe_store(path: Path) -> Probe:
    """What the file at `path` is, learned without writing a byte to it."""
    if not path.exists():
        return Probe("missing")
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return Probe("unreadable", detail=exc.strerror or str(exc))
    if not header:
        return Probe("empty")
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        return Probe("not_sqlite")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        return Probe("foreign")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Probe("unreadable", detail=str(exc))
    if not tables:
        return Probe("empty")  # a valid SQLite file with nothing in it
    if app_id == APPLICATION_ID or {"alembic_version", "products"} <= tables:
        return Probe("store", revision)
    return Probe("foreign")


# -- engines and the store -------------------------------------------------------------------

def _connect_hooks(engine: Engine, *, immediate: bool, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we say BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        if immediate:  # the writer: bulk loads update big indexes, keep their pages in memory
            cur.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")
            # checkpoint (and fsync) every ~64 MB of log rather than every 4 MB
            cur.execute("PRAGMA wal_autocheckpoint=16000")
            cur.execute("PRAGMA threads=2")  # index builds sort with a helper thread
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False, immediate: bool = False) -> Engine:
    if read_only:
        def creator():
            try:
                return sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
            except sqlite3.OperationalError:  # WAL store on read-only media: no -shm possible
                return sqlite3.connect(_read_only_uri(path, True), uri=True,
                                       check_same_thread=False)

        engine = create_engine("sqlite://", creator=creator, future=True)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)
    _connect_hooks(engine, immediate=immediate, read_only=read_only)
    return engine


def backup_file(path: Path, label: str) -> Path:
    """Consistent copy through SQLite's backup API (safe even with a WAL open)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    src = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def _sqlite_failure(exc: Exception, path: Path) -> StoreError | None:
    """A store-level sentence for SQLite's 'full', 'busy' and I/O failures (raised through
    SQLAlchemy, or straight from the DB-API on the bulk paths)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig)
    if code == getattr(sqlite3, "SQLITE_FULL", 13) or "disk is full" in text:
        return StoreError(code="store.disk_full", path=str(path))
    if code in (5, 6) or "database is locked" in text:  # SQLITE_BUSY, SQLITE_LOCKED
        return StoreError(code="store.busy", path=str(path))
    if (code is not None and code & 0xFF == 10) or "disk I/O error" in text:  # SQLITE_IOERR_*
        return StoreError(code="store.write_failed", path=str(path))
    return None


class Store:
    """An open store: one engine per role, short sessions, one writer at a time."""

    def __init__(self, path: Path, engine: Engine, write_engine: Engine | None = None,
                 read_only: bool = False, url: str | None = None) -> None:
        self.path = path  # the file; for a team store, a name in its media folder
        self.url = url  # a team store's URL, without its password
        self.engine = engine
        self.write_engine = write_engine or engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        self.backup_path: Path | None = None

    @property
    def postgres(self) -> bool:
        return self.url is not None

    @property
    def label(self) -> str:
        """What to call the store in messages and titles, and how to open it again: its
        file or its URL (without a password)."""
        return self.url or str(self.path)

    @property
    def media_dir(self) -> Path:
        """Where the store's files live: photos of the demo, vectors, models, checkpoints."""
        return self.path.with_name(self.path.stem + "_media")

    def lock(self, what: str = ""):
        """An exclusive job on the store across processes (and, for a team store, across
        workstations): a file lock beside a store file, an advisory lock on PostgreSQL."""
        if self.postgres:
            from stylerec_app.storage.team_store import AdvisoryLock

            return AdvisoryLock(self.engine, what or "store")
        return lock_for(self.path, what)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self, *, check_references: bool = True) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any exception.

        `check_references=False` turns SQLite's foreign-key checks off for this unit: for
        bulk writers that resolved every reference themselves (they cost a third of an
        event insert)."""
        if self.read_only:
            raise StoreError(code="store.read_only", path=str(self.path))
        if self.postgres:
            from stylerec_app.storage.team_store import reporting_connection_loss

            with self._write_lock, reporting_connection_loss(self.url), \
                    self._write_sessions() as session, session.begin():
                yield session
            return
        try:
            with self._write_lock:
                if check_references:
                    with self._write_sessions() as session, session.begin():
                        yield session
                else:
                    with self._unchecked() as session:
                        yield session
        except (OperationalError, sqlite3.OperationalError) as exc:
            failure = _sqlite_failure(exc, self.path)
            if failure is None:
                raise
            raise failure from exc

    @contextmanager
    def _unchecked(self) -> Iterator[Session]:
        with self.write_engine.connect() as conn:
            dbapi = conn.connection.driver_connection
            dbapi.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, as it must be
            try:
                with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                    yield session
            finally:
                dbapi.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


# Held by import stages that may drop indexes for a bulk load (products, events): loads
# never overlap, and no one rebuilds "missing" indexes under a running load.
BULK_LOCK = "bulk"


def lock_for(path: Path, what: str = "") -> FileLock:
    """Serialises creating and upgrading a store across processes (`what`: another
    exclusive job on the store, e.g. "events" for event loads)."""
    suffix = f".{what}.lock" if what else ".lock"
    return FileLock(str(path.with_name(path.name + suffix)), timeout=120)


def _migrate(path: Path, backup_from: str | None) -> Path | None:
    """Create or upgrade the schema to head (caller holds the lock); returns the backup."""
    backup = backup_file(path, backup_from) if backup_from else None
    engine = make_engine(path, immediate=True)
    try:
        from alembic import command

        cfg = alembic_config()
        with engine.connect() as conn:
            # batch migrations recreate tables; with references checked, dropping the old
            # products table would cascade-delete every event (Alembic's advice: turn off)
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise StoreError(code="store.migration_broken", path=str(path),
                                     table=str(broken[0]))
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        engine.dispose()
    return backup


def _refuse(probe: Probe, path: Path, create: bool) -> None:
    text = str(path)
    if probe.state == "missing" and not create:
        raise StoreError(code="store.not_found", path=text)
    if probe.state == "empty" and not create:
        raise StoreError(code="store.empty_file", path=text)
    if probe.state == "not_sqlite":
        raise StoreError(code="store.not_sqlite", path=text)
    if probe.state == "foreign":
        raise StoreError(code="store.foreign", path=text)
    if probe.state == "unreadable":
        raise StoreError(code="store.cannot_open", path=text, detail=probe.detail)


def _known(revision: str | None) -> bool:
    return revision is None or revision in _revisions()


def _writable(path: Path) -> bool:
    """Can we write the file and its folder (WAL needs -wal/-shm beside it)?"""
    if path.exists():
        try:  # opening for writing changes nothing, and is the only test that holds for root
            os.close(os.open(path, os.O_RDWR))
        except OSError:
            return False
        return os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def open_store(path: str | Path, *, create: bool = False) -> Store:
    """Open the store at `path`; `create=True` makes a new one there if there is none.

    Raises StoreError (with a code) for anything that is not a StyleRec store, and
    SchemaTooNewError for one written by a newer version; neither changes the file.
    """
    from stylerec_app.storage.team_store import is_url, open_team_store

    if is_url(path):
        store = open_team_store(path, create=create)
        _restore_missing_indexes(store)
        return store
    path = Path(path).expanduser().resolve()
    probe = probe_store(path)
    _refuse(probe, path, create)
    if probe.state == "store" and not _known(probe.revision):
        raise SchemaTooNewError(code="store.too_new", path=str(path), revision=probe.revision,
                                head=head_revision())
    head = head_revision()
    writable = _writable(path)
    if probe.state == "store" and probe.revision == head and not writable:
        engine = make_engine(path, read_only=True)
        return Store(path, engine, read_only=True)
    if probe.state != "store" or probe.revision != head:
        if not writable:
            raise StoreError(code="store.read_only_old", path=str(path))
        if probe.state == "missing":
            path.parent.mkdir(parents=True, exist_ok=True)
        backup = None
        with lock_for(path):
            probe = probe_store(path)  # another process may have created or upgraded it
            _refuse(probe, path, create)
            if probe.state != "store" or probe.revision != head:
                backup = _migrate(path, probe.revision if probe.state == "store" else None)
    else:
        backup = None
    store = Store(path, make_engine(path), make_engine(path, immediate=True))
    store.backup_path = backup
    _restore_missing_indexes(store)
    return store


def _restore_missing_indexes(store: Store) -> None:
    """An import stopped during a bulk load left an index out: build it back now, unless
    a load is running (it builds its own when it ends)."""
    from stylerec_app.storage.import_writer import BULK_INDEXES, repair_after_bulk
    from stylerec_app.storage.sql import index_names

    with store.read() as session:
        present = index_names(session, "products") | index_names(session, "interactions")
    if set(BULK_INDEXES) <= present:
        return
    bulk = store.lock(BULK_LOCK)
    try:
        bulk.acquire(timeout=0)
    except Timeout:
        return
    try:
        with store.write() as session:
            repair_after_bulk(session)
    finally:
        bulk.release()
