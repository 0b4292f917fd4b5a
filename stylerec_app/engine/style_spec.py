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


@dataclass
class TrainConfig:
    """How a new style is trained (the training dialog builds one without loading torch)."""

    size: int = 256
    steps: int = 300
    batch: int = 2
    lr: float = 0.03
    critic_lr: float = 2e-4
    # VGG works on 0–255 Caffe inputs, so raw losses are large: these put content,
    # style and adversarial terms on comparable scales (about 10, 30 and 0.5 at the start).
    content_weight: float = 1e-5
    style_weight: float = 1e-5
    adversarial_weight: float = 0.5
    seed: int = 0
