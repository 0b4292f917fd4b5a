"""Saved recommenders without pickle: learned arrays in an .npz, everything else in JSON.

A model file copied from a shared drive may have been written by anybody, so loading it
must never run code: ``np.load(allow_pickle=False)`` reads only plain arrays, and the
JSON side (format version, parameters, the data snapshot it saw, and the layout of the
arrays — nested dicts, dense and sparse matrices) is data. A file that is damaged, of
another format, or missing a part is reported as such and never half-loaded.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from stylerec_app.domain.errors import StyleRecError

FORMAT = "stylerec-model"
VERSION = 2


def _flatten(value, key: str, arrays: dict[str, np.ndarray]):
    """The JSON layout of `value`; its arrays go into `arrays` under path-like keys."""
    if isinstance(value, dict):
        return {"dict": {str(k): _flatten(v, f"{key}/{k}", arrays) for k, v in value.items()}}
    if sp.issparse(value):
        m = value.tocsr()
        for part in ("data", "indices", "indptr"):
            arrays[f"{key}.{part}"] = np.asarray(getattr(m, part))
        return {"csr": key, "shape": list(m.shape)}
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise TypeError(f"{key}: object arrays cannot be saved without pickle")
        arrays[key] = value
        return {"array": key}
    if value is None or isinstance(value, bool | int | float | str):
        return {"value": value}
    if isinstance(value, list | tuple) and all(isinstance(v, bool | int | float | str)
                                              for v in value):
        return {"value": list(value)}
    if isinstance(value, np.generic):
        return {"value": value.item()}
    raise TypeError(f"{key}: cannot save a {type(value).__name__}")


def _unflatten(layout, arrays):
    if "dict" in layout:
        return {k: _unflatten(v, arrays) for k, v in layout["dict"].items()}
    if "csr" in layout:
        key = layout["csr"]
        return sp.csr_matrix((arrays[f"{key}.data"], arrays[f"{key}.indices"],
                              arrays[f"{key}.indptr"]), shape=tuple(layout["shape"]))
    if "array" in layout:
        return arrays[layout["array"]]
    return layout["value"]


def paths(folder: Path, name: str) -> tuple[Path, Path]:
    return folder / f"{name}.json", folder / f"{name}.npz"


def save(folder: Path, name: str, meta: dict, state: dict) -> Path:
    """Write both files atomically (the JSON last: a model exists once its JSON does)."""
    folder.mkdir(parents=True, exist_ok=True)
    meta_path, array_path = paths(folder, name)
    arrays: dict[str, np.ndarray] = {}
    layout = _flatten(state, "state", arrays)
    tmp = array_path.with_suffix(".part.npz")
    np.savez(tmp, **arrays)
    os.replace(tmp, array_path)
    body = {"format": FORMAT, "version": VERSION, **meta, "layout": layout}
    tmp_meta = meta_path.with_suffix(".part")
    tmp_meta.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp_meta, meta_path)
    return meta_path


def load(folder: Path, name: str) -> tuple[dict, dict]:
    """(meta, state) of a saved model; StyleRecError if it is missing or not ours."""
    meta_path, array_path = paths(folder, name)
    if not meta_path.exists():
        raise StyleRecError(code="model.missing", model=name)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ValueError("not a StyleRec model file")
        if int(meta.get("version", 0)) > VERSION:
            raise ValueError(f"written by a newer StyleRec (format {meta['version']})")
        with np.load(array_path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        state = _unflatten(meta["layout"], arrays)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise StyleRecError(code="model.unreadable", model=name,
                            detail=str(exc) or type(exc).__name__) from None
    return meta, state


def saved_names(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if not p.name.endswith(".part"))
