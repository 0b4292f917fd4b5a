"""Long jobs on QThreads: progress, cancel, and a Jobs panel listing them.

A job is plain Python taking (progress, cancel); the Job object moves it to a
QThread and turns its progress into signals. Jobs that write the store run
one at a time (the single-writer rule); read-only jobs run at once.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import (
    QObject,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress

log = logging.getLogger(__name__)

JobFn = Callable[[Callable[[Progress], None], CancelToken], object]


class _Worker(QObject):
    go = Signal()
    began = Signal()
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal(object)

    def __init__(self, fn: JobFn, token: CancelToken) -> None:
        super().__init__()
        self.fn = fn
        self.token = token

    @Slot()
    def run(self) -> None:
        self.began.emit()
        try:
            if self.token.cancelled:
                raise Cancelled()
            result = self.fn(self.progressed.emit, self.token)
        except Cancelled as exc:
            self.cancelled.emit(exc)
        except Exception as exc:
            details = traceback.format_exc()
            if not isinstance(exc, StyleRecError):
                log.error("job failed\n%s", details)
            self.failed.emit(exc, details)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """One background job; state is 'queued' (behind a writer), 'waiting' (on the inference
    thread, behind its current job), 'running', 'done', 'failed' or 'cancelled'."""

    changed = Signal()
    finished = Signal(object)  # result (None unless done)

    def __init__(self, title: str, fn: JobFn, writes_store: bool, parent=None,
                 shared_thread: QThread | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.shared_thread = shared_thread
        self.fn = fn
        self.writes_store = writes_store
        self.token = CancelToken()
        self.state = "queued"
        self.progress: Progress | None = None
        self.error: Exception | None = None
        self.error_details = ""
        self.result = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._stage: tuple[str, float] | None = None  # (stage, when it began): for the ETA

    def start(self) -> None:
        # On the shared inference thread a job may wait behind another: it is "running"
        # once its worker actually begins.
        self.state = "waiting" if self.shared_thread is not None else "running"
        self._worker = _Worker(self.fn, self.token)
        self._worker.began.connect(self._on_began)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)
        self._worker.cancelled.connect(self._on_cancelled)
        if self.shared_thread is not None:
            # The long-lived inference thread: jobs there run one after another.
            self._worker.moveToThread(self.shared_thread)
            self._worker.go.connect(self._worker.run)
            self._worker.go.emit()
        else:
            self._thread = QThread()
            self._worker.moveToThread(self._thread)
            self._thread.started.connect(self._worker.run)
            self._thread.start()
        self.changed.emit()

    def cancel(self) -> None:
        self.token.cancel()
        if self.state == "queued":
            self.state = "cancelled"
            self.changed.emit()
            self.finished.emit(None)
        elif self.active:
            self.changed.emit()  # shows "cancelling…" until the work stops

    @property
    def cancelling(self) -> bool:
        return self.active and self.token.cancelled

    def eta_seconds(self, now: float | None = None) -> float | None:
        """Time left in the current stage from its pace so far (None until it can tell)."""
        p = self.progress
        if self.state != "running" or p is None or not p.total or self._stage is None:
            return None
        fraction = p.fraction or 0.0
        elapsed = (time.monotonic() if now is None else now) - self._stage[1]
        if fraction < 0.02 or fraction >= 1.0 or elapsed < 3.0:
            return None
        return elapsed * (1.0 - fraction) / fraction

    @property
    def active(self) -> bool:
        return self.state in ("queued", "waiting", "running")

    def _end(self, state: str) -> None:
        self.state = state
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        elif self._worker is not None:
            self._worker.deleteLater()  # deleted on the inference thread
            self._worker = None
        self.changed.emit()
        self.finished.emit(self.result)

    def _on_began(self) -> None:
        if self.state == "waiting":
            self.state = "running"
            self.changed.emit()

    def _on_progress(self, p: Progress) -> None:
        if self._stage is None or self._stage[0] != p.stage:
            self._stage = (p.stage, time.monotonic())
        self.progress = p
        self.changed.emit()

    def _on_success(self, result) -> None:
        self.result = result
        self._end("done")

    def _on_failure(self, exc: Exception, details: str) -> None:
        self.error = exc
        self.error_details = details
        self._end("failed")

    def _on_cancelled(self, exc: Exception) -> None:
        self.error = exc
        self._end("cancelled")

    def wait(self, ms: int = 30000) -> bool:
        """Join this job's own thread (jobs on the shared thread are joined with it)."""
        if self._thread is not None:
            return self._thread.wait(ms)
        return True


