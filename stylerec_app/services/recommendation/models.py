"""Training, saving and loading recommenders for a store."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.base import ItemKNN, Popularity, Recommender
from stylerec_app.engine.recommenders.content import ContentNN
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.factor import ALS, BPR, VBPR
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.services.recommendation import model_files
from stylerec_app.services.recommendation.dataset import (
    StoreDataset,
    attach_features,
    load_store,
    train_data,
)
from stylerec_app.services.recommendation.style_affinity import RestyledTaste
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store

MODELS = ("pop", "itemknn", "als", "bpr", "vbpr", "content", "hybrid", "hybrid-no-style")
NEEDS_PROFILES = {"vbpr", "content", "hybrid", "hybrid-no-style"}


def make_model(name: str, params: dict | None = None, device: str = "auto") -> Recommender:
    """`device` (auto, cpu, cuda…) is where VBPR and the hybrid train, unless params say."""
    params = dict(params or {})
    if name in ("hybrid", "hybrid-no-style"):
        params.pop("use_style", None)  # the name says it
    if name in ("vbpr", "hybrid", "hybrid-no-style") and "device" not in params:
        from stylerec_app.engine.device import pick_device

        params["device"] = str(pick_device(device).device)  # VBPR trains on a GPU if any
    factories = {
        "pop": Popularity, "itemknn": ItemKNN, "als": ALS, "bpr": BPR, "vbpr": VBPR,
        "content": ContentNN,
        "hybrid": lambda **p: Hybrid(use_style=True, **p),
        "hybrid-no-style": lambda **p: Hybrid(use_style=False, **p),
    }
    if name not in factories:
        raise StyleRecError(f"Unknown model {name!r}; choose one of {', '.join(MODELS)}.")
    try:
        return factories[name](**params)
    except TypeError as exc:
        raise StyleRecError(f"Bad parameters for {name}: {exc}") from None


def media_dir(store: Store) -> Path:
    return store.path.with_name(store.path.stem + "_media")


def style_provider(store: Store, ds: StoreDataset) -> RestyledTaste:
    with store.read() as session:
        found = profiles_repo.summaries(session, ds.item_ids)
    paths = [found[i].image_path if found[i].image_status == "ok" else None
             for i in ds.item_ids]
    hashes = [found[i].image_hash if found[i].image_status == "ok" else None
              for i in ds.item_ids]
    return RestyledTaste(paths, hashes, media_dir(store) / "style_affinity")


def prepare(store: Store, ds: StoreDataset, data: TrainData, model: Recommender) -> None:
    if isinstance(model, Hybrid) and model.params["use_style"]:
        model.style_affinity = style_provider(store, ds)


@dataclass
class TrainedModel:
    name: str
    model: Recommender
    dataset: StoreDataset
    data: TrainData
    fit_seconds: float
    path: Path | None = None


def fit_on_store(store: Store, name: str, params: dict | None = None, *,
                 progress: ProgressSink = ignore_progress,
                 cancel: CancelToken | None = None) -> TrainedModel:
    ds = load_store(store)
    if not len(ds.events.user):
        raise StyleRecError("The store has no shopper activity to learn from.")
    data = attach_features(store, ds, train_data(ds))
    if name in NEEDS_PROFILES and data.image is None:
        raise StyleRecError(f"{name} needs product image profiles: build profiles first.")
    model = make_model(name, params)
    prepare(store, ds, data, model)
    start = time.perf_counter()
    model.fit(data, progress=progress, cancel=cancel)
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
                   progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None) -> TrainedModel:
    progress(Progress(0, 1, "train"))
    trained = fit_on_store(store, name, params, progress=progress, cancel=cancel)
    save(store, trained)
    return trained


def load(store: Store, name: str) -> TrainedModel:
    meta, state = model_files.load(models_dir(store), name)
    try:
        ids = state["dataset"]
        ds = load_store(store, user_ids=ids["user_ids"], item_ids=ids["item_ids"])
        data = attach_features(store, ds, train_data(ds))
        model = make_model(meta["name"], meta.get("params"))
        model.load_state(state["model"], data)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise StyleRecError(code="model.unreadable", model=name,
                            detail=str(exc) or type(exc).__name__) from None
    trained = TrainedModel(meta["name"], model, ds, data, float(meta.get("fit_seconds", 0.0)),
                           model_files.paths(models_dir(store), name)[0])
    prepare(store, trained.dataset, trained.data, trained.model)
    return trained


def trained_models(store: Store) -> list[str]:
    return model_files.saved_names(models_dir(store))
