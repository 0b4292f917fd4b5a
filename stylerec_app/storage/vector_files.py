"""Vector matrices as memory-mapped `.npy` sidecars beside the store.

The embeddings table stays the record (written in the profiling transaction, so a cancelled
or killed run leaves nothing half-written); readers that need a whole matrix — similar
products, shopper tastes, the content and hybrid models — get it from a sidecar built once
per (owner, kind, vectors version): `<store>_media/vectors/<key>.npy` plus its ids.
Building streams the blobs into an `open_memmap` in chunks, so a 1M × 1280 matrix never
exists twice in memory; readers page it in from the OS cache instead of decoding 10^6 blobs.
The file appears by rename only when complete; older versions of the same matrix are removed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stylerec_app.storage import orm

CHUNK = 20_000  # blobs decoded per step while a sidecar is written


@dataclass(frozen=True)
class VectorMatrix:
    ids: np.ndarray  # int64 owner ids, ascending
    matrix: np.ndarray  # len(ids) × dim float32 (read-only memory map when from a sidecar)
    path: Path | None  # the sidecar, when there is one
    key: str  # names this exact content (owner, kind, count, the vectors' write stamp)


def vectors_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "_media") / "vectors"


def _version(session: Session, owner: str, kind: str) -> tuple:
    """(count, stamp, dim): the stamp changes with every write of `owner`'s vectors."""
    e = orm.Embedding
    count, dim = session.execute(select(func.count(), func.max(e.dim)).where(
        e.owner == owner, e.kind == kind)).one()
    stamp = session.scalar(select(orm.StoreMeta.value).where(
        orm.StoreMeta.key == f"vectors:{owner}"))
    return count, stamp, dim


def load(session: Session, store_path: Path | None, owner: str, kind: str) -> VectorMatrix:
    """All `owner` vectors of `kind`, from the sidecar (built first when out of date)."""
    count, stamp, dim = _version(session, owner, kind)
    key = hashlib.blake2b(repr((owner, kind, count, stamp, dim)).encode(),
                          digest_size=8).hexdigest()
    if not count:
        return VectorMatrix(np.zeros(0, np.int64), np.zeros((0, 0), np.float32), None, key)
    if store_path is None:  # no folder to write to (a store in memory): decode in place
        ids, matrix = _decode_all(session, owner, kind, count, dim)
        return VectorMatrix(ids, matrix, None, key)
    folder = vectors_dir(store_path)
    stem = f"{owner}-{kind}-{key}"
    path, ids_path = folder / f"{stem}.npy", folder / f"{stem}.ids.npy"
    if not (path.is_file() and ids_path.is_file()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _write(session, owner, kind, count, dim, path, ids_path)
        except OSError:  # read-only media or a full disk: decode into memory instead
            ids, matrix = _decode_all(session, owner, kind, count, dim)
            return VectorMatrix(ids, matrix, None, key)
        for old in folder.glob(f"{owner}-{kind}-*"):
            if not old.name.startswith(stem):
                old.unlink(missing_ok=True)
    ids = np.load(ids_path)
    matrix = np.load(path, mmap_mode="r")
    return VectorMatrix(ids, matrix, path, key)


def _rows(session: Session, owner: str, kind: str):
    e = orm.Embedding
    return session.execute(select(e.owner_id, e.vector).where(e.owner == owner, e.kind == kind)
                           .order_by(e.owner_id)).yield_per(CHUNK)


def _decode_all(session, owner, kind, count, dim) -> tuple[np.ndarray, np.ndarray]:
    ids = np.empty(count, np.int64)
    matrix = np.zeros((count, dim), np.float32)
    n = _fill(_rows(session, owner, kind), ids, matrix)
    return ids[:n], matrix[:n]


def _fill(rows, ids: np.ndarray, matrix: np.ndarray) -> int:
    n = 0
    for oid, blob in rows:
        if n >= len(ids):
            break
        vector = np.frombuffer(blob, dtype="<f4")
        ids[n] = oid
        matrix[n, : len(vector)] = vector[: matrix.shape[1]]
        n += 1
    return n


def _write(session, owner, kind, count, dim, path: Path, ids_path: Path) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp_ids = ids_path.with_name(ids_path.name + f".{os.getpid()}.tmp")
    try:
        matrix = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float32, shape=(count, dim))
        ids = np.empty(count, np.int64)
        n = _fill(_rows(session, owner, kind), ids, matrix)
        matrix.flush()
        del matrix
        if n != count:  # vectors changed while we read: a consistent snapshot is a read txn,
            raise RuntimeError("vector count changed during the sidecar write")  # so: a bug
        with open(tmp_ids, "wb") as fh:
            np.save(fh, ids)
        os.replace(tmp_ids, ids_path)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp_ids):
            leftover.unlink(missing_ok=True)