class _ThreadNamer(QObject):
    """Gives a QThread its name on the Python side too (logs, the hub's thread records)."""

    go = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.go.connect(self._name)

    @Slot()
    def _name(self) -> None:
        threading.current_thread().name = self.name


class JobManager(QObject):
    """Starts jobs; store-writing jobs queue behind each other."""

    job_added = Signal(object)
    job_changed = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self.inference_thread = QThread()
        self.inference_thread.setObjectName("inference")
        self._namer = _ThreadNamer("inference")
        self._namer.moveToThread(self.inference_thread)
        self.inference_thread.start()
        self._namer.go.emit()  # runs first on the thread, before any job

    def submit(self, title: str, fn: JobFn, *, writes_store: bool = True,
               inference: bool = False) -> Job:
        """`inference=True` runs on the one long-lived thread that owns the loaded models."""
        job = Job(title, fn, writes_store, self,
                  shared_thread=self.inference_thread if inference else None)
        self.jobs.append(job)
        job.changed.connect(lambda: self.job_changed.emit(job))
        job.finished.connect(lambda _r: self._start_next())
        self.job_added.emit(job)
        if not writes_store or not self._writer_running():
            job.start()
        return job

    def _writer_running(self) -> bool:
        return any(j.writes_store and j.state in ("running", "waiting") for j in self.jobs)

    def _start_next(self) -> None:
        if self._writer_running():
            return
        for job in self.jobs:
            if job.state == "queued":
                job.start()
                return

    def active_jobs(self) -> list[Job]:
        return [j for j in self.jobs if j.active]

    def cancel_all(self) -> None:
        for job in self.active_jobs():
            job.cancel()

    def shutdown(self, ms: int = 30000) -> None:
        """Ask every job to stop, then join the threads (the window is closing): the
        running jobs stop at their next check, queued ones never start."""
        self.cancel_all()
        threads = [j._thread for j in self.jobs if j._thread is not None]
        threads.append(self.inference_thread)
        for thread in threads:
            thread.quit()
        for thread in threads:
            thread.wait(ms)


class JobRow(QWidget):
    def __init__(self, job: Job, describe: Callable[[Job], str], parent=None) -> None:
        super().__init__(parent)
        self.job = job
        self.describe = describe
        self.title = QLabel(job.title)
        self.title.setStyleSheet("font-weight: 600")
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(job.cancel)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        job.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        p = self.job.progress
        if p is not None and p.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * (p.fraction or 0)))
        elif self.job.state == "running":
            self.bar.setRange(0, 0)  # busy indicator
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(1000 if self.job.state == "done" else 0)
        self.status.setText(self.describe(self.job))
        self.cancel_button.setEnabled(self.job.active and not self.job.token.cancelled)


class JobsPanel(QWidget):
    """The Jobs area: every job of this session, newest first."""

    def __init__(self, manager: JobManager, describe: Callable[[Job], str], parent=None) -> None:
        super().__init__(parent)
        self.describe = describe
        self.empty = QLabel(self.tr("No background jobs yet. Imports and other long tasks "
                                    "appear here with their progress and a Cancel button."))
        self.empty.setWordWrap(True)
        self.list_layout = QVBoxLayout()
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.list_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.rows: list[JobRow] = []
        manager.job_added.connect(self.add_job)

    def add_job(self, job: Job) -> None:
        self.empty.hide()
        row = JobRow(job, self.describe)
        self.rows.append(row)
        self.list_layout.insertWidget(0, row)
