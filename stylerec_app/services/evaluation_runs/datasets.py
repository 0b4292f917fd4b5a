"""Datasets to evaluate on: a store, an H&M-layout folder, MovieLens-100K atomic files.

Spec strings (CLI and UI): ``db:PATH`` (any StyleRec store), ``hm[:DIR]`` (imported into
a cached store through the normal importer, so the same code paths are measured), and
``ml-100k[:DIR]`` (RecBole atomic files read directly: ratings, no photos). The events
come from services/interactions.py, the loader training and serving use too.
Feedback is implicit: every event trains. What counts as *relevant* in a test part:
purchases when the data has any (else carts, else every event); with a rating
threshold, ratings at or above it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.services.engines import Engines
from stylerec_app.services.interactions import (
    StoreDataset,
    attach_features,
    event_weights,
    load_movielens,
    load_store,
    relevance,
)
from stylerec_app.storage.database import Store, open_store
from stylerec_app.storage.team_store import is_url


@dataclass
class EvalDataset:
    spec: str
    label: str
    user: np.ndarray  # event arrays, positions into user_names / item_names
    item: np.ndarray
    weight: np.ndarray  # training weight of each event
    relevant: np.ndarray  # counts as ground truth when in a test part
    day: np.ndarray  # days since 2000-01-01
    user_names: list[str]
    item_names: list[str]
    relevance: str  # what "relevant" means, for the report
    features: TrainData | None = None  # item features (image, text, category, …) when profiled
    store: Store | None = None
    store_data: StoreDataset | None = None

    @property
    def has_images(self) -> bool:
        return self.features is not None and self.features.image is not None

    def summary(self) -> dict:
        return {"spec": self.spec, "label": self.label, "users": len(self.user_names),
                "items": len(self.item_names), "events": len(self.user),
                "relevant events": int(self.relevant.sum()), "relevance": self.relevance,
                "images": self.has_images}

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def parse_spec(spec: str, data_dir: Path | None = None) -> tuple[str, Path | str]:
    """`hm` and `ml-100k` without a folder mean `<data_dir>/hm` (settings: STYLEREC_DATA)."""
    kind, _, rest = spec.partition(":")
    if kind not in ("db", "hm", "ml-100k"):
        raise StyleRecError(f"Unknown dataset {spec!r}: use db:PATH, hm[:DIR] or ml-100k[:DIR].")
    if kind == "db" and not rest:
        raise StyleRecError("db: needs a store path, e.g. db:~/shop.sqlite")
    if kind == "db" and is_url(rest):
        return kind, rest  # a team store
    if not rest and data_dir is None:
        raise StyleRecError(f"Say where the {kind} data is: --dataset {kind}:DIR, or set "
                            f"STYLEREC_DATA to the folder that holds {kind}/.")
    folder = Path(rest).expanduser() if rest else data_dir / kind
    if not folder.exists():
        raise StyleRecError(f"No dataset at {folder}.")
    return kind, folder


def load_dataset(spec: str, *, cache_dir: Path, data_dir: Path | None = None,
                 engines: Engines | None = None, threshold: float | None = None,
                 need_images: bool = False, progress: ProgressSink = ignore_progress,
                 cancel: CancelToken | None = None) -> EvalDataset:
    kind, path = parse_spec(spec, data_dir)
    if kind == "ml-100k":
        return movielens(path, threshold, spec)
    if kind == "hm":
        store = hm_store(path, cache_dir, engines if need_images else None, progress, cancel)
        label = f"H&M folder {path.name} (imported into {store.path.name})"
    else:
        store = open_store(path, create=False)
        label = f"store {store.url or path.name}"
    return from_store(store, spec, label, threshold)


def hm_store(folder: Path, cache_dir: Path, engines: Engines | None, progress, cancel) -> Store:
    """The folder imported into a cached store (idempotent: a re-run only checks it), and
    profiled with `engines` when image models are asked for."""
    from stylerec_app.services.importing import import_hm
    from stylerec_app.services.profiles import build_profiles

    digest = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:10]
    target = cache_dir / "evaluation" / f"hm-{digest}.sqlite"
    store = open_store(target, create=True)
    try:
        import_hm(store, folder, progress=progress, cancel=cancel)
        if engines is not None:
            build_profiles(store, engines, progress=progress, cancel=cancel)
    except BaseException:
        store.close()
        raise
    return store


def from_store(store: Store, spec: str, label: str, threshold: float | None) -> EvalDataset:
    ds = load_store(store)
    ev = ds.events
    relevant, described = relevance(ev.kind, ev.value, threshold)
    features = None
    if len(ds.item_ids):
        template = TrainData(interactions=None)  # type: ignore[arg-type]
        attach_features(store, ds, template)
        features = template
    return EvalDataset(spec, label, ev.user, ev.item, event_weights(ev.kind, ev.value),
                       relevant, ev.day, ds.user_names, ds.item_names, described, features,
                       store, ds)


def movielens(folder: Path, threshold: float | None, spec: str) -> EvalDataset:
    files = load_movielens(folder)
    ev = files.events
    if threshold is not None:
        relevant, described = ev.value >= threshold, f"ratings ≥ {threshold:g}"
    else:
        relevant, described = np.ones(len(ev.user), bool), "every rating"
    return EvalDataset(spec, f"MovieLens-100K ({files.source})", ev.user, ev.item,
                       files.weight, relevant, ev.day, files.user_names, files.item_names,
                       described)
