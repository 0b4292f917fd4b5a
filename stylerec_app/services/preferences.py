"""User preferences: a small JSON file in the platform's config folder, with a schema version.

Qt-free so the CLI and tests can read it. Unknown keys are ignored and bad values fall
back to defaults (a hand-edited file never stops the app); a file written by a newer
version is read for what this version understands and never overwritten by it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

SCHEMA_VERSION = 1
MAX_RECENT = 8
DEVICES = ("auto", "cpu", "cuda")
LANGUAGE_CODES = ("system", "en", "zh_CN")
THEMES = ("system", "light", "dark")
log = logging.getLogger(__name__)


@dataclass
class Preferences:
    device: str = "auto"
    language: str = "system"
    theme: str = "system"
    data_folder: str = ""  # empty: the platform's user data folder
    thumbnail_cache_mb: int = 256
    recent_stores: list[str] = field(default_factory=list)  # files, and team-store URLs
    welcome_shown: bool = False  # the first-run screen was seen
    ray_address: str = ""  # catalog-wide jobs (profiling) go to this Ray cluster; "" = here

    def add_recent(self, location: Path | str) -> None:
        """A store file, or a team store's URL (kept without its password)."""
        text = _safe_url(location) if _is_url(location) else str(
            Path(location).expanduser().resolve())
        self.recent_stores = [text] + [p for p in self.recent_stores if p != text]
        del self.recent_stores[MAX_RECENT:]

    def existing_recent(self) -> list[Path | str]:
        """Store files that still exist, and team stores (their server may be up)."""
        return [p if _is_url(p) else Path(p) for p in self.recent_stores
                if _is_url(p) or Path(p).exists()]


def _is_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql", "postgres:"))


def _safe_url(url: str) -> str:
    from stylerec_app.services.stores import safe_url

    return safe_url(url)


def _clean(raw: dict) -> Preferences:
    prefs = Preferences()
    checks = {"device": lambda v: v in DEVICES or str(v).startswith("cuda:"),
              "language": lambda v: v in LANGUAGE_CODES, "theme": lambda v: v in THEMES,
              "data_folder": lambda v: isinstance(v, str),
              "thumbnail_cache_mb": lambda v: isinstance(v, int) and 16 <= v <= 8192,
              "recent_stores": lambda v: isinstance(v, list) and all(isinstance(p, str)
                                                                     for p in v),
              "welcome_shown": lambda v: isinstance(v, bool),
              "ray_address": lambda v: isinstance(v, str)}
    for f in fields(Preferences):
        if f.name in raw and checks[f.name](raw[f.name]):
            setattr(prefs, f.name, raw[f.name])
    return prefs


def load(path: Path) -> Preferences:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("preferences unreadable (%s): using defaults", exc)
        return Preferences()
    return _clean(raw if isinstance(raw, dict) else {})


def save(prefs: Preferences, path: Path) -> bool:
    """Write atomically; returns False (and leaves the file) if it is from a newer version."""
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if int(existing.get("schema_version", 0)) > SCHEMA_VERSION:
            log.warning("preferences were written by a newer StyleRec: not overwriting")
            return False
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps({"schema_version": SCHEMA_VERSION, **asdict(prefs)}, indent=1,
                              ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return True
