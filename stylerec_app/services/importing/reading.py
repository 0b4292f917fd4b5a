"""Reading and parsing a stage's file, batch by batch — in this process, or in a helper.

Parsing is pure Python and the store's writes hold the GIL too, so on a machine with two
cores a large file is read and parsed by a helper process while this one writes: the
helper runs `parse_batches` a few batches ahead and hands each over through a queue. The
helper never touches the store; a batch is only ever written by this process, in one
transaction, so cancel, kill and resume behave exactly as they do without a helper.

What a helper runs must be picklable: a stage names its reading as a module-level
function (or a `functools.partial` of one) that opens the file and returns a `Reading`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.imports import ERROR, ImportIssue
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.importing.parsing import RowError
from stylerec_app.services.importing.sources import Rejected

log = logging.getLogger(__name__)

# A file shorter than this is parsed in-process: starting a helper costs about a second.
HELPER_MIN_LINES = 100_000
_AHEAD = 3  # batches a helper may parse before they are written


@dataclass
class Reading:
    """An opened file: its rows, and either a row parser or a batch parser."""

    rows: Iterable[tuple[int, object]]
    parse: Callable[[dict], dict] | None = None  # raises RowError
    # raw rows → (parsed batch, issues), for column-at-a-time parsing (events)
    parse_batch: Callable[[list], tuple[object, list[ImportIssue]]] | None = None


@dataclass(frozen=True)
class ReadSpec:
    """Everything needed to produce a stage's parsed batches (picklable)."""

    open: Callable[[], Reading]
    file_name: str
    batch_size: int
    unique_key: str | None = "external_id"  # duplicate ids in one file are rejected
    # parsed batch → batch with store ids, where the file is read (events: the helper maps
    # ten million external ids on its own core instead of the writer's)
    resolve: Callable[[object], object] | None = None


Parsed = tuple[int, object, list[ImportIssue]]  # (raw rows read, parsed batch, issues)


def parse_batches(spec: ReadSpec) -> Iterator[Parsed]:
    """The file's batches, parsed; a bad row costs that row only."""
    reading = spec.open()
    seen: dict[str, int] = {}
    it = iter(reading.rows)
    while raw_batch := list(islice(it, spec.batch_size)):
        if reading.parse_batch is not None:
            batch, issues = reading.parse_batch(raw_batch)
            if spec.resolve is not None:
                batch = spec.resolve(batch)
        else:
            batch, issues = [], []
            for line, raw in raw_batch:
                try:
                    batch.append((line, _parse_row(reading.parse, spec, line, raw, seen)))
                except RowError as err:
                    issues.append(ImportIssue(spec.file_name, line, err.code, err.args_, ERROR))
        yield len(raw_batch), batch, issues


def _parse_row(parse, spec: ReadSpec, line: int, raw, seen: dict[str, int]) -> dict:
    if isinstance(raw, Rejected):
        raise RowError(raw.code, **raw.args)
    try:
        row = parse(raw)
    except (RowError, StyleRecError):  # a row's problem, or the whole file's (a column)
        raise
    except Exception as exc:  # a parser bug must not cost the rest of the file
        log.exception("unexpected error parsing %s line %d", spec.file_name, line)
        raise RowError("row.invalid", detail=f"{type(exc).__name__}: {exc}") from exc
    key = row.get(spec.unique_key) if spec.unique_key else None
    if key is not None:
        if key in seen:
            raise RowError("row.duplicate_id", id=key, first=seen[key])
        seen[key] = line
    return row


def batches(spec: ReadSpec, lines: int, cancel: CancelToken) -> Iterator[Parsed]:
    """parse_batches, in a helper process when the file is large and a core is free."""
    if lines < HELPER_MIN_LINES or (os.cpu_count() or 1) < 2:
        return parse_batches(spec)
    return helper_batches(spec, cancel)


def helper_batches(spec: ReadSpec, cancel: CancelToken) -> Iterator[Parsed]:
    # spawn, not fork: the app has threads (Qt, inference), and a forked child of a
    # threaded process may inherit locks that no thread will ever release
    ctx = multiprocessing.get_context("spawn")
    handoff = ctx.Queue(maxsize=_AHEAD)
    helper = ctx.Process(target=_produce, args=(spec, handoff), daemon=True,
                         name=f"stylerec-read-{spec.file_name}")
    helper.start()
    try:
        while True:
            try:
                item = handoff.get(timeout=0.5)
            except queue.Empty:
                cancel.raise_if_cancelled()
                if not helper.is_alive():
                    raise StyleRecError(code="import.helper_died", file=spec.file_name,
                                        status=helper.exitcode) from None
                continue
            if item[0] == "done":
                return
            if item[0] == "error":
                raise item[1]
            yield item[1:]
    finally:
        if helper.is_alive():
            helper.terminate()
        helper.join(10)
        handoff.close()
        handoff.cancel_join_thread()


def _produce(spec: ReadSpec, handoff) -> None:
    """The helper's whole life: parse, hand over, stop when the file ends or the importer
    is gone."""
    parent = os.getppid()

    def put(item) -> bool:
        while True:
            try:
                handoff.put(item, timeout=1.0)
                return True
            except queue.Full:
                if os.getppid() != parent:  # the importer died: nobody will read this
                    return False

    try:
        for item in parse_batches(spec):
            if not put(("batch", *item)):
                return
        put(("done",))
    except StyleRecError as exc:
        put(("error", exc))
    except Exception as exc:  # noqa: BLE001 — the importer reports it; never a silent stop
        log.exception("reading %s failed", spec.file_name)
        put(("error", StyleRecError(code="import.helper_failed", file=spec.file_name,
                                    detail=f"{type(exc).__name__}: {exc}")))
