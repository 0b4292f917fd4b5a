"""Progress sinks and cancel tokens: how long work talks to whoever runs it.

Long work is plain Python; the CLI feeds a progress bar from the sink and the
GUI forwards it through a Qt signal. Work checks the token between batches, so
a cancel never leaves half a batch behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from stylerec_app.domain.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report: `done` of `total` units (total None = unknown) of a stage.

    Fields, not sentences: `stage` names the work ("events", "profiles-products",
    "evaluate"…), `model` and `step` say where a multi-model job is ("bpr", "tuning"),
    `detail` adds a counter such as "2/3". Front ends word them; `message` is the CLI's.
    """

    done: int
    total: int | None
    stage: str = ""
    model: str = ""
    step: str = ""
    detail: str = ""

    @property
    def message(self) -> str:
        if not (self.model or self.step):
            return self.stage
        return " ".join(p for p in (f"{self.model}:" if self.model else "", self.step,
                                    self.detail) if p)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressSink = Callable[[Progress], None]


def ignore_progress(_: Progress) -> None:
    """A sink for callers that do not show progress."""


class CancelToken:
    """Thread-safe flag set by the UI or a signal handler, polled by the work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
