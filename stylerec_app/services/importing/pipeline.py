"""The batch loop shared by every importer: parse, check, write one transaction a batch.

A batch is parsed and its photos checked outside the transaction, then written
with its report lines and the run's counts in one transaction. Cancel is checked
between batches; a kill loses at most the batch in flight. Re-running the same
import resumes: committed rows come back as "unchanged".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.imports import ERROR, EntityCounts, ImportIssue, ImportReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.services.importing.parsing import RowError
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import Store

Batch = list[tuple[int, dict]]
# write(session, batch, counts, issues): upsert the batch, append issues for rows it rejects
Writer = Callable[[Session, Batch, EntityCounts, list[ImportIssue]], None]
Preparer = Callable[[Batch, list[ImportIssue]], Batch]

DEFAULT_BATCH = 1000


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
        with self.store.write() as session:
            import_writer.save_progress(session, self.report, status)
        if exc is not None:
            exc.report = self.report  # callers show what landed before the stop

    def _emit(self, stage: str) -> None:
        self.progress(Progress(self.done_rows, self.total_rows, stage))

    def run(self, stage: Stage) -> None:
        counts = self.report.count(stage.entity)
        seen: dict[str, int] = {}
        name = stage.path.name
        for raw_batch in _batched(stage.rows, self.batch_size):
            self.cancel.raise_if_cancelled()
            issues: list[ImportIssue] = []
            batch: Batch = []
            for line, raw in raw_batch:
                try:
                    if "__error__" in raw:
                        raise RowError(raw["__error__"])
                    row = stage.parse(raw)
                    key = row.get(stage.unique_key) if stage.unique_key else None
                    if key is not None:
                        if key in seen:
                            raise RowError(f"duplicate id {key!r} (first on line {seen[key]})")
                        seen[key] = line
                except RowError as err:
                    issues.append(ImportIssue(name, line, str(err), ERROR))
                    continue
                batch.append((line, row))
            if stage.prepare is not None:
                batch = stage.prepare(batch, issues)
            before = EntityCounts(**vars(counts))
            try:
                with self.store.write() as session:
                    stage.write(session, batch, counts, issues)
                    counts.rejected += sum(1 for i in issues if i.severity == ERROR)
                    import_writer.save_issues(session, self.report.run_id, issues)
                    import_writer.save_progress(session, self.report)
            except BaseException:
                vars(counts).update(vars(before))  # the batch rolled back; so do its counts
                raise
            self.report.issues.extend(issues)
            self.done_rows += len(raw_batch)
            self._emit(stage.entity)

    def finish_step(self, fn: Callable[[Session], None]) -> None:
        """A closing write (e.g. derived prices), in its own transaction."""
        self.cancel.raise_if_cancelled()
        with self.store.write() as session:
            fn(session)
