"""Output folders that appear whole or not at all (collection exports, catalog restyles)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stylerec_app.domain.errors import StyleRecError


def check_empty(folder: Path, verb: str) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StyleRecError(f"{folder} is not empty: {verb} into a new or empty folder.")


@contextmanager
def building(folder: Path, verb: str = "export") -> Iterator[Path]:
    """A hidden work folder beside `folder` (which must be new or empty), renamed to it when
    the block ends; on any error or cancel it is removed, so nothing half-made is left."""
    folder = Path(folder)
    check_empty(folder, verb)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f".{folder.name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        yield work
        if folder.exists():
            folder.rmdir()
        os.replace(work, folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
