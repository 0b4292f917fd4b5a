"""Content / visual nearest neighbours from the shopper's history (works for cold items)."""

from __future__ import annotations

import numpy as np

from stylerec_app.domain.progress import Progress, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender


def _normalise(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-9)


class ContentNN(Recommender):
    """Cosine between a taste vector (weighted mean of the items engaged with) and each item."""

    needs = frozenset({"images"})
    grid = ({"image_weight": 0.5}, {"image_weight": 0.8})

    def __init__(self, image_weight: float = 0.7) -> None:
        super().__init__("content", {"image_weight": image_weight})

    def fit(self, data, progress=ignore_progress, cancel=None):
        self.attach(data)
        progress(Progress(1, 1, "fit"))
        return self

    def attach(self, data):
        """Everything here derives from the interactions and item vectors: nothing to save."""
        weights = data.interactions.tocsr()
        self.parts = []
        for matrix, w in ((data.image, self.params["image_weight"]),
                          (data.text, 1.0 - self.params["image_weight"])):
            if matrix is None or w <= 0:
                continue
            items = _normalise(np.asarray(matrix, np.float32))
            users = _normalise(np.asarray(weights @ items, np.float32))
            self.parts.append((w, users, items))
        popularity = np.asarray(data.binary().sum(0)).ravel().astype(np.float32)
        self.tiebreak = 1e-3 * popularity / max(1.0, popularity.max())  # cold shoppers

    def scores(self, user):
        out = self.tiebreak.copy()
        for w, users, items in self.parts:
            out += w * (items @ users[user])
        return out

    def scores_many(self, users):
        out = np.tile(self.tiebreak, (len(users), 1))
        for w, user_vecs, items in self.parts:
            out += w * (user_vecs[users] @ items.T)
        return out

    def taste(self, user: int) -> np.ndarray | None:
        """The shopper's visual taste vector (the first part is the image one)."""
        return self.parts[0][1][user] if self.parts else None
