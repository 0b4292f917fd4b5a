"""Idempotent batch writes for imports: upserts keyed by external id or event key.

Every function runs inside the caller's transaction (one per batch), so a
cancelled or killed import loses at most the batch in flight, never half of it.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import JSON, Boolean, DateTime, TypeDecorator, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from stylerec_app.domain.imports import EntityCounts, ImportIssue, ImportReport
from stylerec_app.storage import orm
from stylerec_app.storage.orm import utcnow
from stylerec_app.storage.sql import Raw, greatest, index_names, insert, is_postgres

# SQLite caps bound parameters per statement; stay well under it.
_IN_CHUNK = 500


def _chunks(items: Sequence, size: int = _IN_CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_by_external_id(session: Session, model, external_ids: Sequence[str]) -> dict:
    """{external_id: (id, content_hash)} for the ids already in the store."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(list(external_ids)):
        rows = session.execute(
            select(model.external_id, model.id, model.content_hash).where(
                model.external_id.in_(chunk)
            )
        )
        found.update({ext: (pk, h) for ext, pk, h in rows})
    return found


def upsert_rows(session: Session, model, rows: list[dict], counts: EntityCounts) -> list[str]:
    """Insert new rows, update changed ones, skip identical ones; returns the external ids
    written."""
    if not rows:
        return []
    existing = existing_by_external_id(session, model, [r["external_id"] for r in rows])
    to_write = []
    for row in rows:
        old = existing.get(row["external_id"])
        if old is None:
            counts.new += 1
            to_write.append(row)
        elif old[1] != row["content_hash"]:
            counts.updated += 1
            to_write.append(row)
        else:
            counts.unchanged += 1
    if to_write:
        _raw_upsert(session, model.__table__, to_write)
    return [r["external_id"] for r in to_write]


def _stored(column, value, postgres: bool = False):
    """A value as SQLAlchemy would store it (JSON text, DateTime text on SQLite, a type's
    own conversion); PostgreSQL's driver takes datetimes and booleans as they are."""
    if value is None:
        return None
    if isinstance(column.type, TypeDecorator):
        return column.type.process_bind_param(value, None)
    if isinstance(column.type, JSON):
        return json.dumps(value)
    if isinstance(column.type, DateTime):
        return value if postgres else value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(column.type, Boolean):
        return bool(value) if postgres else int(bool(value))
    return value


def _column_values(column, values: list, postgres: bool) -> list:
    """A column's values as they are stored (see _stored)."""
    if isinstance(column.type, JSON) and not isinstance(column.type, TypeDecorator):
        dumps = json.dumps
        return [None if v is None else dumps(v) for v in values]
    if isinstance(column.type, TypeDecorator | DateTime | Boolean):
        return [_stored(column, v, postgres) for v in values]
    return values


def _raw_upsert(session: Session, table, rows: list[dict]) -> None:
    """INSERT … ON CONFLICT (external_id) DO UPDATE as one prepared executemany on the raw
    connection (SQLite's fast path: no per-row statement objects)."""
    now = utcnow()
    names = list(rows[0])
    stamps = [c for c in ("created_at", "updated_at") if c in table.c and c not in names]
    columns = [table.c[n] for n in names + stamps]
    cols = ", ".join(c.name for c in columns)
    marks = ", ".join("?" for _ in columns)
    update = ", ".join(f"{c.name} = excluded.{c.name}" for c in columns
                       if c.name not in ("external_id", "created_at"))
    sql = (f"INSERT INTO {table.name} ({cols}) VALUES ({marks}) "
           f"ON CONFLICT (external_id) DO UPDATE SET {update}")
    raw = Raw(session)
    stamp = _stored(table.c[stamps[0]], now, raw.postgres) if stamps else None
    given = columns[:len(names)]
    # column by column (one list comprehension each), converting only the columns that
    # need it: a row-by-row generator costs 4 s at 10^6 products
    values = [_column_values(c, [r[c.name] for r in rows], raw.postgres) for c in given]
    values += [[stamp] * len(rows)] * len(stamps)
    values = list(zip(*values, strict=True))
    raw.executemany(sql, values)


