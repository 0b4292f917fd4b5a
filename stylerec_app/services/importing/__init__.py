"""Catalog and activity import (H&M layout, generic CSV/JSON Lines)."""

from stylerec_app.services.importing.generic import (
    GenericSource,
    check_generic_source,
    import_generic,
)
from stylerec_app.services.importing.hm import check_hm_folder, import_hm, looks_like_hm

__all__ = ["GenericSource", "check_generic_source", "check_hm_folder", "import_generic",
           "import_hm", "looks_like_hm"]
