"""Shipping behaviour: language switching, preferences across restarts, errors in workers,
and a walk over every widget in Chinese looking for untranslated English."""

import logging
import os
import re
import subprocess

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
)

from stylerec_app.services import preferences
from stylerec_app.services.evaluation_runs.presets import PRESETS
from stylerec_app.services.settings import Settings
from stylerec_app.ui.app import AppShell
from stylerec_app.ui.main_window import MainWindow
from stylerec_app.ui.support import ErrorDialog, setup_logging
from tests.services.test_evaluation import tiny_movielens  # noqa: F401 (fixture)
from tests.ui.conftest import open_and_wait
from tests.ui.test_profiles_ui import _save

# Names that stay as they are in every language.
BRANDS = {"StyleRec", "H&M", "MovieLens", "MovieLens-100K", "Cornac", "RecBole", "HTML", "CSV",
          "JSON", "CUDA", "GPU", "CPU", "Qt", "pop", "itemknn", "family-rule", "als", "bpr", "vbpr", "content",
          "hybrid", "hybrid-no-style", "Recall", "Precision", "NDCG", "MAP", "MRR", "HitRate",
          "AUC", "Coverage", "k", "p", "t", "Wilcoxon", "CI", "MB", "KB", "ms", "s", "px",
          "PNG", "JPEG", "Ctrl", "Shift", "English", "cornac", "recbole", "hm", "temporal",
          "last", "day", "vintage", "of"}
BRANDS |= {"CycleGAN", "stylerec", "train"}  # a model's name; the CLI command `stylerec train`
BRANDS |= {"same-family", "co-purchase", "trending", "segment-trending", "age-trending", "repeat",
           "image-neighbours", "ranker", "ranker-no-images", "ranker-no-style"}  # models
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")


def _has_cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.stdout.strip())


@pytest.fixture
def shell(qapp, settings):
    s = AppShell(qapp, settings)
    yield s
    s.translations.apply("en")  # translators are app-wide: leave English for other tests
    if s.window is not None:
        s.window.jobs.shutdown()
        s.window.close()


def _texts(window) -> list[tuple[str, str]]:
    found = []
    for w in window.findChildren(QLabel):
        if w.isVisibleTo(window) and w.text():
            found.append(("label", w.text()))
    for w in window.findChildren(QAbstractButton):
        if w.isVisibleTo(window) and w.text():
            found.append(("button", w.text()))
    for w in window.findChildren(QGroupBox):
        found.append(("group", w.title()))
    for w in window.findChildren(QLineEdit):
        found.append(("placeholder", w.placeholderText()))
    for w in window.findChildren(QComboBox):
        if w.objectName() != "data":
            found += [("combo", w.itemText(i)) for i in range(w.count())]
    for w in window.findChildren(QTabWidget):
        found += [("tab", w.tabText(i)) for i in range(w.count())]
    for menu_action in window.menuBar().actions():
        found.append(("menu", menu_action.text()))
        for action in menu_action.menu().actions():
            found.append(("menu item", action.text()))
    found += [("nav", window.nav.item(r).text()) for r in range(window.nav.count())]
    return found


def _untranslated(texts, data: set[str]) -> list[tuple[str, str]]:
    bad = []
    for kind, text in texts:
        plain = re.sub(r"<[^>]+>|H&amp;M|H&&M|H&M|&[a-z]+;", " ", text).replace("&", "")
        if not plain.strip() or plain.strip() in data:
            continue
        words = [w for w in WORD.findall(plain) if w not in BRANDS and len(w) > 1]
        if words:
            bad.append((kind, text))
    return bad


def test_every_visible_string_is_translated_in_chinese(shell, qtbot, demo_copy):
    shell.translations.apply("zh_CN")
    window = shell.show_window()
    qtbot.addWidget(window)
    open_and_wait(qtbot, window, demo_copy)
    data = {p.title for p in window.catalog.model.items} | {str(demo_copy), demo_copy.name}
    data |= {window.store_label.text(), window.stats_label.text(), window.device_label.text()}
    facets = window.catalog.service.facets()  # the store's own categories and colours
    data |= set(facets.categories) | set(facets.colours) | set(PRESETS)
    bad = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(50)
        bad += _untranslated(_texts(window), data)
    assert not sorted(set(bad)), "\n".join(map(repr, sorted(set(bad))))


def test_switching_to_chinese_retranslates_the_window(shell, qtbot, demo_copy, tmp_path):
    window = shell.show_window()
    open_and_wait(qtbot, window, demo_copy)
    assert window.nav.item(0).text() == "Catalog"
    window.apply_preferences(preferences.Preferences(**{**vars(window.prefs),
                                                        "language": "zh_CN"}))
    new = shell.window
    assert new is not window
    qtbot.waitUntil(lambda: new.service is not None, timeout=30000)
    assert new.nav.item(0).text() != "Catalog"
    assert re.search(r"[\u4e00-\u9fff]", new.nav.item(0).text())
    assert re.search(r"[\u4e00-\u9fff]", new.menuBar().actions()[0].text())
    assert new.service.path == demo_copy.resolve()
    if _has_cjk_font():
        new.resize(1280, 820)
        qtbot.waitUntil(lambda: new.catalog.model.rowCount() > 0, timeout=30000)
        qtbot.wait(1500)  # the first thumbnails
        _save(new, "window-zh_CN.png", tmp_path)


