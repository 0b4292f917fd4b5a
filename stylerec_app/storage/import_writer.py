"""Idempotent batch writes for imports: upserts keyed by external id or event key.

Every function runs inside the caller's transaction (one per batch), so a
cancelled or killed import loses at most the batch in flight, never half of it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from stylerec_app.domain.imports import EntityCounts, ImportIssue, ImportReport
from stylerec_app.storage import orm
from stylerec_app.storage.orm import utcnow

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


def upsert_rows(session: Session, model, rows: list[dict], counts: EntityCounts) -> None:
    """Insert new rows, update changed ones, skip identical ones."""
    if not rows:
        return
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
        stmt = insert(model)
        updatable = {
            c: stmt.excluded[c]
            for c in to_write[0]
            if c not in ("external_id", "created_at")
        }
        if hasattr(model, "updated_at"):
            updatable["updated_at"] = utcnow()
        session.execute(
            stmt.on_conflict_do_update(index_elements=["external_id"], set_=updatable),
            to_write,
        )


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
            insert(orm.Shopper).on_conflict_do_nothing(index_elements=["external_id"]),
            [{"external_id": e, "attributes": {}, "content_hash": attributes_hash}
             for e in external_ids])


def derive_prices_from_purchases(session: Session) -> None:
    """Products without a price get the mean price paid (H&M articles carry none)."""
    session.execute(text(
        "UPDATE products SET price = (SELECT avg(value) FROM interactions i "
        "WHERE i.product_id = products.id AND i.kind = 'purchase' AND i.value IS NOT NULL) "
        "WHERE price IS NULL"))


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
            insert(orm.Interaction).on_conflict_do_nothing(index_elements=["event_key"]),
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


def start_run(session: Session, source: str, location: str) -> int:
    run = orm.ImportRun(source=source, location=location, status="running", counts={},
                        worker=this_worker())
    session.add(run)
    session.flush()
    return run.id


def save_issues(session: Session, run_id: int, issues: Sequence[ImportIssue]) -> None:
    if issues:
        session.execute(
            insert(orm.ImportIssue),
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
    if status is not None:
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
