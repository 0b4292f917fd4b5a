"""Product photo checks: content hash and a real decode, so corrupt files are flagged.

Decoding uses JPEG draft mode (1/8 scale), which still reads every byte, so a
truncated file fails while a sound one costs about a millisecond.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from stylerec_app.domain.catalog import ImageStatus

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class ImageCheck:
    path: str | None
    status: str
    sha256: str | None = None
    stat: str | None = None
    reason: str = ""


def file_stat(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def check_image(path: Path | None, known: tuple[str | None, str | None, str] | None = None
                ) -> ImageCheck:
    """Hash and decode `path`; reuse `known` (stat, hash, status) when the file is unchanged."""
    if path is None:
        return ImageCheck(None, ImageStatus.NONE)
    stat = file_stat(path)
    if stat is None:
        return ImageCheck(str(path), ImageStatus.MISSING, reason=f"photo not found: {path}")
    if known is not None and known[0] == stat and known[2] in (ImageStatus.OK,
                                                               ImageStatus.CORRUPT):
        reason = "" if known[2] == ImageStatus.OK else f"corrupt photo: {path}"
        return ImageCheck(str(path), known[2], known[1], stat, reason)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImageCheck(str(path), ImageStatus.MISSING, stat=stat,
                          reason=f"photo unreadable: {path} ({exc.strerror})")
    digest = hashlib.sha256(data).hexdigest()
    try:
        with Image.open(path) as img:
            img.draft("RGB", (64, 64))
            img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return ImageCheck(str(path), ImageStatus.CORRUPT, digest, stat,
                          reason=f"corrupt photo: {path} ({exc})")
    return ImageCheck(str(path), ImageStatus.OK, digest, stat)


def check_images(paths: list[Path | None], known: list | None = None) -> list[ImageCheck]:
    """Check a batch in parallel (PIL releases the GIL while decoding)."""
    known = known or [None] * len(paths)
    workers = max(1, min(8, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check_image, paths, known))


def find_image(folder: Path | None, stem: str) -> Path | None:
    """The photo named after the product id in `folder`, if any."""
    if folder is None:
        return None
    for suffix in IMAGE_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    return None
