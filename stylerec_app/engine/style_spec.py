"""What a restyle applies, as a frozen value (importable without loading torch)."""

from __future__ import annotations

from dataclasses import dataclass, field

MASK_MODES = ("all", "background", "product")
STYLES = 26  # built-in styles of the multistyle26 network (the style bank's first rows)


@dataclass(frozen=True)
class StyleSpec:
    """What to apply. `source`: "bank" (weights over built-in and trained styles),
    "arbitrary" (a 100-d vector from a picture) or "vintage" (the CycleGAN)."""

    source: str = "bank"
    weights: tuple[float, ...] = ()
    vector: tuple[float, ...] = ()
    strength: float = 1.0
    preserve_colour: bool = False
    mask: str = "all"
    max_side: int | None = None  # None: full resolution
    extra: dict = field(default_factory=dict, compare=False)
