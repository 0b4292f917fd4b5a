"""Plain data shared by every layer: dataclasses, errors, progress and cancel tokens."""
