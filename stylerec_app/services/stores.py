"""Opening stores: the front ends' door to storage (the UI and CLI never import storage).

Everything about proving a file is a store, creating, upgrading or refusing it lives in
``storage/database.py`` (files) and ``storage/team_store.py`` (PostgreSQL); this module
hands the front ends the few names they need, and the team-store chores.
"""

from __future__ import annotations

from pathlib import Path

from stylerec_app.domain.progress import CancelToken, ProgressSink
from stylerec_app.storage.database import Store, head_revision, open_store
from stylerec_app.storage.store_copy import copy_store
from stylerec_app.storage.team_store import (
    is_url,
    keyring_password,
    remember_for_session,
    safe_url,
    save_password,
    set_media_dir,
)


def push_store(source: str | Path, target: Store, progress: ProgressSink | None = None,
               cancel: CancelToken | None = None) -> dict[str, int]:
    """Every row of the store file `source` copied into the (new) team store `target`."""
    store = open_store(source)
    try:
        return copy_store(store, target, progress, cancel)
    finally:
        store.close()


__all__ = ["Store", "head_revision", "is_url", "keyring_password", "open_store", "push_store",
           "remember_for_session", "safe_url", "save_password", "set_media_dir"]
