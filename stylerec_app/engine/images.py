"""Loading product photos for models: decoded, RGB, and padded square on their background."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from stylerec_app.engine.palette import background_colour


class BadImage(Exception):
    """The photo cannot be decoded; the caller flags the product and moves on."""


def load_rgb(path: str) -> Image.Image:
    try:
        with Image.open(path) as img:
            img.load()
            return ImageOps.exif_transpose(img).convert("RGB")
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as exc:
        raise BadImage(f"{path}: {exc}") from exc


def square_on_background(img: Image.Image, size: int) -> Image.Image:
    """Pad to a square with the photo's own background colour, then resize: nothing is cut."""
    w, h = img.size
    side = max(w, h)
    bg = tuple(int(c) for c in background_colour(np.asarray(img, dtype=np.float32)))
    canvas = Image.new("RGB", (side, side), bg)
    canvas.paste(img, ((side - w) // 2, (side - h) // 2))
    return canvas.resize((size, size), Image.Resampling.BILINEAR)


def center_crop(img: Image.Image, size: int, resize: int) -> Image.Image:
    """The standard ImageNet evaluation view: shorter side to `resize`, centre `size` crop."""
    w, h = img.size
    scale = resize / min(w, h)
    img = img.resize((round(w * scale), round(h * scale)), Image.Resampling.BILINEAR)
    w, h = img.size
    left, top = (w - size) // 2, (h - size) // 2
    return img.crop((left, top, left + size, top + size))
