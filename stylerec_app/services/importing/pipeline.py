"""The batch loop shared by every importer: parse, check, write one transaction a batch.

A batch is parsed and its photos checked outside the transaction, then written
with its report lines and the run's counts in one transaction. Cancel is checked
between batches; a kill loses at most the batch in flight. Re-running the same
import resumes: committed rows come back as "unchanged".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.imports import ERROR, WARNING, EntityCounts, ImportIssue, ImportReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.services.importing.parsing import RowError
from stylerec_app.services.importing.sources import Rejected
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Batch = list[tuple[int, dict]]
# write(session, batch, counts, issues): upsert the batch, append issues for rows it rejects
Writer = Callable[["Session", Batch, EntityCounts, list[ImportIssue]], None]
Preparer = Callable[[Batch, list[ImportIssue]], Batch]

DEFAULT_BATCH = 1000
log = logging.getLogger(__name__)


@dataclass
class Stage:
    entity: str  # "products", "shoppers", "events", "reviews"
    path: Path
    rows: Iterable[tuple[int, dict]]
    parse: Callable[[dict], dict]  # raises RowError
    write: Writer
    prepare: Preparer | None = None
    unique_key: str | None = "external_id"  # duplicate ids in one file are rejected


def _batched(rows: Iterable, size: int) -> Iterator[list]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


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
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.store = store
        self.report = ImportReport(source=source, location=location)
        self.total_rows = total_rows
        self.done_rows = 0
        self.progress = progress
        self.cancel = cancel
        self.batch_size = max(1, batch_size)

    def __enter__(self) -> ImportPipeline:
        with self.store.write() as session:
            import_writer.mark_interrupted_runs(session)
            self.report.run_id = import_writer.start_run(
                session, self.report.source, self.report.location
            )
        self._emit("start")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
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

    def _parse(self, stage: Stage, line: int, raw, seen: dict[str, int]) -> dict:
        """One row through its parser; whatever goes wrong rejects this row only."""
        if isinstance(raw, Rejected):
            raise RowError(raw.code, **raw.args)
        try:
            row = stage.parse(raw)
        except (RowError, StyleRecError):  # a row's problem, or the whole file's (a column)
            raise
        except Exception as exc:  # a parser bug must not cost the rest of the file
            log.exception("unexpected error parsing %s line %d", stage.path.name, line)
            raise RowError("row.invalid", detail=f"{type(exc).__name__}: {exc}") from exc
        key = row.get(stage.unique_key) if stage.unique_key else None
        if key is not None:
            if key in seen:
                raise RowError("row.duplicate_id", id=key, first=seen[key])
            seen[key] = line
        return row

    def run(self, stage: Stage) -> None:
        counts = self.report.count(stage.entity)
        seen: dict[str, int] = {}
        name = stage.path.name
        rows_seen = 0
        for raw_batch in _batched(stage.rows, self.batch_size):
            self.cancel.raise_if_cancelled()
            issues: list[ImportIssue] = []
            batch: Batch = []
            for line, raw in raw_batch:
                try:
                    batch.append((line, self._parse(stage, line, raw, seen)))
                except RowError as err:
                    issues.append(ImportIssue(name, line, err.code, err.args_, ERROR))
            rows_seen += len(raw_batch)
            if stage.prepare is not None:
                batch = stage.prepare(batch, issues)
            self._write(stage, batch, counts, issues)
            self.done_rows += len(raw_batch)
            self._emit(stage.entity)
        if rows_seen == 0:
            issues = [ImportIssue(name, 1, "file.empty", {"file": name}, WARNING)]
            self._write(stage, [], counts, issues)

    def _write(self, stage: Stage, batch: Batch, counts: EntityCounts,
               issues: list[ImportIssue]) -> None:
        before = EntityCounts(**vars(counts))
        try:
            with self.store.write() as session:
                if batch:
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
