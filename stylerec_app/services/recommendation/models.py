"""Training, saving and loading recommenders for a store."""

from __future__ import annotations

import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.base import ItemKNN, Popularity, Recommender
from stylerec_app.engine.recommenders.content import ContentNN
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.factor import ALS, BPR, VBPR
from stylerec_app.engine.recommenders.hybrid import Hybrid
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


def save(store: Store, trained: TrainedModel) -> Path:
    """Pickle the fitted model with its parameters and the data snapshot it saw."""
    folder = media_dir(store) / "models"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{trained.name}.pkl"
    provider = getattr(trained.model, "style_affinity", None)
    if provider is not None:
        trained.model.style_affinity = None  # holds models; re-attached on load
    try:
        tmp = target.with_suffix(".part")
        with open(tmp, "wb") as fh:
            pickle.dump({"name": trained.name, "params": trained.model.params,
                         "snapshot": trained.dataset.snapshot, "fit_seconds": trained.fit_seconds,
                         "trained_at": time.strftime("%Y-%m-%d %H:%M:%S"),
                         "model": trained.model, "dataset": trained.dataset,
                         "data": trained.data}, fh)
        tmp.replace(target)
    finally:
        if provider is not None:
            trained.model.style_affinity = provider
    trained.path = target
    return target


def train_and_save(store: Store, name: str, params: dict | None = None, *,
                   progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None) -> TrainedModel:
    progress(Progress(0, 1, "train"))
    trained = fit_on_store(store, name, params, progress=progress, cancel=cancel)
    save(store, trained)
    return trained


def load(store: Store, name: str) -> TrainedModel:
    path = media_dir(store) / "models" / f"{name}.pkl"
    if not path.exists():
        raise StyleRecError(f"No trained {name} model for this store: train it first "
                            f"(stylerec train --model {name}).")
    with open(path, "rb") as fh:
        saved = pickle.load(fh)
    trained = TrainedModel(saved["name"], saved["model"], saved["dataset"], saved["data"],
                           saved["fit_seconds"], path)
    prepare(store, trained.dataset, trained.data, trained.model)
    return trained


def trained_models(store: Store) -> list[str]:
    folder = media_dir(store) / "models"
    return sorted(p.stem for p in folder.glob("*.pkl")) if folder.exists() else []
