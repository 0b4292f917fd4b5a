"""GUI entry point: `python main.py [--db PATH] [--lang zh_CN|en]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from stylerec_app import APP_NAME, __version__
from stylerec_app.services import app_paths
from stylerec_app.ui.main_window import MainWindow
from stylerec_app.ui.translations import LANGUAGES, Translations, system_language


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stylerec-gui")
    parser.add_argument("--db", type=Path, help="store to open (default: the demo store)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="UI language")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    translations = Translations(app)
    translations.apply(args.lang or os.environ.get("STYLEREC_LANG") or system_language())
    window = MainWindow()
    window.translations = translations
    window.show()
    if args.db is not None:
        window.open_store_path(args.db)
    else:
        window.open_store_path(app_paths.default_store_path(), create_demo_if_missing=True)
    return app.exec()
