"""Load the UI language: our .ts compiled to .qm (cached), plus Qt's own dialog strings."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def _lrelease() -> Path | None:
    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe", "Qt/bin/lrelease", "Qt/libexec/lrelease"):
        if (folder / name).exists():
            return folder / name
    return None


def compiled_qm(language: str, cache_dir: Path | None = None) -> Path | None:
    """The .qm for `language`: shipped beside the .ts (packaged app) or built into the cache."""
    ts = resources_dir() / "translations" / f"stylerec_{language}.ts"
    shipped = ts.with_suffix(".qm")
    frozen = getattr(sys, "frozen", False)  # a bundle's copy times say nothing about age
    if shipped.exists() and (frozen or not ts.exists()
                             or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    if cache_dir is None:
        import tempfile

        cache_dir = Path(tempfile.gettempdir()) / "stylerec-translations"
    cached = cache_dir / "translations" / shipped.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = _lrelease()
    if tool is None:
        log.warning("lrelease not found; UI stays in English")
        return None
    cached.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(cached)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not cached.exists():
        log.warning("lrelease failed: %s", result.stderr.strip())
        return None
    return cached


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


class Translations:
    """Installs and swaps translators on the application."""

    def __init__(self, app: QApplication, cache_dir: Path | None = None) -> None:
        self.app = app
        self.cache_dir = cache_dir
        self.installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        for translator in self.installed:
            self.app.removeTranslator(translator)
        self.installed.clear()
        self.language = language
        if language == "en":
            return True
        ok = False
        ours = QTranslator(self.app)
        qm = compiled_qm(language, self.cache_dir)
        if qm is not None and ours.load(str(qm)):
            self.app.installTranslator(ours)
            self.installed.append(ours)
            ok = True
        qt_own = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{language}", qt_dir):
            self.app.installTranslator(qt_own)
            self.installed.append(qt_own)
        return ok
