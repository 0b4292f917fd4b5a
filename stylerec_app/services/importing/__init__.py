"""Catalog and activity import (H&M layout, generic CSV/JSON Lines)."""

from stylerec_app.services.importing.generic import GenericSource, import_generic
from stylerec_app.services.importing.hm import import_hm, looks_like_hm

__all__ = ["GenericSource", "import_generic", "import_hm", "looks_like_hm"]
