"""The recommender interface and the simple, strong baselines (popularity, item-kNN)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.data import TrainData


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
        return np.asarray((self.user_items.getrow(user) @ self.similarity.T).todense()).ravel()

    def scores_many(self, users):
        return np.asarray((self.user_items[users] @ self.similarity.T).todense())


# Upper bound on the co-occurrence entries one block of items may produce (bounds memory:
# about 40 bytes each while a block is reduced to its top k).
BLOCK_ENTRIES = 20_000_000


def cosine_neighbours(x: sp.csr_matrix, k: int, shrink: float, progress: ProgressSink,
                  cancel: CancelToken | None) -> sp.csr_matrix:
    """Top-k cosine neighbours per item, a block of items at a time.

    The full item × item co-occurrence matrix never exists: each block's rows are computed,
    shrunk, cut to their k best and dropped. Within a row the arithmetic and the order are
    those of the one-shot product, so results do not depend on the block size.
    """
    import scipy.sparse as sp

    xt = x.T.tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(0)).ravel())
    user_degree = np.diff(x.indptr).astype(np.float64)
    cost = xt @ user_degree  # entries each item's co-occurrence row can have, at most
    bounds = _blocks(cost, BLOCK_ENTRIES)
    rows, cols, vals = [], [], []
    for step, (start, end) in enumerate(bounds):
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        co = (xt[start:end] @ x).tocsr()
        co.sort_indices()  # sorted columns within each row, as the one-shot product gives
        co = co.tocoo()
        r, c, v = co.row + start, co.col, co.data
        keep = r != c
        r, c, v = r[keep], c[keep], v[keep]
        v = v / (norms[r] * norms[c] + shrink + 1e-9)
        block = sp.csr_matrix((v, (r - start, c)), shape=(end - start, x.shape[1]))
        br, bc, bv = _top_k_rows(block, k)
        rows.append(br + start), cols.append(bc), vals.append(bv)
        progress(Progress(step + 1, len(bounds), "fit"))
    n = x.shape[1]
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float32)
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(n, n), dtype=np.float32)


def _blocks(cost: np.ndarray, budget: float) -> list[tuple[int, int]]:
    """Consecutive item ranges whose summed cost stays under budget (one item at least)."""
    bounds, start, total = [], 0, 0.0
    for i, c in enumerate(cost.tolist()):
        if i > start and total + c > budget:
            bounds.append((start, i))
            start, total = i, 0.0
        total += c
    if start < len(cost):
        bounds.append((start, len(cost)))
    return bounds


def _top_k_rows(m: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k largest entries (ties as argpartition breaks them), as coo arrays."""
    counts = np.diff(m.indptr)
    if not len(counts) or counts.max(initial=0) <= k:
        return np.repeat(np.arange(m.shape[0]), counts), m.indices.copy(), m.data.copy()
    rows, cols, vals = [], [], []
    for i in np.flatnonzero(counts):
        start, end = m.indptr[i], m.indptr[i + 1]
        data, idx = m.data[start:end], m.indices[start:end]
        if len(data) > k:
            top = np.argpartition(-data, k - 1)[:k]
            data, idx = data[top], idx[top]
        rows.append(np.full(len(data), i)), cols.append(idx), vals.append(data)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
