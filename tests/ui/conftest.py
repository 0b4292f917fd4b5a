import pytest

from stylerec_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings)
    w.show_reports = False  # modal dialogs would wait for a click
    w.ask_before_import = False  # imports go into the open store (the dialog is tested alone)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.shutdown()
    w.catalog.thumbnails.wait_idle()


def open_and_wait(qtbot, window, path, timeout=30000):
    with qtbot.waitSignal(window.catalog.loaded, timeout=timeout) as blocker:
        window.open_store_path(path)
    return blocker.args[0]


def wait_for_thumbnails(qtbot, page, rows=8):
    def loaded():
        return all(page.thumbnails.get(page.model.items[r].id, None) is not None
                   for r in range(min(rows, page.model.rowCount())))
    qtbot.waitUntil(loaded, timeout=20000)
