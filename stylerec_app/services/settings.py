"""One settings object, resolved once at start and passed down.

The entry points (``cli.main``, ``ui.app.main``) call ``Settings.resolve(os.environ, …)``;
nothing below them reads the environment. Settings hold the folders (platformdirs, or
``STYLEREC_HOME`` for a self-contained home), the saved preferences, and the values that
environment or command line may force: compute device (``STYLEREC_DEVICE``), language
(``STYLEREC_LANG``) and where evaluation data lives (``STYLEREC_DATA``, a folder holding
``hm/`` and ``ml-100k/``; no default: the app ships no evaluation data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from stylerec_app.services import preferences
from stylerec_app.services.preferences import Preferences

APP = "StyleRec"


@dataclass(frozen=True)
class Folders:
    data: Path
    cache: Path
    logs: Path
    config: Path
    home_override: bool = False  # STYLEREC_HOME: everything lives under one folder

    @classmethod
    def for_home(cls, home: str | None) -> Folders:
        if home:
            base = Path(home).expanduser()
            return cls(base, base / "cache", base / "logs", base / "config", True)
        return cls(*(Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
                     for kind in ("data", "cache", "log", "config")))


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Settings:
    folders: Folders
    prefs: Preferences = field(default_factory=Preferences)
    forced_device: str | None = None
    forced_language: str | None = None
    eval_data: Path | None = None

    @classmethod
    def resolve(cls, environ: Mapping[str, str], *, device: str | None = None,
                language: str | None = None, eval_data: str | Path | None = None) -> Settings:
        """Environment, then command-line overrides, then the preferences file."""
        folders = Folders.for_home(environ.get("STYLEREC_HOME"))
        data = eval_data or environ.get("STYLEREC_DATA")
        settings = cls(folders, forced_device=device or environ.get("STYLEREC_DEVICE") or None,
                       forced_language=language or environ.get("STYLEREC_LANG") or None,
                       eval_data=Path(data).expanduser() if data else None)
        settings.prefs = preferences.load(settings.preferences_path)
        return settings

    # -- folders ---------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        """The user data folder, or the one chosen in Preferences (STYLEREC_HOME wins)."""
        if self.prefs.data_folder and not self.folders.home_override:
            return _ensure(Path(self.prefs.data_folder).expanduser())
        return _ensure(self.folders.data)

    @property
    def cache_dir(self) -> Path:
        return _ensure(self.folders.cache)

    @property
    def log_dir(self) -> Path:
        return _ensure(self.folders.logs)

    @property
    def preferences_path(self) -> Path:
        return self.folders.config / "preferences.json"

    @property
    def default_store_path(self) -> Path:
        """The store the GUI opens when none is named: the demo store on a fresh machine."""
        return self.data_dir / "stores" / "demo.sqlite"

    @property
    def reports_dir(self) -> Path:
        return _ensure(self.data_dir / "reports")

    # -- effective choices ------------------------------------------------------------------------
    @property
    def device(self) -> str:
        return self.forced_device or self.prefs.device

    @property
    def language(self) -> str:
        return self.forced_language or self.prefs.language

    def save_preferences(self, prefs: Preferences) -> bool:
        """Write the file (unless a newer StyleRec wrote it) and use the new values."""
        self.prefs = prefs
        return preferences.save(prefs, self.preferences_path)
