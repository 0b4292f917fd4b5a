"""Opening untrusted product photos: the one guarded loader every caller goes through.

A photo's path comes from a file somebody else wrote, so a path is opened only if it is a
regular file (opened non-blocking and checked with fstat: a FIFO or a device is refused at
once, never read), read no further than a size cap, its pixel count checked from the
header before anything is decoded (a decompression bomb is flagged, not raised), and
decoded no larger than the caller needs (JPEG's DCT scaling decodes a 12000² photo at
1500² for a thumbnail). Every mode comes out as 8-bit RGB: 16-bit greys are scaled (not
clipped to white), transparency is laid on white, CMYK, palette, 1-bit and animated files
(first frame) are converted.
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from stylerec_app.domain.messages import english
from stylerec_app.engine.palette import background_colour

# Our own caps below replace PIL's global bomb check (which raises before the size is known).
Image.MAX_IMAGE_PIXELS = None


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int = 64 << 20  # file size
    max_pixels: int = 50_000_000  # decoded at once (≈ 7000 × 7000)
    max_header_pixels: int = 250_000_000  # what a JPEG header may claim (decoded reduced)


LIMITS = ImageLimits()


class BadImage(Exception):
    """The photo cannot be used; the caller flags the product and moves on."""

    def __init__(self, code: str, **args) -> None:
        self.code, self.args_ = code, args
        super().__init__(english(code, args))


def read_image_bytes(path: str | os.PathLike, limits: ImageLimits = LIMITS) -> bytes:
    """The file's bytes, if it is a regular file within the size cap."""
    label = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise BadImage("image.missing", path=label) from None
    except OSError as exc:
        raise BadImage("image.unreadable", path=label, detail=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadImage("image.not_a_file", path=label)
        if info.st_size == 0:
            raise BadImage("image.empty", path=label)
        if info.st_size > limits.max_bytes:
            raise BadImage("image.file_too_large", path=label, size_mb=info.st_size / 2**20,
                           limit_mb=limits.max_bytes / 2**20)
        chunks, left = [], limits.max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise BadImage("image.unreadable", path=label, detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limits.max_bytes:  # it grew while we read it
        raise BadImage("image.file_too_large", path=label, size_mb=len(data) / 2**20,
                       limit_mb=limits.max_bytes / 2**20)
    return data


def _too_many(label: str, w: int, h: int, limit: int) -> BadImage:
    return BadImage("image.too_many_pixels", path=label, width=w, height=h,
                    megapixels=w * h / 1e6, limit_mp=limit / 1e6)


def open_header(data: bytes, label: str, limits: ImageLimits = LIMITS) -> Image.Image:
    """Parse the header only (nothing decoded) and enforce the pixel caps."""
    try:
        img = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:  # Pillow's text names an in-memory buffer, not the file
        raise BadImage("image.not_image", path=label) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise BadImage("image.corrupt", path=label, detail=str(exc) or type(exc).__name__) \
            from None
    w, h = img.size
    reducible = img.format == "JPEG"
    if w * h > (limits.max_header_pixels if reducible else limits.max_pixels):
        raise _too_many(label, w, h, limits.max_header_pixels if reducible else
                        limits.max_pixels)
    return img


def decode(data: bytes, label: str, max_side: int | None = None,
           limits: ImageLimits = LIMITS) -> Image.Image:
    """Decode to RGB no larger than `max_side` (and never over the decoded-pixel cap)."""
    img = open_header(data, label, limits)
    try:
        if img.format == "JPEG":
            w, h = img.size
            scale = _jpeg_scale(w, h, max_side, limits.max_pixels)
            if (w // scale) * (h // scale) > limits.max_pixels:
                raise _too_many(label, w, h, limits.max_pixels)
            if scale > 1:  # draft() works once: ask for exactly the scale we chose
                img.draft("RGB", (max(1, w // scale), max(1, h // scale)))
        img.load()
        img = _to_rgb(img)
        try:
            img = ImageOps.exif_transpose(img)
        except Exception:  # noqa: BLE001 — a malformed EXIF block never costs the photo
            pass
    except BadImage:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise BadImage("image.corrupt", path=label, detail=str(exc) or type(exc).__name__) \
            from None
    if max_side and max(img.size) > max_side:
        img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return img


def _jpeg_scale(w: int, h: int, max_side: int | None, max_pixels: int) -> int:
    """JPEG's DCT scale (1, 2, 4 or 8): as small as the caller wants, within the pixel cap."""
    scale = 1
    while scale < 8 and ((w // scale) * (h // scale) > max_pixels
                         or (max_side and max(w, h) // (scale * 2) >= max_side)):
        scale *= 2
    return scale


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGB":
        return img
    if mode.startswith("I;16") or mode in ("I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if mode.startswith("I;16") or arr.max(initial=0) > 255 else 255.0
        if mode == "F" and arr.max(initial=0) <= 1.0:
            top = 1.0
        grey = np.clip(arr * (255.0 / top) + 0.5, 0, 255).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGB")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return img.convert("RGB")  # L, P, 1, CMYK, YCbCr, LAB, HSV, RGBX


def open_image(path: str | os.PathLike, max_side: int | None = None,
               limits: ImageLimits = LIMITS) -> Image.Image:
    """Read and decode a photo through every guard; raises BadImage with a code."""
    if path is None:
        raise BadImage("image.missing", path="(none)")
    return decode(read_image_bytes(path, limits), str(path), max_side, limits)


def load_rgb(path: str | os.PathLike, max_side: int | None = None) -> Image.Image:
    """The photo as RGB (the name every model caller uses)."""
    return open_image(path, max_side)


def fit(image: Image.Image, max_side: int | None) -> Image.Image:
    """The photo in RGB, its longer side at most `max_side` (what a restyle starts from)."""
    image = image.convert("RGB")
    if max_side and max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


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