def image_state(session: Session, external_ids: Sequence[str]) -> dict[str, tuple]:
    """{external id: (image stat, image hash, image status)} of products already stored,
    so a re-import skips decoding unchanged photos."""
    known: dict[str, tuple] = {}
    for chunk in _chunks(list(external_ids)):
        known.update((ext, (stat, digest, status)) for ext, stat, digest, status in
                     session.execute(select(orm.Product.external_id, orm.Product.image_stat,
                                            orm.Product.image_hash, orm.Product.image_status)
                                     .where(orm.Product.external_id.in_(chunk))))
    return known


def create_shoppers(session: Session, external_ids: Sequence[str], attributes_hash: str) -> None:
    """Shoppers that events or reviews name but no shopper file listed (idempotent)."""
    if external_ids:
        session.execute(
            insert(session, orm.Shopper).on_conflict_do_nothing(index_elements=["external_id"]),
            [{"external_id": e, "attributes": {}, "content_hash": attributes_hash}
             for e in external_ids])


def derive_prices_from_purchases(session: Session) -> None:
    """Products without a price get the mean price paid (H&M articles carry none)."""
    session.execute(text(
        "UPDATE products SET price = paid.price FROM (SELECT product_id, avg(value) AS price "
        "FROM interactions WHERE kind = 3 AND value IS NOT NULL GROUP BY product_id) AS paid "
        "WHERE products.price IS NULL AND products.id = paid.product_id"))


def ids_for(session: Session, model, external_ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(external_ids)):
        rows = session.execute(
            select(model.external_id, model.id).where(model.external_id.in_(chunk))
        )
        found.update((ext, pk) for ext, pk in rows)
    return found


def all_ids(session: Session, model) -> dict[str, int]:
    return {ext: pk for ext, pk in session.execute(select(model.external_id, model.id))}


def insert_events(session: Session, rows: list[dict], counts: EntityCounts) -> None:
    """Insert events whose key is new; events are immutable, so no updates."""
    if not rows:
        return
    keys = [r["event_key"] for r in rows]
    present: set[str] = set()
    for chunk in _chunks(keys):
        present.update(
            session.scalars(
                select(orm.Interaction.event_key).where(orm.Interaction.event_key.in_(chunk))
            )
        )
    fresh = [r for r in rows if r["event_key"] not in present]
    counts.unchanged += len(rows) - len(fresh)
    counts.new += len(fresh)
    if fresh:
        session.execute(
            insert(session, orm.Interaction).on_conflict_do_nothing(index_elements=["event_key"]),
            fresh,
        )


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _gone(worker: str) -> bool:
    """True when the process that ran an import is known to be gone (same machine)."""
    host, _, pid = worker.rpartition(":")
    if not worker or host != socket.gethostname() or not pid.isdigit():
        return not worker  # runs of older versions carry no worker: assume they stopped
    import psutil

    return int(pid) != os.getpid() and not psutil.pid_exists(int(pid))


_ADD_STATS = (
    "ON CONFLICT (product_id) DO UPDATE SET views = product_stats.views + excluded.views, "
    "clicks = product_stats.clicks + excluded.clicks, "
    "carts = product_stats.carts + excluded.carts, "
    "purchases = product_stats.purchases + excluded.purchases, "
    "ratings = product_stats.ratings + excluded.ratings, "
    "last_event = {greatest}(coalesce(product_stats.last_event, 0), excluded.last_event)")
_STATS_FROM_NEW = (
    "INSERT INTO product_stats (product_id, views, clicks, carts, purchases, ratings, "
    "last_event) SELECT product_id, "
    + ", ".join(f"sum(CASE WHEN kind = {code} THEN 1 ELSE 0 END)" for code in range(5))
    + ", max(timestamp) FROM interactions WHERE id > ? GROUP BY product_id " + _ADD_STATS)
