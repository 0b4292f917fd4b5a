"""Product photos for the UI: the engine's guarded loader, reached through the services.

Thumbnails, the detail pane and the Studio open photos that somebody else's catalog
named, so they use the same guards as profiling (regular files only, size and pixel
caps, reduced decode). The UI calls this module, never the engine directly.
"""

from __future__ import annotations

from stylerec_app.engine.images import LIMITS, BadImage, ImageLimits, open_image

__all__ = ["LIMITS", "BadImage", "ImageLimits", "open_image", "open_photo"]


def open_photo(path: str, max_side: int | None = None):
    """RGB PIL image no larger than `max_side`; raises BadImage (with a code) otherwise."""
    return open_image(path, max_side)