def test_a_language_switch_keeps_choices_results_and_job_history(shell, qtbot, demo_copy,
                                                                 tiny_movielens):  # noqa: F811
    from tests.ui.test_evaluation_ui import _run

    window = shell.show_window()
    open_and_wait(qtbot, window, demo_copy)
    rec = window.recommendations
    rec.shopper.setText("S0042")
    rec.model_a.setCurrentIndex(rec.model_a.findData("family-rule"))
    rec.model_b.setCurrentIndex(rec.model_b.findData("ranker"))
    rec.k.setValue(7)
    page = window.evaluation
    page.dataset.setCurrentIndex(page.dataset.findData("ml-100k"))
    page.folder.setText(str(tiny_movielens))
    page.protocol.setCurrentIndex(page.protocol.findData("user-random"))
    page.seed.setValue(99)
    for name, box in page.model_checks.items():
        box.setChecked(name in ("pop", "itemknn"))
    assert _run(qtbot, window, page).state == "done"
    rows = page.table.rowCount()
    jobs = len(window.jobs_panel.rows)
    assert rows == 2 and jobs >= 1
    qtbot.waitUntil(lambda: not window.jobs.active_jobs(), timeout=30000)  # else it waits
    other = "en" if window.prefs.language == "zh_CN" else "zh_CN"  # saved by earlier tests
    window.apply_preferences(preferences.Preferences(**{**vars(window.prefs),
                                                        "language": other}))
    new = shell.window
    assert new is not window
    r, e = new.recommendations, new.evaluation
    assert (r.shopper.text(), r.model_a.currentData(), r.model_b.currentData(),
            r.k.value()) == ("S0042", "family-rule", "ranker", 7)
    assert (e.dataset.currentData(), e.folder.text(), e.protocol.currentData(),
            e.seed.value()) == ("ml-100k", str(tiny_movielens), "user-random", 99)
    assert {n for n, b in e.model_checks.items() if b.isChecked()} == {"pop", "itemknn"}
    assert e.table.rowCount() == rows and e.open_report.isEnabled()
    assert len(new.jobs_panel.rows) == jobs and not new.jobs_panel.empty.isVisible()


def test_preferences_persist_across_restarts(qtbot, demo_copy):
    first = MainWindow(Settings.resolve(os.environ))
    qtbot.addWidget(first)
    open_and_wait(qtbot, first, demo_copy)
    changed = preferences.Preferences(**{**vars(first.prefs), "theme": "dark", "device": "cpu",
                                         "thumbnail_cache_mb": 128})
    first.apply_preferences(changed)
    first.jobs.shutdown()
    first.close()
    second = MainWindow(Settings.resolve(os.environ))  # a restart reads the file again
    qtbot.addWidget(second)
    assert (second.prefs.theme, second.prefs.device, second.prefs.thumbnail_cache_mb) == \
        ("dark", "cpu", 128)
    assert str(demo_copy.resolve()) == second.prefs.recent_stores[0]
    second._fill_recent()
    assert demo_copy.name in [a.text() for a in second.recent_menu.actions()]
    second.apply_preferences(preferences.Preferences(**{**vars(second.prefs), "theme": "system",
                                                        "device": "auto"}))
    second.jobs.shutdown()


def test_an_exception_in_a_worker_shows_the_error_dialog_and_is_logged(qtbot, window):
    setup_logging(window.settings.log_dir)

    def boom(progress, cancel):
        raise RuntimeError("disk on fire in the worker")

    job = window.jobs.submit("boom", boom, writes_store=False)
    qtbot.waitUntil(lambda: job.state == "failed", timeout=10000)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "_last_error_box", None), ErrorDialog),
                    timeout=5000)
    dialog = window._last_error_box
    assert dialog.isVisible()
    assert "disk on fire" in dialog.details.toPlainText()
    dialog.copy()
    assert "StyleRec" in QApplication.clipboard().text()
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = (window.settings.log_dir / "stylerec.log").read_text(encoding="utf-8")
    assert "disk on fire in the worker" in log_text and "Traceback" in log_text
    # the app keeps working: another job runs to the end
    ok = window.jobs.submit("fine", lambda p, c: 42, writes_store=False)
    qtbot.waitUntil(lambda: ok.state == "done", timeout=10000)
    assert ok.result == 42
    dialog.close()


def test_service_wordings_are_translated_at_the_edge(shell, qapp):
    """Import issues and errors travel as codes with arguments; the UI words them."""
    from stylerec_app.domain.errors import StoreError
    from stylerec_app.ui.messages import Messages
    from stylerec_app.ui.recommendations_page import RankedGrid

    shell.translations.apply("zh_CN")
    messages = Messages()
    assert messages.text("row.duplicate_id", {"id": "A1", "first": 3}) == \
        "重复的编号“A1”（首次出现在第 3 行）"
    assert messages.text("image.missing", {"path": "x.jpg"}) == "找不到照片：x.jpg"
    assert messages.error(StoreError(code="store.disk_full", path="s.sqlite")).startswith(
        "s.sqlite 所在的磁盘已满")
    assert messages.text("no.such.code", {"text": "something new"}) == "something new"

    from stylerec_app.domain.messages import Message

    class Pick:
        reason = Message("reason.popular_in", {"category": "Mug"})

    assert RankedGrid().reason_text(Pick()) == "Mug 中的热门商品"
