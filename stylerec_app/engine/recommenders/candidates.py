"""Cheap candidate generators for fashion ranking, each a recommender in its own right.

Every generator scores all products for a batch of shoppers from the shopper's history,
weighted by recency (an event `half_life_days` old counts half); its name is the reason a
pick it found is given (services/recommendation/reasons.py). Standalone, each ranks what
it found first and the rest by recent popularity (a tiny tie-break), so it is evaluable
alone; the learned ranker takes the top few of each as its candidates and their scores
and ranks as features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

from stylerec_app.domain.progress import Progress, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.neighbours import cosine_neighbours, transposed_neighbours

TIE = 1e-3  # weight of recent popularity as a tie-break inside a generator's scores


def latest_day(data: TrainData) -> float:
    """The last day in the training data (last_seen holds day + 1); 0 without times."""
    if data.last_seen is None or not data.last_seen.nnz:
        return 0.0
    return float(data.last_seen.data.max()) - 1.0


def decayed_history(data: TrainData, half_life: float) -> sp.csr_matrix:
    """users × items: 1 for each positive pair, halved every `half_life` days of age."""
    binary = data.binary()
    if data.last_seen is None or not data.last_seen.nnz or not half_life:
        return binary
    last = data.last_seen.multiply(binary).tocsr()
    now = latest_day(data) + 1.0
    last.data = (0.5 ** ((now - last.data) / half_life)).astype(np.float32)
    last.eliminate_zeros()
    return last


def trending(data: TrainData, half_life: float) -> np.ndarray:
    """Recent popularity in [0, 1): decayed sales, all-time sales breaking ties."""
    recent = np.asarray(decayed_history(data, half_life).sum(0)).ravel()
    overall = np.asarray(data.binary().sum(0)).ravel()
    score = recent + overall / (overall.max(initial=0.0) + 1.0) * 1e-3
    return (score / (score.max(initial=0.0) + 1e-9) * 0.999).astype(np.float32)


def family_matrix(family: np.ndarray | None) -> sp.csr_matrix | None:
    """items × families one-hot (None when the catalog has no families)."""
    import scipy.sparse as sp

    if family is None or not (family >= 0).any():
        return None
    known = family >= 0
    items = np.flatnonzero(known)
    return sp.csr_matrix((np.ones(len(items), np.float32), (items, family[known])),
                         shape=(len(family), int(family.max()) + 1))


def category_share(history: sp.csr_matrix, codes: np.ndarray | None) -> np.ndarray | None:
    """users × categories: each shopper's (decayed) share of engagement per category."""
    import scipy.sparse as sp

    if codes is None or not (codes >= 0).any():
        return None
    valid = codes >= 0
    onehot = sp.csr_matrix((np.ones(valid.sum(), np.float32),
                            (np.flatnonzero(valid), codes[valid])),
                           shape=(len(codes), int(codes.max()) + 1))
    totals = np.asarray((history @ onehot).todense())
    return (totals / np.maximum(totals.sum(1, keepdims=True), 1e-9)).astype(np.float32)


class Generator(Recommender):
    """A candidate source: `raw(users)` are its own scores (0 where it has nothing)."""

    grid = ({"half_life_days": 7.0}, {"half_life_days": 30.0})

    def __init__(self, name: str, half_life_days: float = 14.0, **params) -> None:
        super().__init__(name, {"half_life_days": half_life_days, **params})
        self.half_life = half_life_days

    def fit(self, data, progress=ignore_progress, cancel=None):
        self.learn(data, cancel)
        self.attach(data)
        progress(Progress(1, 1, "fit"))
        return self

    def learn(self, data: TrainData, cancel) -> None:
        """What is learned from the interactions (saved); the rest derives in attach."""

    def attach(self, data):
        self.history = decayed_history(data, self.half_life)
        self.popular = trending(data, self.half_life)

    def raw(self, users) -> np.ndarray:
        raise NotImplementedError

    def scores_many(self, users):
        return self.raw(np.asarray(users)) + TIE * self.popular

    def scores(self, user):
        return self.scores_many([user])[0]


class SameFamily(Generator):
    """Other colours and variants (same product family) of what they engaged with."""


    def __init__(self, half_life_days: float = 14.0) -> None:
        super().__init__("same-family", half_life_days)

    def attach(self, data):
        super().attach(data)
        self.members = family_matrix(getattr(data, "family", None))

    def raw(self, users):
        if self.members is None:
            return np.zeros((len(users), len(self.popular)), np.float32)
        engaged = self.history[users] @ self.members  # shopper × family, decayed
        return np.asarray((engaged @ self.members.T).todense(), np.float32)


