"""Product region and colour palette from a photo on a plain background (no downloads).

The background colour is the median of the border pixels; pixels far from it
are the product. The palette is k-means over product pixels only, so a white
studio background never shows up as the product's main colour.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from scipy import ndimage

NAMED_COLOURS: dict[str, tuple[int, int, int]] = {
    "Black": (30, 30, 30), "White": (240, 240, 238), "Grey": (140, 140, 145),
    "Dark Grey": (80, 80, 84),
    "Beige": (215, 195, 160), "Brown": (120, 80, 50), "Red": (200, 40, 45),
    "Pink": (235, 145, 180), "Orange": (235, 130, 40), "Yellow": (240, 210, 60),
    "Green": (60, 150, 80), "Teal": (30, 140, 140), "Blue": (50, 95, 195),
    "Navy": (30, 40, 90), "Purple": (120, 70, 160),
}
_NAMES = list(NAMED_COLOURS)
_NAMED = np.array(list(NAMED_COLOURS.values()), dtype=np.float32)


def background_colour(rgb: np.ndarray, border: int = 4) -> np.ndarray:
    edges = np.concatenate([rgb[:border].reshape(-1, 3), rgb[-border:].reshape(-1, 3),
                            rgb[:, :border].reshape(-1, 3), rgb[:, -border:].reshape(-1, 3)])
    return np.median(edges, axis=0)


def product_mask(image: Image.Image, threshold: float = 30.0) -> np.ndarray:
    """Boolean H×W mask of the product (True) versus the plain background (False)."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    mask = np.linalg.norm(rgb - background_colour(rgb), axis=2) > threshold
    # Close small gaps, then drop specks: a 5-px max then min filter, and back. Edges
    # repeat outwards ("nearest"), as Pillow's rank filters do: the same mask, 4× faster.
    mask = ndimage.minimum_filter(ndimage.maximum_filter(mask, 5, mode="nearest"), 5,
                                  mode="nearest")
    result = ndimage.maximum_filter(ndimage.minimum_filter(mask, 3, mode="nearest"), 3,
                                    mode="nearest")
    if result.mean() < 0.01:  # nothing stands out: treat the whole photo as the product
        result[:] = True
    return result


def _kmeans(pixels: np.ndarray, k: int, iterations: int = 12, seed: int = 0) -> tuple:
    """k-means++ seeding, then Lloyd steps until nothing moves: distances by one matrix
    product, centres by weighted counts (a couple of milliseconds for a photo)."""
    rng = np.random.default_rng(seed)
    pixels = pixels.astype(np.float64)
    squared = (pixels**2).sum(1)
    centres = [pixels[rng.integers(len(pixels))]]
    nearest = ((pixels - centres[0]) ** 2).sum(1)
    for _ in range(1, k):
        total = nearest.sum()
        if total == 0:
            break
        centres.append(pixels[rng.choice(len(pixels), p=nearest / total)])
        nearest = np.minimum(nearest, ((pixels - centres[-1]) ** 2).sum(1))
    centres = np.array(centres)
    n = len(centres)
    for _ in range(iterations):
        labels = _closest(pixels, squared, centres)
        counts = np.bincount(labels, minlength=n)
        sums = np.stack([np.bincount(labels, pixels[:, c], n) for c in range(3)], 1)
        moved = centres.copy()
        kept = counts > 0
        moved[kept] = sums[kept] / counts[kept, None]
        done = np.array_equal(moved, centres)
        centres = moved
        if done:
            break
    labels = _closest(pixels, squared, centres)
    return centres, np.bincount(labels, minlength=n) / len(labels)


def _closest(pixels: np.ndarray, squared: np.ndarray, centres: np.ndarray) -> np.ndarray:
    return (squared[:, None] - 2 * pixels @ centres.T + (centres**2).sum(1)).argmin(1)


def palette(image: Image.Image, k: int = 5, min_share: float = 0.04,
            max_pixels: int = 2000) -> list[tuple[tuple[int, int, int], float]]:
    """Dominant product colours as [(rgb, share)], largest share first."""
    small = image.convert("RGB")
    small.thumbnail((128, 128))
    rgb = np.asarray(small, dtype=np.float32)
    pixels = rgb[product_mask(small)]
    if len(pixels) > max_pixels:
        pixels = pixels[np.random.default_rng(0).choice(len(pixels), max_pixels, replace=False)]
    centres, shares = _kmeans(pixels, min(k, len(pixels)))
    order = np.argsort(-shares)
    result = [(tuple(int(round(c)) for c in centres[i]), float(shares[i])) for i in order
              if shares[i] >= min_share]
    total = sum(s for _, s in result) or 1.0
    return [(c, s / total) for c, s in result]


def named_palette(image: Image.Image, k: int = 5) -> list[tuple[str, tuple[int, int, int], float]]:
    """The palette with clusters of the same colour name merged (two greens are one green)."""
    merged: dict[str, list[float]] = {}
    for rgb, share in palette(image, k):
        slot = merged.setdefault(colour_name(rgb), [0.0, 0.0, 0.0, 0.0])
        for i in range(3):
            slot[i] += rgb[i] * share
        slot[3] += share
    rows = [(name, tuple(int(round(v / s[3])) for v in s[:3]), s[3]) for name, s in merged.items()]
    return sorted(rows, key=lambda r: -r[2])


_NEUTRAL = [i for i, n in enumerate(_NAMES) if n in ("Black", "Dark Grey", "Grey", "White")]


def colour_name(rgb) -> str:
    """The nearest of a small set of merchandising colour names. A colour with almost no
    chroma is a neutral, named by lightness only (RGB distance alone calls dark grey brown)."""
    rgb = np.asarray(rgb, dtype=np.float32)
    pool = _NEUTRAL if float(rgb.max() - rgb.min()) < 24 else range(len(_NAMES))
    d = ((_NAMED[list(pool)] - rgb) ** 2).sum(1)
    return _NAMES[list(pool)[int(d.argmin())]]
