"""Product photo checks at import: confined paths, bounded reads, a hash and a cheap decode.

Every read goes through the guarded loader (regular files only, size and pixel caps from
the header). JPEGs are decoded in draft mode (1/8 scale), which still reads every byte,
so a truncated file fails while a sound one costs about a millisecond; other formats are
verified (PNG checks every chunk's CRC) without decoding their pixels.
"""

from __future__ import annotations

import hashlib
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from stylerec_app.domain.catalog import ImageStatus
from stylerec_app.engine.images import BadImage, open_header, read_image_bytes

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_REFUSED = {"image.not_a_file", "image.outside_folder", "image.file_too_large",
            "image.too_many_pixels", "image.empty"}


@dataclass(frozen=True)
class ImageCheck:
    path: str | None
    status: str
    sha256: str | None = None
    stat: str | None = None
    code: str = ""
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Refused:
    """A photo path refused before any read (e.g. it leaves the images folder)."""

    text: str
    code: str


def file_stat(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def confine(root: Path, value: str | Path) -> Path | Refused:
    """`value` (relative to `root`, or absolute) resolved with its links followed, if it
    stays inside `root`; otherwise why not."""
    text = str(value).strip()
    candidate = Path(text)
    if not candidate.is_absolute():
        candidate = root / candidate
    try:
        resolved = candidate.resolve()
        inside = resolved.is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # link loops, bad names
        return Refused(text, "image.outside_folder")
    return resolved if inside else Refused(text, "image.outside_folder")


def check_image(path: Path | Refused | None,
                known: tuple[str | None, str | None, str] | None = None) -> ImageCheck:
    """Hash and check `path`; reuse `known` (stat, hash, status) when the file is unchanged."""
    if path is None:
        return ImageCheck(None, ImageStatus.NONE)
    if isinstance(path, Refused):
        return ImageCheck(None, ImageStatus.REJECTED, code=path.code, args={"path": path.text})
    label = str(path)
    stat = file_stat(path)
    if stat is None:
        return ImageCheck(label, ImageStatus.MISSING, code="image.missing", args={"path": label})
    if known is not None and known[0] == stat and known[2] == ImageStatus.OK:
        return ImageCheck(label, ImageStatus.OK, known[1], stat)
    try:
        data = read_image_bytes(path)
        digest = hashlib.sha256(data).hexdigest()
        img = open_header(data, label)
        if img.format == "JPEG":
            img.draft("RGB", (64, 64))
            img.load()
        else:
            img.verify()
    except BadImage as exc:
        status = ImageStatus.REJECTED if exc.code in _REFUSED else (
            ImageStatus.MISSING if exc.code in ("image.missing", "image.unreadable")
            else ImageStatus.CORRUPT)
        return ImageCheck(label if status != ImageStatus.REJECTED else None, status, None, stat,
                          exc.code, exc.args_)
    except Exception as exc:  # noqa: BLE001 — any decoder failure flags this photo only
        return ImageCheck(label, ImageStatus.CORRUPT, digest, stat, "image.corrupt",
                          {"path": label, "detail": str(exc) or type(exc).__name__})
    return ImageCheck(label, ImageStatus.OK, digest, stat)


def check_images(paths: list, known: list | None = None) -> list[ImageCheck]:
    """Check a batch in parallel (PIL releases the GIL while decoding)."""
    known = known or [None] * len(paths)
    out: list = [None] * len(paths)
    todo = [n for n, p in enumerate(paths) if p is not None]
    for n, p in enumerate(paths):
        if p is None:
            out[n] = ImageCheck(None, ImageStatus.NONE)
    if todo:
        workers = max(1, min(8, os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for n, check in zip(todo, pool.map(check_image, [paths[n] for n in todo],
                                               [known[n] for n in todo]), strict=True):
                out[n] = check
    return out


def folder_signature(folder: Path | None) -> str:
    """Changes when a photo is added to or removed from the folder or a subfolder (their
    mtimes change); edits to a photo are caught by its own size and mtime."""
    if folder is None or not folder.is_dir():
        return "-"
    digest = hashlib.blake2b(digest_size=8)
    stack = [folder]
    try:
        for entry in [folder, *(e for e in os.scandir(folder) if e.is_dir())]:
            info = os.stat(entry)
            digest.update(f"{entry}:{info.st_mtime_ns}|".encode())
    except OSError:
        return "?"
    del stack
    return digest.hexdigest()


class PhotoFolder:
    """Finds product photos in one folder, confined to it, without a syscall per guess.

    The folder's listing is read once (a million products means a million lookups), and
    a subfolder is resolved once: a photo inside a plain subfolder is checked with one
    lstat; anything that could lead elsewhere (a link, "..", an absolute path) is fully
    resolved and confined."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.real = root.resolve() if root is not None else None
        self._names: set[str] | None = None
        self._dirs: dict[str, bool] = {}

    def for_id(self, stem: str) -> Path | Refused | None:
        """The photo named after the product id (<id>.jpg, .jpeg, .png, .webp), if any."""
        if self.root is None:
            return None
        if self._names is None:
            try:
                self._names = {e.name for e in os.scandir(self.root)}
            except OSError:
                self._names = set()
        for suffix in IMAGE_SUFFIXES:
            if f"{stem}{suffix}" in self._names:
                return self.named(f"{stem}{suffix}")
        return None

    def named(self, value: str) -> Path | Refused | None:
        """A photo path from the catalog (relative to the folder, or absolute)."""
        value = value.strip()
        if not value:
            return None
        if self.root is None:
            return confine(Path.cwd(), value)
        rel = Path(value)
        if rel.is_absolute() or ".." in rel.parts:
            return confine(self.root, value)
        parent = str(rel.parent)
        inside = self._dirs.get(parent)
        if inside is None:
            try:
                inside = (self.root / parent).resolve().is_relative_to(self.real)
            except (OSError, RuntimeError, ValueError):
                inside = False
            self._dirs[parent] = inside
        if not inside:
            return Refused(value, "image.outside_folder")
        path = self.root / rel
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return confine(self.root, value)
        except OSError:
            pass  # missing: reported as such by check_image
        except ValueError:  # a name no file system takes (a NUL byte)
            return Refused(value, "image.not_a_file")
        return path
