"""Training, saving and loading recommenders for a store."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.services.engines import Engines
from stylerec_app.services.interactions import (
    StoreDataset,
    attach_features,
    load_store,
    train_data,
)
from stylerec_app.services.recommendation import model_files
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.services.recommendation.style_affinity import RestyledTaste
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


def make_model(name: str, params: dict | None = None, engines: Engines | None = None
               ) -> Recommender:
    """A fresh model; those that train with torch train on the hub's device."""
    spec = REGISTRY.get(name)
    device = str(engines.device.device) if engines is not None and spec.cls.trains_on_device \
        else None
    return spec.make(params, device)


def media_dir(store: Store) -> Path:
    return store.path.with_name(store.path.stem + "_media")


def style_provider(store: Store, ds: StoreDataset, engines: Engines) -> RestyledTaste:
    with store.read() as session:
        found = profiles_repo.summaries(session, ds.item_ids)
    paths = [found[i].image_path if i in found and found[i].image_status == "ok" else None
             for i in ds.item_ids]
    hashes = [found[i].image_hash if i in found and found[i].image_status == "ok" else None
              for i in ds.item_ids]
    return RestyledTaste(paths, hashes, media_dir(store) / "style_affinity", engines)


def prepare(store: Store, ds: StoreDataset, data: TrainData, model: Recommender,
            engines: Engines | None) -> None:
    """Give a model that ranks with restyled images its provider (the hub's networks)."""
    spec = REGISTRY.get(model.name) if model.name in REGISTRY else None
    if spec is not None and spec.uses_style and engines is not None:
        model.style_affinity = style_provider(store, ds, engines)


def flush_restyles(model: Recommender) -> None:
    """Write the restyled embeddings a model computed to their on-disk cache (for the next
    training, evaluation and serving)."""
    flush = getattr(getattr(model, "style_affinity", None), "flush", None)
    if flush is not None:
        flush()


@dataclass
class TrainedModel:
    name: str
    model: Recommender
    dataset: StoreDataset
    data: TrainData
    fit_seconds: float
    path: Path | None = None


def fit_on_store(store: Store, name: str, params: dict | None = None, *,
                 engines: Engines | None = None, progress: ProgressSink = ignore_progress,
                 cancel: CancelToken | None = None) -> TrainedModel:
    spec = REGISTRY.get(name)
    ds = load_store(store)
    if not len(ds.events.user):
        raise StyleRecError("The store has no shopper activity to learn from.")
    data = attach_features(store, ds, train_data(ds))
    if spec.needs_images and data.image is None:
        raise StyleRecError(f"{name} needs product image profiles: build profiles first.")
    model = make_model(name, params, engines)
    prepare(store, ds, data, model, engines)
    start = time.perf_counter()
    model.fit(data, progress=progress, cancel=cancel)
    flush_restyles(model)
    return TrainedModel(name, model, ds, data, time.perf_counter() - start)


def models_dir(store: Store) -> Path:
    return media_dir(store) / "models"


def save(store: Store, trained: TrainedModel) -> Path:
    """The fitted arrays and parameters, the snapshot of the data they saw, and the id order
    of its users and items (the data itself stays in the store)."""
    ds = trained.dataset
    state = {"model": trained.model.state(),
             "dataset": {"user_ids": np.asarray(ds.user_ids, np.int64),
                         "item_ids": np.asarray(ds.item_ids, np.int64)}}
    meta = {"name": trained.name, "params": _json_params(trained.model.params),
            "snapshot": ds.snapshot, "fit_seconds": trained.fit_seconds,
            "trained_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    trained.path = model_files.save(models_dir(store), trained.name, meta, state)
    return trained.path


def _json_params(params: dict) -> dict:
    return {k: v for k, v in params.items() if isinstance(v, bool | int | float | str | None)}


def train_and_save(store: Store, name: str, params: dict | None = None, *,
                   engines: Engines | None = None, progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None) -> TrainedModel:
    progress(Progress(0, 1, "train"))
    trained = fit_on_store(store, name, params, engines=engines, progress=progress,
                           cancel=cancel)
    save(store, trained)
    return trained


def load(store: Store, name: str, engines: Engines | None = None) -> TrainedModel:
    meta, state = model_files.load(models_dir(store), name)
    try:
        ids = state["dataset"]
        ds = load_store(store, user_ids=ids["user_ids"], item_ids=ids["item_ids"])
        data = attach_features(store, ds, train_data(ds))
        model = make_model(meta["name"], meta.get("params"), engines)
        model.load_state(state["model"], data)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise StyleRecError(code="model.unreadable", model=name,
                            detail=str(exc) or type(exc).__name__) from None
    trained = TrainedModel(meta["name"], model, ds, data, float(meta.get("fit_seconds", 0.0)),
                           model_files.paths(models_dir(store), name)[0])
    prepare(store, trained.dataset, trained.data, trained.model, engines)
    return trained


def trained_models(store: Store) -> list[str]:
    return model_files.saved_names(models_dir(store))
