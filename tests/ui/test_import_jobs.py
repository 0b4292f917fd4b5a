"""Imports from the window: progress, cancel, resume, drag-and-drop, first-launch demo."""

import time

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from stylerec_app.storage.database import open_store
from stylerec_app.ui.import_dialogs import ImportReportDialog
from tests.helpers import make_hm_folder
from tests.ui.conftest import open_and_wait


class LoopWatch:
    """Measures the longest pause of the GUI event loop while a job runs."""

    def __init__(self) -> None:
        self.last = self.started = time.monotonic()
        self.max_gap = 0.0
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now
        self.ticks += 1


def _empty_store(path):
    open_store(path, create=True).close()
    return path


def test_import_shows_progress_can_be_cancelled_and_resumed(qtbot, window, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=400, customers=30, transactions=15000)
    open_and_wait(qtbot, window, _empty_store(tmp_path / "s.sqlite"))
    watch = LoopWatch()
    job = window.start_hm_import(folder)
    progress_seen = []
    job.changed.connect(lambda: job.progress and progress_seen.append(job.progress))
    qtbot.waitUntil(lambda: job.progress is not None and job.progress.message == "events",
                    timeout=30000)
    assert window.job_progress.isVisible() and "Importing events" in window.job_label.text()
    row = window.jobs_panel.rows[0]
    assert row.bar.value() > 0 and row.cancel_button.isEnabled()
    qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    assert "Cancelling" in row.status.text() or job.state == "cancelled"
    assert not row.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: job.state == "cancelled", timeout=30000)
    assert "Cancelled" in row.status.text()
    assert window.last_report.status == "cancelled"
    assert len(progress_seen) >= 3
    assert progress_seen[-1].done > progress_seen[0].done

    resumed = window.start_hm_import(folder)
    with qtbot.waitSignal(window.import_finished, timeout=60000) as done:
        pass
    report = done.args[0]
    assert resumed.state == "done" and report.status == "completed"
    assert report.counts["events"].new + report.counts["events"].unchanged == 15000
    assert report.counts["products"].unchanged == 400
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() == 400, timeout=10000)
    watch.timer.stop()
    # The window kept painting and answering while both imports ran.
    elapsed = time.monotonic() - watch.started
    assert watch.ticks > 50 or watch.ticks > elapsed / 0.01 / 4, (watch.ticks, elapsed)
    assert watch.max_gap < 1.5, f"event loop stalled for {watch.max_gap:.2f} s"


def test_dropping_a_catalog_folder_imports_it(qtbot, window, tmp_path):
    folder = make_hm_folder(tmp_path / "dropped", articles=12, transactions=40)
    open_and_wait(qtbot, window, _empty_store(tmp_path / "s.sqlite"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_finished, timeout=30000) as done:
        window.dropEvent(event)
    assert done.args[0].counts["products"].new == 12
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() == 12, timeout=10000)


def test_dropping_an_unrelated_folder_explains_why_nothing_happened(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, _empty_store(tmp_path / "s.sqlite"))
    (tmp_path / "photos").mkdir()
    assert window.import_folder(tmp_path / "photos") is None
    assert "neither articles.csv" in window._last_error_box.text()
    window._last_error_box.close()


def test_first_launch_creates_and_opens_the_demo_store(qtbot, window, tmp_path):
    path = tmp_path / "fresh" / "demo.sqlite"
    with qtbot.waitSignal(window.catalog.loaded, timeout=120000) as loaded:
        window.open_store_path(path, create_demo_if_missing=True)
    assert loaded.args[0] == 336
    assert window.jobs.jobs[0].state == "done"
    assert path.exists()


def test_import_report_dialog_lists_rejected_rows(qtbot, window, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=5, transactions=10)
    with open(folder / "articles.csv", "a", encoding="utf-8") as fh:
        fh.write(",x,No id,Dress,Red,Ladieswear,x\n")
    open_and_wait(qtbot, window, _empty_store(tmp_path / "s.sqlite"))
    with qtbot.waitSignal(window.import_finished, timeout=30000) as done:
        window.start_hm_import(folder)
    dialog = ImportReportDialog(done.args[0], window)
    qtbot.addWidget(dialog)
    assert dialog.issues.rowCount() == 1
    assert dialog.issues.item(0, 1).text() == "articles.csv"
    assert dialog.issues.item(0, 2).text() == "7"
    assert dialog.issues.item(0, 3).text() == "missing article_id"
    assert dialog.counts.item(0, 1).text() == "5"


def test_window_stays_responsive_while_importing_the_real_hm_sample(qtbot, window, tmp_path,
                                                                     shared_hm):
    open_and_wait(qtbot, window, _empty_store(tmp_path / "s.sqlite"))
    watch = LoopWatch()
    with qtbot.waitSignal(window.import_finished, timeout=300000) as done:
        window.start_hm_import(shared_hm)
    watch.timer.stop()
    assert done.args[0].counts["products"].new == 17033
    qtbot.waitUntil(lambda: window.catalog.count.text() == "17,033 products", timeout=30000)
    assert window.catalog.model.rowCount() == 1000  # the first page; more as the grid scrolls
    assert watch.max_gap < 1.5, f"event loop stalled for {watch.max_gap:.2f} s"


def test_a_job_estimates_the_time_left_from_its_pace(qtbot):
    from stylerec_app.domain.progress import Progress
    from stylerec_app.ui.jobs import Job

    job = Job("t", lambda progress, cancel: None, writes_store=False)
    job.state = "running"
    job._on_progress(Progress(10, 100, "events"))
    started = job._stage[1]
    assert job.eta_seconds(now=started + 1) is None  # too early to tell
    assert abs(job.eta_seconds(now=started + 20) - 180) < 1e-6  # 10% in 20 s: 180 s left
    job._on_progress(Progress(1, 100, "reviews"))  # a new stage starts its own clock
    assert job.eta_seconds(now=job._stage[1] + 20) is None  # 1%: not yet
    job.token.cancel()
    assert job.cancelling


def test_an_import_asks_where_and_defaults_to_a_new_store_named_after_the_folder(
        qtbot, window, demo_copy, tmp_path):
    folder = make_hm_folder(tmp_path / "spring-drop", articles=12, customers=5,
                            transactions=40)
    open_and_wait(qtbot, window, demo_copy)
    window.ask_before_import = True
    started = []
    dialog = window.ask_where(folder.name, lambda t: started.append(
        window.start_hm_import(folder, t)))
    assert dialog.new.isChecked() and dialog.name.text() == "spring-drop.sqlite"
    assert "demo.sqlite" in dialog.into_open.text()
    target = window.settings.data_dir / "stores" / "spring-drop.sqlite"
    dialog.accept()
    qtbot.waitUntil(lambda: window.service is not None
                    and window.service.path == target.resolve(), timeout=60000)
    assert started[0].state == "done"
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() == 12, timeout=30000)
    demo = open_store(demo_copy, create=False)  # the demo store got nothing
    try:
        with demo.read() as session:
            from stylerec_app.storage import catalog_repo

            assert catalog_repo.store_stats(session).products == 336
    finally:
        demo.close()
    again = window.ask_where(folder.name, lambda t: None)  # a second one gets a free name
    assert again.name.text() == "spring-drop-2.sqlite"
    again.into_open.setChecked(True)
    assert again.target() is None
    again.close()
