"""The recommender interface and the simple, strong baselines (popularity, item-kNN)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.neighbours import cosine_neighbours, transposed_neighbours


@dataclass
class Recommender:
    """fit(data) then scores(user) → one score per item (higher is better)."""

    name: str = "base"
    params: dict = field(default_factory=dict)
    # The learned arrays that fully describe a fitted model: what is saved (without pickle).
    state_fields: ClassVar[tuple[str, ...]] = ()
    # What the model reads besides interactions: "images", "text" (item vectors), "style"
    # (restyled-product affinity, which runs neural networks while ranking).
    needs: ClassVar[frozenset[str]] = frozenset()
    # Settings tried on the validation part in an offline evaluation (best one refitted).
    grid: ClassVar[tuple[dict, ...]] = ()
    # Whether the constructor takes `device` (the model trains with torch).
    trains_on_device: ClassVar[bool] = False

    def state(self) -> dict[str, object]:
        """Learned arrays (numpy, scipy sparse, or nested dicts of them) by name."""
        return {name: getattr(self, name) for name in self.state_fields}

    def load_state(self, state: dict, data: TrainData) -> Recommender:
        """Restore a saved model, then derive what it needs from the store's data."""
        for name in self.state_fields:
            setattr(self, name, state[name])
        self.attach(data)
        return self

    def attach(self, data: TrainData) -> None:
        """Re-derive data-dependent parts after a load (e.g. each user's items)."""

    def fit(self, data: TrainData, progress: ProgressSink = ignore_progress,
            cancel: CancelToken | None = None) -> Recommender:
        raise NotImplementedError

    def scores(self, user: int) -> np.ndarray:
        raise NotImplementedError

    def scores_many(self, users) -> np.ndarray:
        return np.stack([self.scores(u) for u in users])


class Popularity(Recommender):
    """Items by how much they were bought/engaged with, optionally favouring recent activity."""

    state_fields = ("popularity",)
    grid = ({}, {"half_life_days": 7.0}, {"half_life_days": 30.0})

    def __init__(self, half_life_days: float | None = None) -> None:
        super().__init__("pop", {"half_life_days": half_life_days})
        self.half_life = half_life_days

    def fit(self, data, progress=ignore_progress, cancel=None):
        binary = data.binary()
        if self.half_life and data.last_seen is not None:
            last = data.last_seen.multiply(binary).tocsr()
            now = last.data.max() if last.nnz else 0.0
            last.data = 0.5 ** ((now - last.data) / self.half_life)
            counts = np.asarray(last.sum(0)).ravel()
        else:
            counts = np.asarray(binary.sum(0)).ravel()
        self.popularity = counts.astype(np.float32)
        progress(Progress(1, 1, "fit"))
        return self

    def scores(self, user):
        return self.popularity.copy()

    def scores_many(self, users):
        return np.tile(self.popularity, (len(users), 1))


class ItemKNN(Recommender):
    """Item-to-item cosine similarity with shrinkage, k nearest neighbours per item."""

    state_fields = ("similarity",)
    grid = ({"k": 50, "shrink": 0.0}, {"k": 100, "shrink": 10.0}, {"k": 300, "shrink": 10.0})

    def __init__(self, k: int = 100, shrink: float = 10.0) -> None:
        super().__init__("itemknn", {"k": k, "shrink": shrink})
        self.k, self.shrink = k, shrink

    def fit(self, data, progress=ignore_progress, cancel=None):
        x = data.binary().astype(np.float32)
        self.user_items = x
        self.similarity = cosine_neighbours(x, self.k, self.shrink, progress, cancel)
        return self

    def attach(self, data):
        self.user_items = data.binary().astype(np.float32)

    def scores(self, user):
        return np.asarray((self.user_items.getrow(user) @ transposed_neighbours(self)).todense()).ravel()

    def scores_many(self, users):
        return np.asarray((self.user_items[users] @ transposed_neighbours(self)).todense())
