"""Where StyleRec keeps its files (platformdirs), overridable with STYLEREC_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "StyleRec"


def _folder(kind: str, under_home: str) -> Path:
    """platformdirs' per-user folder of `kind`, or a subfolder of STYLEREC_HOME."""
    override = os.environ.get("STYLEREC_HOME")
    if override:
        base = Path(override) / under_home if under_home else Path(override)
    else:
        base = Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def data_dir() -> Path:
    """The user data folder, or the one chosen in Preferences (STYLEREC_HOME wins)."""
    if not os.environ.get("STYLEREC_HOME"):
        from stylerec_app.services import preferences  # lazy: preferences imports this module

        chosen = preferences.load().data_folder
        if chosen:
            path = Path(chosen).expanduser()
            path.mkdir(parents=True, exist_ok=True)
            return path
    return _folder("data", "")


def cache_dir() -> Path:
    return _folder("cache", "cache")


def log_dir() -> Path:
    return _folder("log", "logs")


def default_store_path() -> Path:
    """The store the GUI opens when none is named: the demo store on a fresh machine."""
    return data_dir() / "stores" / "demo.sqlite"
