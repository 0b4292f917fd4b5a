"""Opening stores: the front ends' door to storage (the UI and CLI never import storage).

Everything about proving a file is a store, creating, upgrading or refusing it lives in
``storage/database.py``; this module hands the front ends the few names they need.
"""

from __future__ import annotations

from stylerec_app.storage.database import Store, head_revision, open_store

__all__ = ["Store", "head_revision", "open_store"]
