"""Crash safety and support: rotating logs, native crash traces, the error dialog, debug info.

Nothing fails silently: an exception on any thread is logged with its traceback and
shown in a dialog the user can copy from (home folder and user name masked), while the
app keeps running. A hard crash (segfault in a native library) leaves a Python-level
trace in crash.log thanks to faulthandler.
"""

from __future__ import annotations

import faulthandler
import getpass
import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stylerec_app import __version__

log = logging.getLogger("stylerec")
LOG_NAME = "stylerec.log"
_crash_file = None
_log_folder: Path | None = None  # set once at start (from the settings), shown in Help


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Rotating log in the user log folder (5 × 1 MB) and faulthandler into crash.log."""
    global _crash_file, _log_folder
    _log_folder = folder
    folder.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if not any(getattr(h, "stylerec", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000,
                                                       backupCount=5, encoding="utf-8")
        handler.stylerec = True
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(min(root.level or level, level))
    if _crash_file is None:
        _crash_file = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open)
        faulthandler.enable(_crash_file, all_threads=True)
    return folder


def mask_personal(text: str) -> str:
    """Replace the home folder and the user name, which paths and messages often carry."""
    home = str(Path.home())
    if home and home != "/":
        text = text.replace(home, "~")
    try:
        user = getpass.getuser()
    except Exception:  # no user name available: nothing to mask
        user = ""
    if len(user) > 2:
        text = text.replace(user, "<user>")
    return text


def debug_info(device: str = "") -> str:
    """Versions and the compute device, for support requests (no personal data).

    `device` is what the app already found (status bar); probing a GPU here would block
    the GUI thread for seconds on some machines.
    """
    import torch

    device = device or "not checked yet"
    lines = [f"StyleRec {__version__}", f"Python {platform.python_version()} ({sys.platform}, "
             f"{platform.machine()})", f"Qt/PySide6 {pyside_version}", f"torch {torch.__version__}"
             f" (CUDA {torch.version.cuda or 'none'})", f"Device: {device}",
             f"Frozen bundle: {bool(getattr(sys, 'frozen', False))}",
             f"Log folder: {_log_folder or 'not set up'}"]
    return mask_personal("\n".join(lines))


class ErrorDialog(QDialog):
    """What went wrong in plain words, the details for support, and ways to send them."""

    def __init__(self, title: str, message: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 380)
        text = QLabel(message)
        text.setWordWrap(True)
        hint = QLabel(self.tr("StyleRec is still running and your data is safe. If this keeps "
                              "happening, send the details below to your support contact."))
        hint.setWordWrap(True)
        self.details = QPlainTextEdit(mask_personal(details))
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        logs = QPushButton(self.tr("Open log folder"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        logs.clicked.connect(open_log_folder)
        layout = QVBoxLayout(self)
        for w in (text, hint, self.details, buttons):
            layout.addWidget(w)

    def copy(self) -> None:
        device = getattr(self.parent(), "device_label", None)
        QGuiApplication.clipboard().setText(self.details.toPlainText() + "\n\n" + debug_info(
            device.text() if device is not None else ""))


def open_log_folder() -> None:
    if _log_folder is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(_log_folder)))


class ExceptionBridge(QObject):
    """Routes uncaught exceptions from any thread to one dialog on the GUI thread."""

    raised = Signal(str, str)

    def __init__(self, parent_widget_fn) -> None:
        super().__init__()
        self.parent_widget_fn = parent_widget_fn
        self.dialogs: list[ErrorDialog] = []
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_type, exc, tb) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception\n%s", details)
        self.raised.emit(f"{exc_type.__name__}: {exc}", details)

    def _show(self, message: str, details: str) -> None:
        dialog = ErrorDialog(self.tr("Something went wrong"),
                             self.tr("An unexpected error occurred: %1").replace("%1", message),
                             details, self.parent_widget_fn())
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog))
        dialog.open()


def install_exception_hooks(bridge: ExceptionBridge) -> None:
    sys.excepthook = bridge.report
    threading.excepthook = lambda args: bridge.report(args.exc_type, args.exc_value,
                                                      args.exc_traceback)
