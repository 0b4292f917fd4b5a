"""The batch loop shared by every importer: parse, check, write one transaction a batch.

A batch is parsed and its photos checked outside the transaction, then written
with its report lines and the run's counts in one transaction. Cancel is checked
between batches; a kill loses at most the batch in flight. Re-running the same
import resumes: committed rows come back as "unchanged".
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import Timeout

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.imports import ERROR, WARNING, EntityCounts, ImportIssue, ImportReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.services.importing import reading
from stylerec_app.services.importing.reading import Reading, ReadSpec
from stylerec_app.services.importing.sources import FileScan
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Batch = list[tuple[int, dict]]
# write(session, batch, counts, issues): upsert the batch, append issues for rows it rejects
Writer = Callable[["Session", Batch, EntityCounts, list[ImportIssue]], None]
Preparer = Callable[[Batch, list[ImportIssue]], Batch]

DEFAULT_BATCH = 1000  # rows per transaction for products, shoppers, reviews
EVENT_BATCH = 20000  # events are parsed a column at a time: larger batches pay off
log = logging.getLogger(__name__)


@dataclass
class Stage:
    entity: str  # "products", "shoppers", "events", "reviews"
    path: Path
    # Opens the file: rows and their parser (reading.py); picklable, so that a helper
    # process can read a large file while this one writes.
    read: Callable[[], Reading]
    write: Writer
    prepare: Preparer | None = None
    unique_key: str | None = "external_id"  # duplicate ids in one file are rejected
    batch_size: int = DEFAULT_BATCH
    # The file's fingerprint and the options that change how it parses: an unchanged file
    # read to its end before is not read again (its outcome is recorded again instead).
    scan: FileScan | None = None
    options: str = ""
    reusable: Callable[[], bool] | None = None  # e.g. "no photo changed" for products
    begin: Callable[[Session, FileScan | None], None] | None = None  # before the first batch
    finish: Callable[[Session], None] | None = None  # after the last, same guarantees
    check_references: bool = True  # False: the writer resolves every id itself (events)
    # after begin: a picklable step, made from the store, that gives parsed batches their
    # store ids where the file is read (ReadSpec.resolve)
    resolver: Callable[[Session], Callable[[object], object]] | None = None
    exclusive: str = ""  # a lock name: such stages of different processes never overlap


def _delta(after: EntityCounts, before: EntityCounts) -> dict[str, int]:
    return {k: getattr(after, k) - getattr(before, k)
            for k in ("new", "updated", "unchanged", "rejected")}


def _batch_size(stage: Stage) -> int:
    """The stage's batch, smaller for small files: progress and Cancel answer at least
    every twentieth of a file."""
    if stage.scan is None or stage.batch_size <= DEFAULT_BATCH:
        return stage.batch_size
    return max(DEFAULT_BATCH, min(stage.batch_size, stage.scan.lines // 20))


class ImportPipeline:
    def __init__(
        self,
        store: Store,
        source: str,
        location: str,
        *,
        total_rows: int,
        progress: ProgressSink,
        cancel: CancelToken,
        batch_size: int | None = None,
    ) -> None:
        self.store = store
        self.report = ImportReport(source=source, location=location)
        self.total_rows = total_rows
        self.done_rows = 0
        self.progress = progress
        self.cancel = cancel
        self.batch_size = max(1, batch_size) if batch_size else None  # None: each stage's

    def __enter__(self) -> ImportPipeline:
        # Millions of short-lived rows would make the cyclic collector rescan every live
        # object again and again (a quarter of a large import): collect rarely, and never
        # rescan what exists before each stage (frozen); restored on exit.
        self._gc = gc.get_threshold()
        gc.set_threshold(200_000, 50, 1000)
        with self.store.write() as session:
            import_writer.mark_interrupted_runs(session)
            self.report.run_id = import_writer.start_run(
                session, self.report.source, self.report.location
            )
        self._emit("start")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        gc.unfreeze()
        gc.set_threshold(*self._gc)
        if exc_type is None:
            status = "completed"
        elif issubclass(exc_type, Cancelled):
            status = "cancelled"
        else:
            status = "failed"
        self.report.status = status
        try:
            with self.store.write() as session:
                import_writer.save_progress(session, self.report, status)
        except Exception:  # e.g. the disk is still full: the first error is what matters
            if exc is None:
                raise
            log.warning("could not record the import's final status", exc_info=True)
        if exc is not None:
            exc.report = self.report  # callers show what landed before the stop

    def _emit(self, stage: str) -> None:
        self.progress(Progress(self.done_rows, self.total_rows, stage))

    def _reuse(self, stage: Stage, counts: EntityCounts) -> bool:
        """An unchanged file read to its end before: its outcome, recorded again."""
        if stage.scan is None:
            return False
        path = str(stage.path.resolve())
        with self.store.read() as session:
            earlier = import_writer.previous_file(session, stage.entity, path,
                                                  stage.scan.digest, stage.options)
            if earlier is None or (stage.reusable is not None and not stage.reusable()):
                return False
            stored = import_writer.stored_issues(session, earlier.run_id, stage.path.name)
        c = earlier.counts
        before = EntityCounts(**vars(counts))
        counts.unchanged += c.get("new", 0) + c.get("updated", 0) + c.get("unchanged", 0)
        counts.rejected += c.get("rejected", 0)
        with self.store.write() as session:
            import_writer.copy_issues(session, earlier.run_id, self.report.run_id,
                                      stage.path.name)
            import_writer.record_file(session, self.report.run_id, stage.entity, path,
                                      stage.scan, stage.options, _delta(counts, before))
            import_writer.save_progress(session, self.report)
        self.report.issues.extend(ImportIssue(stage.path.name, line, code, args, severity)
                                  for line, code, args, severity in stored)
        self.done_rows += stage.scan.lines
        self._emit(stage.entity)
        return True

    def run(self, stage: Stage) -> None:
        if not stage.exclusive:
            return self._run(stage)
        lock = self.store.lock(stage.exclusive)
        while True:  # wait visibly, and stay cancellable, while another process loads
            try:
                lock.acquire(timeout=1)
                break
            except Timeout:
                self.cancel.raise_if_cancelled()
                self._emit(f"waiting-{stage.entity}")
        try:
            return self._run(stage)
        finally:
            lock.release()

    def _run(self, stage: Stage) -> None:
        counts = self.report.count(stage.entity)
        if self._reuse(stage, counts):
            return
        start = EntityCounts(**vars(counts))
        if stage.begin is not None:
            with self.store.write() as session:
                stage.begin(session, stage.scan)
        resolve = None
        if stage.resolver is not None:
            with self.store.read() as session:
                resolve = stage.resolver(session)
        gc.freeze()
        name = stage.path.name
        rows_seen = 0
        spec = ReadSpec(stage.read, name, self.batch_size or _batch_size(stage),
                        stage.unique_key, resolve)
        lines = stage.scan.lines if stage.scan is not None else 0
        # closed at once on cancel or error: a helper process stops with it
        with closing(reading.batches(spec, lines, self.cancel)) as parsed:
            for raw_count, batch, issues in parsed:
                self.cancel.raise_if_cancelled()
                rows_seen += raw_count
                if stage.prepare is not None:
                    batch = stage.prepare(batch, issues)
                self._write(stage, batch, counts, issues)
                self.done_rows += raw_count
                self._emit(stage.entity)
        if rows_seen == 0:
            issues = [ImportIssue(name, 1, "file.empty", {"file": name}, WARNING)]
            self._write(stage, [], counts, issues)
        self.cancel.raise_if_cancelled()
        with self.store.write() as session:
            if stage.finish is not None:
                stage.finish(session)
            if stage.scan is not None:
                import_writer.record_file(session, self.report.run_id, stage.entity,
                                          str(stage.path.resolve()), stage.scan, stage.options,
                                          _delta(counts, start))

    def _write(self, stage: Stage, batch: Batch, counts: EntityCounts,
               issues: list[ImportIssue]) -> None:
        before = EntityCounts(**vars(counts))
        try:
            with self.store.write(check_references=stage.check_references) as session:
                if len(batch):
                    stage.write(session, batch, counts, issues)
                counts.rejected += sum(1 for i in issues if i.severity == ERROR)
                import_writer.save_issues(session, self.report.run_id, issues)
                import_writer.save_progress(session, self.report)
        except BaseException:
            vars(counts).update(vars(before))  # the batch rolled back; so do its counts
            raise
        self.report.issues.extend(issues)

    def finish_step(self, fn: Callable[[Session], None]) -> None:
        """A closing write (e.g. derived prices), in its own transaction."""
        self.cancel.raise_if_cancelled()
        with self.store.write() as session:
            fn(session)
