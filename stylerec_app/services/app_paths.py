"""Where StyleRec keeps its files (platformdirs), overridable with STYLEREC_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "StyleRec"


def data_dir() -> Path:
    override = os.environ.get("STYLEREC_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def cache_dir() -> Path:
    override = os.environ.get("STYLEREC_HOME")
    base = (Path(override) / "cache" if override
            else Path(platformdirs.user_cache_dir(APP, appauthor=False)))
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_dir() -> Path:
    override = os.environ.get("STYLEREC_HOME")
    base = (Path(override) / "logs" if override
            else Path(platformdirs.user_log_dir(APP, appauthor=False)))
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_store_path() -> Path:
    """The store the GUI opens when none is named: the demo store on a fresh machine."""
    return data_dir() / "stores" / "demo.sqlite"