_EVENT_COLUMNS = ("event_key", "shopper_id", "product_id", "kind", "value", "timestamp",
                  "channel")


def _stats_from_new(session: Session) -> str:
    return _STATS_FROM_NEW.format(greatest=greatest(session))


def insert_event_rows(session: Session, rows: list[tuple], *, keys_indexed: bool = True) -> int:
    """(event_key, shopper_id, product_id, kind code, value, timestamp, channel) tuples;
    existing keys are skipped, and product_stats counts exactly the rows that were new
    (they are the rowids above the batch's starting maximum). Returns how many were new.
    `keys_indexed=False`: a first bulk load into an empty table, whose unique key index
    is built at the end (the caller guarantees the keys are distinct)."""
    if not rows:
        return 0
    raw = Raw(session)
    first_new = raw.scalar("SELECT coalesce(max(id), 0) FROM interactions")
    conflict = " ON CONFLICT (event_key) DO NOTHING" if keys_indexed else ""
    cols = ", ".join(_EVENT_COLUMNS)
    if raw.postgres:  # COPY into a temporary table, then one INSERT … SELECT
        raw.copy_into_temp("events_in", "interactions", _EVENT_COLUMNS, rows)
        new = raw.execute(f"INSERT INTO interactions ({cols}) SELECT {cols} FROM events_in"
                          f"{conflict}").rowcount
    else:
        before = raw.conn.total_changes
        raw.executemany(f"INSERT INTO interactions ({cols}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        f"{conflict}", rows)
        new = raw.conn.total_changes - before
    if new and keys_indexed:  # a bulk load counts them all once, at its end
        raw.execute(_stats_from_new(session), (first_new,))
    return new


PRODUCT_INDEXES = {name: f"CREATE INDEX IF NOT EXISTS {name} ON products ({column})"
                   for name, column in (("ix_products_category", "category"),
                                        ("ix_products_colour", "colour"),
                                        ("ix_products_price", "price"),
                                        ("ix_products_group_id", "group_id"),
                                        ("ix_products_in_stock", "in_stock"),
                                        ("ix_products_image_status", "image_status"))}
EVENT_KEY_INDEX = ("CREATE UNIQUE INDEX IF NOT EXISTS ux_interactions_event_key "
                   "ON interactions (event_key)")
BULK_INDEXES = {**PRODUCT_INDEXES, "ux_interactions_event_key": EVENT_KEY_INDEX}


def drop_bulk_indexes(session: Session, names=tuple(BULK_INDEXES)) -> None:
    """Before a load that dwarfs what is stored: an index built once afterwards (sorted)
    costs a fraction of keeping it up to date row by row."""
    for name in names:
        session.execute(text(f"DROP INDEX IF EXISTS {name}"))


def write_product_stats(session: Session, rows: list[tuple]) -> None:
    """product_stats rows (product_id, views, clicks, carts, purchases, ratings, last
    event) counted by a bulk load; added to what is stored."""
    Raw(session).executemany(
        "INSERT INTO product_stats (product_id, views, clicks, carts, purchases, ratings, "
        "last_event) VALUES (?, ?, ?, ?, ?, ?, ?) "
        + _ADD_STATS.format(greatest=greatest(session)), rows)


def restore_indexes(session: Session) -> None:
    """After a bulk load, or at open when a killed import left an index out."""
    for sql in PRODUCT_INDEXES.values():
        session.execute(text(sql))
    if "ux_interactions_event_key" not in index_names(session, "interactions"):
        try:  # in a savepoint: the failed statement is undone, the transaction goes on
            with session.begin_nested():
                session.execute(text(EVENT_KEY_INDEX))
        except IntegrityError:  # identical events, all keyed as first occurrences
            number_repeated_events(session)
            session.execute(text(EVENT_KEY_INDEX))


def repair_after_bulk(session: Session) -> bool:
    """Indexes a stopped bulk load left out, built back (its repeated events numbered and
    its product counts recounted); True if there was anything to do."""
    present = index_names(session, "products") | index_names(session, "interactions")
    if set(BULK_INDEXES) <= present:
        return False
    restore_indexes(session)
    if "ux_interactions_event_key" not in present:  # a first event load was stopped
        recount_product_stats(session)
    return True


def number_repeated_events(session: Session) -> int:
    """Give the second, third… of identical events (equal keys, in the order they were
    read) the keys event_keys.with_occurrence gives them on any other path."""
    from stylerec_app.storage.event_keys import with_occurrence

    raw = Raw(session)
    rows = raw.execute(
        "SELECT id, event_key FROM interactions WHERE event_key IN (SELECT event_key FROM "
        "interactions GROUP BY event_key HAVING count(*) > 1) ORDER BY event_key, id"
    ).fetchall()
    if not rows:
        return 0
    ids = np.array([r[0] for r in rows], np.int64)
    keys = np.array([r[1] for r in rows], np.int64)
    starts = np.r_[True, keys[1:] != keys[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))
    occurrence = np.arange(len(keys)) - first
    later = occurrence > 0
    new_keys = with_occurrence(keys[later], occurrence[later])
    raw.executemany("UPDATE interactions SET event_key = ? WHERE id = ?",
                     zip(new_keys.tolist(), ids[later].tolist(), strict=True))
    return int(later.sum())


def recount_product_stats(session: Session) -> None:
    """product_stats from every stored event (after a killed bulk load lost its tally)."""
    raw = Raw(session)
    raw.execute("DELETE FROM product_stats")
    raw.execute(_stats_from_new(session), (0,))


def event_count(session: Session) -> int:
    """The stored events, cheaply (rowids only grow: events are never deleted)."""
    return session.execute(text("SELECT coalesce(max(id), 0) FROM interactions")).scalar()


def previous_file(session: Session, entity: str, path: str, digest: str, options: str):
    """The latest completed read of this very file (same bytes, same parse options)."""
    return session.execute(
        select(orm.ImportFile.run_id, orm.ImportFile.counts)
        .where(orm.ImportFile.entity == entity, orm.ImportFile.path == path,
               orm.ImportFile.digest == digest, orm.ImportFile.options == options)
        .order_by(orm.ImportFile.id.desc()).limit(1)).first()


def record_file(session: Session, run_id: int, entity: str, path: str, scan, options: str,
                counts: dict) -> None:
    session.add(orm.ImportFile(run_id=run_id, entity=entity, path=path, size=scan.size,
                               mtime_ns=scan.mtime_ns, digest=scan.digest, options=options,
                               counts=counts))


def copy_issues(session: Session, from_run: int, to_run: int, file_name: str) -> int:
    """The issues an earlier read of a file found, recorded again for this run."""
    result = session.execute(text(
        "INSERT INTO import_issues (run_id, severity, file, line, reason, code, args) "
        "SELECT :to, severity, file, line, reason, code, args FROM import_issues "
        "WHERE run_id = :src AND file = :file"), {"to": to_run, "src": from_run,
                                                  "file": file_name})
    return result.rowcount or 0


def stored_issues(session: Session, run_id: int, file_name: str) -> list[tuple]:
    return session.execute(
        select(orm.ImportIssue.line, orm.ImportIssue.code, orm.ImportIssue.args,
               orm.ImportIssue.severity)
        .where(orm.ImportIssue.run_id == run_id, orm.ImportIssue.file == file_name)
        .order_by(orm.ImportIssue.id)).all()


def photos_unchanged(session: Session) -> bool:
    """Every stored photo path still has the size and mtime it was checked with."""
    import os

    for path, stat in session.execute(select(orm.Product.image_path, orm.Product.image_stat)
                                      .where(orm.Product.image_path.is_not(None))):
        try:
            info = os.stat(path)
        except OSError:
            if stat is not None:
                return False
            continue
        if stat != f"{info.st_size}:{info.st_mtime_ns}":
            return False
    return True


FTS_COLUMNS = ("title", "description", "category", "external_id")


def has_search_index(session: Session) -> bool:
    return False if is_postgres(session) else bool(session.execute(text(
        "SELECT 1 FROM sqlite_master WHERE name = 'products_fts'")).first())


def search_text(session: Session, external_ids: Sequence[str]) -> dict[str, tuple]:
    """{external id: (id, title, description, category)}: what the search index holds."""
    found = {}
    for chunk in _chunks(list(external_ids)):
        found.update((r[0], tuple(r[1:])) for r in session.execute(
            select(orm.Product.external_id, orm.Product.id, orm.Product.title,
                   orm.Product.description, orm.Product.category)
            .where(orm.Product.external_id.in_(chunk))))
    return found


def reindex_products(session: Session, old: dict[str, tuple], external_ids: Sequence[str]
                     ) -> None:
    """Keep the external-content FTS5 index in step with rows just written: the old text
    is removed (it must be given exactly), the new text added."""
    raw = Raw(session)
    cols = ", ".join(FTS_COLUMNS)
    raw.executemany(f"INSERT INTO products_fts(products_fts, rowid, {cols}) "
                     "VALUES ('delete', ?, ?, ?, ?, ?)",
                     [(pid, title, desc, cat, ext) for ext, (pid, title, desc, cat)
                      in old.items()])
    new = search_text(session, external_ids)
    raw.executemany(f"INSERT INTO products_fts(rowid, {cols}) VALUES (?, ?, ?, ?, ?)",
                     [(pid, title, desc, cat, ext) for ext, (pid, title, desc, cat)
                      in new.items()])


def rebuild_search_index(session: Session) -> None:
    Raw(session).execute("INSERT INTO products_fts(products_fts) VALUES ('rebuild')")


def product_count(session: Session) -> int:
    return session.execute(text("SELECT coalesce(max(id), 0) FROM products")).scalar()


def start_run(session: Session, source: str, location: str) -> int:
    run = orm.ImportRun(source=source, location=location, status="running", counts={},
                        worker=this_worker())
    session.add(run)
    session.flush()
    return run.id


def save_issues(session: Session, run_id: int, issues: Sequence[ImportIssue]) -> None:
    if issues:
        session.execute(
            insert(session, orm.ImportIssue),
            [
                {"run_id": run_id, "severity": i.severity, "file": i.file, "line": i.line,
                 "reason": i.reason, "code": i.code, "args": dict(i.args)}
                for i in issues
            ],
        )


def save_progress(session: Session, report: ImportReport, status: str | None = None) -> None:
    """Record the run's counts (each batch) and final status (at the end)."""
    values: dict = {
        "counts": {
            k: {"new": c.new, "updated": c.updated, "unchanged": c.unchanged,
                "rejected": c.rejected}
            for k, c in report.counts.items()
        }
    }
    if status is None:  # each batch: one prepared statement (an ORM update costs ~3 ms)
        Raw(session).execute("UPDATE import_runs SET counts = ? WHERE id = ?",
                             (json.dumps(values["counts"]), report.run_id)).close()
        return
    values["status"] = status
    values["finished_at"] = utcnow()
    session.execute(update(orm.ImportRun).where(orm.ImportRun.id == report.run_id).values(**values))


def mark_interrupted_runs(session: Session) -> int:
    """Runs left 'running' by a process that crashed or was killed are marked so the user
    sees it; a run another live process is doing (a concurrent import) is left alone."""
    stale = [run_id for run_id, worker in session.execute(
        select(orm.ImportRun.id, orm.ImportRun.worker).where(orm.ImportRun.status == "running"))
        if _gone(worker)]
    if stale:
        session.execute(update(orm.ImportRun).where(orm.ImportRun.id.in_(stale))
                        .values(status="interrupted", finished_at=utcnow()))
    return len(stale)


def table_counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in (
            ("products", orm.Product),
            ("shoppers", orm.Shopper),
            ("interactions", orm.Interaction),
            ("reviews", orm.Review),
        )
    }
