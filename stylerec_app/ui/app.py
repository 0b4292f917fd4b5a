"""GUI entry point: `python main.py [--db PATH] [--lang zh_CN|en]`.

The AppShell owns the one main window: it sets up logging and crash handling, applies
the saved preferences, and rebuilds the window in another language when asked (every
widget is created again through the new translators, so nothing stays in the old one).
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from stylerec_app import APP_NAME, __version__
from stylerec_app.services.settings import Settings
from stylerec_app.ui.support import ExceptionBridge, install_exception_hooks, setup_logging
from stylerec_app.ui.translations import LANGUAGES, Translations, system_language
from stylerec_app.ui.window_support import apply_theme

if TYPE_CHECKING:  # the window's modules load after the platform check, not before it
    from stylerec_app.ui.main_window import MainWindow

log = logging.getLogger("stylerec")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stylerec-gui")
    parser.add_argument("--db", type=Path, help="store to open (default: the demo store)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="UI language")
    parser.add_argument("--self-test", action="store_true", help="check the installation")
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)  # packaging checks
    return parser.parse_args(argv)


def resolve_language(choice: str | None) -> str:
    if choice in LANGUAGES:
        return choice
    return system_language()


class AppShell:
    def __init__(self, app: QApplication, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.translations = Translations(app, settings.cache_dir)
        self.window: MainWindow | None = None
        self.bridge = ExceptionBridge(lambda: self.window)

    def show_window(self, store: Path | None = None, *, first_run_demo: bool = False) -> MainWindow:
        from stylerec_app.ui.main_window import MainWindow

        window = MainWindow(self.settings)
        window.translations = self.translations
        window.language_requested.connect(self.switch_language)
        if self.window is not None:
            window.setGeometry(self.window.geometry())
            window.nav.setCurrentRow(self.window.nav.currentRow())
        window.show()
        self.window = window
        if store is not None:
            window.open_store_path(store, create_demo_if_missing=first_run_demo)
        return window

    def switch_language(self, choice: str) -> bool:
        """Apply at once when no job runs (the window is rebuilt); else at the next start."""
        old = self.window
        if old is not None and old.jobs.active_jobs():
            old.statusBar().showMessage(old.tr("The new language applies when StyleRec starts "
                                               "again (jobs are running)."), 8000)
            return False
        self.translations.apply(resolve_language(choice))
        store = old.service.path if old is not None and old.service is not None else None
        window = self.show_window(store)
        if old is not None:
            window.carry_state_from(old)
            old.close()
            old.deleteLater()
        return True


def _screenshot_when_ready(shell: AppShell, target: Path) -> None:
    """Save the window once the store has loaded, print when it appeared, and quit
    (used by the packaging script to look at the frozen app and time its start)."""
    import time

    from PySide6.QtCore import QTimer

    def attach() -> None:
        window = shell.window
        print(f"first window shown at {time.time():.3f}", flush=True)

        def loaded(_service) -> None:
            QTimer.singleShot(1500, lambda: (window.grab().save(str(target)),
                                             print(f"catalog ready at {time.time():.3f}",
                                                   flush=True),
                                             shell.app.quit()))

        window.catalog.loaded.connect(loaded)

    QTimer.singleShot(0, attach)


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # packaged builds: an import's reading helper
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = Settings.resolve(os.environ, language=args.lang)
    if args.self_test:
        from stylerec_app.ui.selftest import run_self_test

        return run_self_test(settings)
    if QApplication.instance() is None:  # before Qt: its abort is no message for a user
        from stylerec_app.ui.platform_check import check_or_exit

        check_or_exit()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    folder = setup_logging(settings.log_dir)
    log.info("StyleRec %s starting (logs in %s)", __version__, folder)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    apply_theme(settings.prefs.theme)
    shell = AppShell(app, settings)
    install_exception_hooks(shell.bridge)
    shell.translations.apply(resolve_language(settings.language))
    if args.screenshot is not None:
        _screenshot_when_ready(shell, args.screenshot)
    if args.db is not None:
        shell.show_window(args.db)
    else:
        default = settings.default_store_path
        first = not default.exists()
        window = shell.show_window(default, first_run_demo=True)
        if first and not settings.prefs.welcome_shown:
            from stylerec_app.ui.first_run import FirstRunDialog

            FirstRunDialog.show_once(window)
    return app.exec()
