"""The Evaluation area: set up a run, watch it as a job, read tables and charts, jump to a
shopper's recommendations."""

from stylerec_app.evaluation.splits import Protocol
from tests.services.test_evaluation import tiny_movielens  # noqa: F401 (fixture)
from tests.ui.conftest import open_and_wait
from tests.ui.test_profiles_ui import _save


def _run(qtbot, window, page):
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        page.run_button.click()
    job = added.args[0]
    assert not page.run_button.isEnabled()  # one run at a time from the form
    qtbot.waitUntil(lambda: job.state in ("done", "failed", "cancelled"), timeout=240000)
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=5000)
    return job


def test_movielens_run_fills_tables_and_charts(qtbot, window, tiny_movielens, tmp_path):  # noqa: F811
    window.nav.setCurrentRow(window.pages.indexOf(window.evaluation))
    page = window.evaluation
    page.dataset.setCurrentIndex(page.dataset.findData("ml-100k"))
    page.folder.setText(str(tiny_movielens))
    page.protocol.setCurrentIndex(page.protocol.findData("user-random"))
    for name, box in page.model_checks.items():
        box.setChecked(name in ("pop", "itemknn", "bpr", "hybrid"))
    job = _run(qtbot, window, page)
    assert job.state == "done", job.error
    names = [page.table.verticalHeaderItem(r).text() for r in range(page.table.rowCount())]
    assert names == ["pop", "itemknn", "bpr", "hybrid-no-style"]  # hybrid: no photos here
    assert "Not run: hybrid" in page.summary.text()
    assert page.compare.rowCount() >= 3
    assert page.users.rowCount() == 40
    assert not page.charts.pixmap().isNull() and page.charts.pixmap().height() > 500
    assert page.report_path.exists() and page.open_report.isEnabled()
    window.resize(1400, 860)
    _save(window, "evaluation-window.png", tmp_path)
    page.tabs.setCurrentIndex(2)
    _save(window, "evaluation-charts.png", tmp_path)


def test_bad_setup_is_explained_and_store_rows_open_recommendations(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    page = window.evaluation
    for box in page.model_checks.values():
        box.setChecked(False)
    page.run_button.click()
    assert "at least one model" in page.error_label.text()
    page.model_checks["pop"].setChecked(True)
    page.model_checks["itemknn"].setChecked(True)
    page.protocol.setCurrentIndex(page.protocol.findData("leave-last"))
    config, _ = page.config()
    assert config.protocol == Protocol("leave-last", test=0.2, valid=0.1, seed=123,
                                       cut_day=config.protocol.cut_day)
    job = _run(qtbot, window, page)
    assert job.state == "done", job.error
    shopper = page.users.item(0, 0).text()
    page.users.cellDoubleClicked.emit(0, 0)
    assert window.pages.currentWidget() is window.recommendations
    assert window.recommendations.shopper.text() == shopper


def test_open_report_without_a_browser_says_where_the_file_is(qtbot, window, tmp_path,
                                                              monkeypatch):
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    page = window.evaluation
    page.report_path = tmp_path / "report.html"
    page.report_path.write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    assert page._open_report() is False
    assert str(page.report_path) in page.summary.text()
    assert QGuiApplication.clipboard().text() == str(page.report_path)


def test_the_default_protocol_on_the_demo_store_evaluates_most_shoppers(qtbot, window,
                                                                        demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    window.nav.setCurrentRow(window.pages.indexOf(window.evaluation))
    page = window.evaluation
    assert page.dataset.currentData() == "store" and page.protocol.currentData() == "leave-last"
    for name, box in page.model_checks.items():
        box.setChecked(name == "pop")
    job = _run(qtbot, window, page)
    assert job.state == "done", job.error
    assert page.report.evaluated_users >= 100
    assert "More than half" not in page.summary.text()
    page.protocol.setCurrentIndex(page.protocol.findData("random"))  # most have no test item
    assert _run(qtbot, window, page).state == "done"
    assert page.report.evaluated_users < 100 and "More than half" in page.summary.text()
    page.protocol.setCurrentIndex(page.protocol.findData("leave-last"))
    page.dataset.setCurrentIndex(page.dataset.findData("ml-100k"))
    assert page.protocol.currentData() == "random"  # ratings: the published random split