class CoPurchase(Generator):
    """Products often bought with theirs (cosine item-to-item), recent purchases first."""

    state_fields = ("similarity",)

    def __init__(self, half_life_days: float = 14.0, neighbours: int = 50) -> None:
        super().__init__("co-purchase", half_life_days, neighbours=neighbours)

    def learn(self, data, cancel):
        self.similarity = cosine_neighbours(data.binary().astype(np.float32),
                                            self.params["neighbours"], 10.0,
                                            ignore_progress, cancel)

    def raw(self, users):
        return np.asarray((self.history[users] @ transposed_neighbours(self)).todense(), np.float32)


class Trending(Generator):
    """What sells now across the store (time-decayed popularity)."""

    grid = ({"half_life_days": 3.0}, {"half_life_days": 7.0}, {"half_life_days": 30.0})

    def __init__(self, half_life_days: float = 7.0) -> None:
        super().__init__("trending", half_life_days)

    def raw(self, users):
        return np.broadcast_to(self.popular, (len(users), len(self.popular))).copy()


class SegmentTrending(Generator):
    """What sells now in the categories they shop (decayed popularity × their share)."""

    grid = ({"half_life_days": 7.0}, {"half_life_days": 30.0})

    def __init__(self, half_life_days: float = 7.0) -> None:
        super().__init__("segment-trending", half_life_days)

    def attach(self, data):
        super().attach(data)
        self.category = getattr(data, "category", None)
        self.share = category_share(self.history, self.category)

    def raw(self, users):
        if self.share is None:
            return np.zeros((len(users), len(self.popular)), np.float32)
        known = self.category >= 0
        mine = self.share[users][:, np.where(known, self.category, 0)] * known
        return (mine * self.popular).astype(np.float32)


class AgeTrending(Generator):
    """What sells now with shoppers of their age band (decayed popularity per segment)."""

    grid = ({"half_life_days": 7.0}, {"half_life_days": 30.0})

    def __init__(self, half_life_days: float = 7.0) -> None:
        super().__init__("age-trending", half_life_days)

    def attach(self, data):
        import scipy.sparse as sp

        super().attach(data)
        segment = getattr(data, "segment", None)
        self.segment = None
        if segment is None or not (segment >= 0).any():
            return
        self.segment = segment
        known = np.flatnonzero(segment >= 0)
        members = sp.csr_matrix((np.ones(len(known), np.float32), (segment[known], known)),
                                shape=(int(segment.max()) + 1, data.n_users))
        sales = np.asarray((members @ self.history).todense(), np.float32)
        self.by_segment = sales / np.maximum(sales.max(1, keepdims=True), 1e-9) * 0.999

    def raw(self, users):
        if self.segment is None:
            return np.zeros((len(users), len(self.popular)), np.float32)
        seg = self.segment[users]
        out = np.where((seg >= 0)[:, None], self.by_segment[np.maximum(seg, 0)], 0.0)
        return out.astype(np.float32)


class Repeat(Generator):
    """What they bought before, most recent first (only where repeats are ranked)."""


    def __init__(self, half_life_days: float = 14.0) -> None:
        super().__init__("repeat", half_life_days)

    def raw(self, users):
        return np.asarray(self.history[users].todense(), np.float32)


class ImageNeighbours(Generator):
    """Photos (and texts) close to their recent purchases: finds products nobody bought."""

    needs = frozenset({"images"})
    TEXT_WEIGHT = 0.3  # of the text vectors, when the store has them

    def __init__(self, half_life_days: float = 14.0) -> None:
        super().__init__("image-neighbours", half_life_days)

    def attach(self, data):
        super().attach(data)
        self.parts = []
        for matrix, weight in ((data.image, 1.0 - self.TEXT_WEIGHT),
                               (getattr(data, "text", None), self.TEXT_WEIGHT)):
            if matrix is None:
                continue
            items = _unit(np.asarray(matrix, np.float32))
            self.parts.append((weight, items, _unit(np.asarray(self.history @ items,
                                                               np.float32))))
        if not self.parts:
            empty = np.zeros((data.n_items, 1), np.float32)
            self.parts.append((1.0, empty, np.zeros((data.n_users, 1), np.float32)))
        # the visual taste (style affinity reads it): zeros without photos
        self.taste = (self.parts[0][2] if data.image is not None
                      else np.zeros((data.n_users, 1), np.float32))

    def raw(self, users):
        out = sum(w * (taste[users] @ items.T) for w, items, taste in self.parts)
        return np.clip(out, 0.0, None).astype(np.float32)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-9)


GENERATORS: tuple[type[Generator], ...] = (SameFamily, CoPurchase, Trending, SegmentTrending,
                                           AgeTrending, Repeat, ImageNeighbours)
