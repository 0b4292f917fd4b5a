"""What every recommender trains on: a user × item weight matrix plus item features."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp


@dataclass
class TrainData:
    """Indices are positions: users 0..n_users-1, items 0..n_items-1.

    `interactions` holds one weight per (user, item) (summed event weights);
    `last_seen` the time (days, any origin) of each pair's latest event, for
    recency; item features may be missing (zero rows, `has_image` False).
    """

    interactions: sp.csr_matrix
    last_seen: sp.csr_matrix | None = None
    image: np.ndarray | None = None  # n_items × D, L2-normalised, zeros when missing
    text: np.ndarray | None = None
    category: np.ndarray | None = None  # n_items int codes (-1 unknown)
    colour: np.ndarray | None = None  # n_items int codes (-1 unknown)
    price: np.ndarray | None = None  # n_items float (nan unknown)
    style: np.ndarray | None = None  # n_items × 26 style weights (zeros unknown)
    family: np.ndarray | None = None  # n_items int codes of the product family (-1 none)
    segment: np.ndarray | None = None  # n_users int codes of a shopper segment (-1 unknown)
    category_names: list[str] = field(default_factory=list)
    colour_names: list[str] = field(default_factory=list)
    segment_names: list[str] = field(default_factory=list)  # e.g. age bands

    @property
    def n_users(self) -> int:
        return self.interactions.shape[0]

    @property
    def n_items(self) -> int:
        return self.interactions.shape[1]

    @property
    def has_image(self) -> np.ndarray:
        if self.image is None:
            return np.zeros(self.n_items, bool)
        return np.abs(self.image).sum(1) > 0

    def seen(self, user: int) -> np.ndarray:
        row = self.interactions.getrow(user)
        return row.indices[row.data > 0]

    def binary(self) -> sp.csr_matrix:
        """Positive interactions as 1s (what BPR and item-kNN consume)."""
        m = self.interactions.copy().tocsr()
        m.data = (m.data > 0).astype(np.float32)
        m.eliminate_zeros()
        return m


def from_triples(users, items, weights, n_users: int, n_items: int, days=None) -> TrainData:
    """Build from parallel arrays; duplicate pairs are summed (last_seen keeps the max)."""
    import scipy.sparse as sp

    m = sp.coo_matrix((np.asarray(weights, np.float32), (users, items)),
                      shape=(n_users, n_items)).tocsr()
    m.sum_duplicates()
    last = None
    if days is not None:
        last = _max_per_pair(np.asarray(users), np.asarray(items),
                             np.asarray(days, np.float32), n_users, n_items)
    return TrainData(interactions=m, last_seen=last)


def _max_per_pair(users, items, days, n_users, n_items) -> sp.csr_matrix:
    """Latest day per (user, item), stored +1 so that day 0 is not an implicit zero."""
    import scipy.sparse as sp

    key = users.astype(np.int64) * n_items + items
    order = np.lexsort((days, key))
    key, days = key[order], days[order]
    last = np.r_[key[1:] != key[:-1], True]
    k = key[last]
    return sp.csr_matrix((days[last] + 1.0, (k // n_items, k % n_items)),
                         shape=(n_users, n_items))
