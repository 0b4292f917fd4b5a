"""Short background reads (queries, file opens) so the GUI thread never waits on I/O.

`run_async(fn, on_done, on_error)` runs fn on the global thread pool and calls
back on the GUI thread. A `Latest` guard drops results of superseded requests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from stylerec_app.domain.errors import StyleRecError

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the GUI thread, never swallowed
            if isinstance(exc, StyleRecError):  # an expected problem: the page words it
                log.info("background task: %s", exc)
            else:
                log.exception("background task failed")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_live: set[_Relay] = set()


def run_async(fn: Callable[[], object], on_done: Callable[[object], None],
              on_error: Callable[[Exception], None] | None = None,
              pool: QThreadPool | None = None) -> None:
    """`pool`: e.g. one thread, for writes that must land in the order they were asked."""
    relay = _Relay()  # lives in the GUI thread: its signals are delivered there
    _live.add(relay)

    def finish_ok(result):
        _live.discard(relay)
        on_done(result)

    def finish_err(exc):
        _live.discard(relay)
        if on_error is not None:
            on_error(exc)

    relay.done.connect(finish_ok)
    relay.failed.connect(finish_err)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


class Latest:
    """Generation counter: only the newest request's answer is applied."""

    def __init__(self) -> None:
        self.generation = 0

    def next(self) -> int:
        self.generation += 1
        return self.generation

    def wrap(self, callback: Callable[[object], None]) -> Callable[[object], None]:
        mine = self.next()

        def guarded(result):
            if mine == self.generation:
                callback(result)

        return guarded
