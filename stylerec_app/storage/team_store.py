"""A team store on PostgreSQL: the same tables and Alembic migrations as a store file.

Opened by URL (`postgresql://user@host/db`; the password comes from the URL or the OS
keyring, never from preferences). As for a file, nothing is written until the database is
proven to be empty or a StyleRec store of a known revision, so a newer store or another
application's database is refused untouched. Creating and upgrading run in one transaction
(PostgreSQL's DDL is transactional) under an advisory lock, so two first openings both land.

Writers queue on a transaction-level advisory lock taken at BEGIN — PostgreSQL's
counterpart of SQLite's BEGIN IMMEDIATE — so importers, profilers and style training on
several workstations never interleave their batches and never deadlock on each other's
upserts; a lost connection rolls the batch back (the server does) and is reported.

Vectors, trained models and style checkpoints are files: they go to a media folder named
in the store (`store_meta.media_dir`, a shared folder every workstation mounts at the same
path), not into `pgvector` columns — the sidecar matrices are memory-mapped and read whole,
which a database column cannot beat, and Debian's PostgreSQL does not ship pgvector.
"""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from filelock import Timeout
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from stylerec_app.domain.errors import SchemaTooNewError, StoreError

_LOCK_SPACE = 0x5352  # "SR": the first key of every advisory lock StyleRec takes
MIGRATE_LOCK = "migrate"
WRITE_LOCK = "write"


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql:", "postgres:",
                                                              "postgresql+"))


def safe_url(url: str) -> str:
    """The URL without its password (for titles, logs, messages and preferences)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


def _driver_url(url: str, password: str | None) -> str:
    parts = urlsplit(url)
    scheme = "postgresql+psycopg"
    netloc = parts.netloc
    if password and parts.password is None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user}:{quote(password, safe='')}@{host}" if user else netloc
    return urlunsplit(parts._replace(scheme=scheme, netloc=netloc))


_SESSION_PASSWORDS: dict[str, str] = {}  # typed in this run and not kept: memory only


def remember_for_session(url: str, password: str) -> None:
    _SESSION_PASSWORDS[safe_url(url)] = password


def keyring_password(url: str) -> str | None:
    """The password typed in this run, else the one saved for this URL in the OS keyring
    (None without either)."""
    if safe_url(url) in _SESSION_PASSWORDS:
        return _SESSION_PASSWORDS[safe_url(url)]
    try:
        import keyring

        return keyring.get_password("StyleRec", safe_url(url))
    except Exception:  # no keyring backend on this machine: the URL must carry it
        return None


def save_password(url: str, password: str) -> bool:
    try:
        import keyring

        keyring.set_password("StyleRec", safe_url(url), password)
        return True
    except Exception:
        return False


def lock_key(what: str) -> int:
    return int.from_bytes(hashlib.blake2b(what.encode(), digest_size=4).digest(), "big") >> 1


def make_engine(url: str, *, write: bool = False) -> Engine:
    engine = create_engine(_driver_url(url, keyring_password(url)), pool_pre_ping=True,
                           pool_size=2, max_overflow=4, future=True)
    if write:
        @event.listens_for(engine, "begin")
        def _queue_writers(conn) -> None:  # held to the end of the transaction
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_SPACE}, "
                                 f"{lock_key(WRITE_LOCK)})")
    return engine


class AdvisoryLock:
    """A session-level advisory lock with FileLock's acquire(timeout)/release shape."""

    def __init__(self, engine: Engine, what: str) -> None:
        self.engine = engine
        self.key = lock_key(what)
        self._conn = None

    def acquire(self, timeout: float = -1) -> None:
        conn = self.engine.connect()
        deadline = time.monotonic() + timeout if timeout >= 0 else None
        while not conn.exec_driver_sql(
                f"SELECT pg_try_advisory_lock({_LOCK_SPACE}, {self.key})").scalar():
            if deadline is not None and time.monotonic() >= deadline:
                conn.close()
                raise Timeout(str(self.key))
            time.sleep(0.05)
        conn.commit()
        self._conn = conn

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.exec_driver_sql(
                    f"SELECT pg_advisory_unlock({_LOCK_SPACE}, {self.key})")
                self._conn.commit()
            except DBAPIError:  # the connection is gone, and the server dropped the lock
                pass
            finally:
                self._conn.close()
                self._conn = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _probe(engine: Engine, url: str) -> str | None:
    """The store's revision; None for an empty database. Raises for anything else."""
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return None
            if not {"alembic_version", "products"} <= tables:
                raise StoreError(code="store.foreign_db", path=safe_url(url))
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except OperationalError as exc:
        raise StoreError(code="store.cannot_connect", path=safe_url(url),
                         detail=str(exc.orig).strip().splitlines()[0]) from exc


def open_team_store(url: str, *, create: bool = False, media_dir: Path | None = None):
    """Open (or, with `create`, set up) the StyleRec store in the PostgreSQL database at
    `url`; `media_dir` names the shared folder for a new store's files."""
    from stylerec_app.storage import database

    engine = make_engine(url)
    try:
        revision = _probe(engine, url)
        head = database.head_revision()
        if revision is not None and revision not in database._revisions():
            raise SchemaTooNewError(code="store.too_new", path=safe_url(url),
                                    revision=revision, head=head)
        if revision is None and not create:
            raise StoreError(code="store.empty_db", path=safe_url(url))
        if revision != head:
            _migrate(engine, media_dir or default_media_dir(url))
        media = _media_dir(engine)
    except BaseException:
        engine.dispose()
        raise
    store = database.Store(media / "store", engine, make_engine(url, write=True),
                           url=safe_url(url))
    return store


def default_media_dir(url: str) -> Path:
    """A new team store's folder when none is named: per workstation, under the user's
    data folder (name a shared folder for a team: `stylerec team media`)."""
    from platformdirs import user_data_path

    parts = urlsplit(url)
    name = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.strip('/') or 'db'}"
    return user_data_path("StyleRec", appauthor=False) / "team-stores" / name


def _media_dir(engine: Engine) -> Path:
    with engine.connect() as conn:
        value = conn.execute(text("SELECT value FROM store_meta WHERE key = 'media_dir'")
                             ).scalar()
    return Path(value)


def set_media_dir(store, folder: Path) -> None:
    """Name the folder every workstation of the team reads the store's files from."""
    from stylerec_app.storage import orm

    with store.write() as session:
        session.merge(orm.StoreMeta(key="media_dir", value=str(folder)))
    store.path = folder / "store"


def _migrate(engine: Engine, media_dir: Path) -> None:
    from alembic import command

    from stylerec_app.storage.database import alembic_config

    cfg = alembic_config()
    with engine.connect() as conn:
        with conn.begin():
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_SPACE}, "
                                 f"{lock_key(MIGRATE_LOCK)})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")  # a no-op when another opening got there first
            conn.execute(text("INSERT INTO store_meta (key, value) VALUES ('media_dir', :v) "
                              "ON CONFLICT (key) DO NOTHING"), {"v": str(media_dir)})


def connection_lost(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


@contextmanager
def reporting_connection_loss(url: str):
    try:
        yield
    except DBAPIError as exc:
        if connection_lost(exc) or isinstance(exc, OperationalError):
            raise StoreError(code="store.connection_lost", path=url) from exc
        raise
