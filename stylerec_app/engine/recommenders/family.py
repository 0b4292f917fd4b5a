"""The strong simple rule for fashion catalogs: other colours of what they engaged with.

Tiers, strictly: (1) products of the same family (H&M product_code, Merchant Center
item_group_id) as anything the shopper engaged with, by recent popularity; (2) products
often bought together with theirs (cosine item-to-item, top 50 per item), by that
similarity; (3) everything else by recent popularity (pairs whose latest event falls in
the last `window_days` of the training data). A catalog without families falls back to
tiers 2 and 3.
"""

from __future__ import annotations

import numpy as np

from stylerec_app.domain.progress import Progress, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender
from stylerec_app.engine.recommenders.candidates import family_matrix
from stylerec_app.engine.recommenders.neighbours import cosine_neighbours, transposed_neighbours

FAMILY_TIER, CO_TIER = 4.0, 2.0


class FamilyRule(Recommender):
    state_fields = ("recent", "similarity")
    grid = ({"window_days": 7.0}, {"window_days": 30.0})

    def __init__(self, window_days: float = 7.0, neighbours: int = 50) -> None:
        super().__init__("family-rule", {"window_days": window_days, "neighbours": neighbours})
        self.window, self.neighbours = window_days, neighbours

    def fit(self, data, progress=ignore_progress, cancel=None):
        binary = data.binary()
        if data.last_seen is not None and data.last_seen.nnz:
            last = data.last_seen.multiply(binary).tocsr()
            fresh = last.copy()
            fresh.data = (fresh.data >= fresh.data.max() - self.window).astype(np.float32)
            counts = np.asarray(fresh.sum(0)).ravel()
        else:
            counts = np.asarray(binary.sum(0)).ravel()
        overall = np.asarray(binary.sum(0)).ravel()
        # recent sales first, all-time sales break ties: both squeezed into [0, 1)
        self.recent = ((counts + overall / (overall.max() + 1.0)) / (counts.max() + 2.0)
                       ).astype(np.float32)
        self.similarity = cosine_neighbours(binary.astype(np.float32), self.neighbours, 10.0,
                                        ignore_progress, cancel)
        self.attach(data)
        progress(Progress(1, 1, "fit"))
        return self

    def attach(self, data):
        self.user_items = data.binary().astype(np.float32)
        # item → family one-hot: a shopper's families, then every member of them
        self.members = family_matrix(getattr(data, "family", None))

    def scores_many(self, users):
        rows = self.user_items[np.asarray(users)]
        co = np.asarray((rows @ transposed_neighbours(self)).todense())
        top = co.max(axis=1, keepdims=True)
        out = np.tile(self.recent, (len(co), 1))
        liked = co > 0
        out[liked] = CO_TIER + (co / np.maximum(top, 1e-9))[liked] * 0.999
        if self.members is not None:
            same = np.asarray((rows @ self.members @ self.members.T).todense()) > 0
            out[same] = FAMILY_TIER + np.broadcast_to(self.recent, out.shape)[same]
        return out.astype(np.float32)

    def scores(self, user):
        return self.scores_many([user])[0]
