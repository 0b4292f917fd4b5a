"""The hybrid ranker: learns how to weigh the other models and profile affinities.

Features for a (shopper, product) pair: each component's score (standardised
per shopper), category, colour and price affinity with the shopper's history,
and — optionally — style affinity: how close the product, restyled in the
shopper's style blend, is to the shopper's visual taste (the seed's idea of
ranking with restyled images). The weights come from a logistic regression on a
held-out interaction per shopper; style affinity is costly, so it is computed
for a shortlist only, through a provider that caches restyled embeddings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import Progress, ignore_progress
from stylerec_app.engine.recommenders.base import ItemKNN, Popularity, Recommender
from stylerec_app.engine.recommenders.content import ContentNN
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.factor import ALS, VBPR

# style_affinity(user_taste_vector, user_style_blend, item_indices) → affinity per item
StyleAffinity = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
SHORTLIST = 50
STRONG = 4.0  # a cart or purchase: what the combiner should learn to predict
STYLE_NEGATIVES = 10  # per shopper when weighing style affinity (each costs restyles)


def _standardise(scores: np.ndarray) -> np.ndarray:
    return (scores - scores.mean(-1, keepdims=True)) / (scores.std(-1, keepdims=True) + 1e-9)


def _share(user_items: sp.csr_matrix, codes: np.ndarray | None, n_codes: int) -> np.ndarray:
    """users × codes: the share of each shopper's positive weight per category (or colour)."""
    import scipy.sparse as sp

    if codes is None or n_codes == 0:
        return np.zeros((user_items.shape[0], 1), np.float32)
    valid = codes >= 0
    onehot = sp.csr_matrix((np.ones(valid.sum(), np.float32),
                            (np.arange(len(codes))[valid], codes[valid])),
                           shape=(len(codes), n_codes))
    totals = np.asarray(user_items @ onehot.todense())
    return totals / np.maximum(totals.sum(1, keepdims=True), 1e-9)


class Hybrid(Recommender):
    needs = frozenset({"images", "style"})
    trains_on_device = True

    def __init__(self, use_style: bool = True, style_affinity: StyleAffinity | None = None,
                 seed: int = 0, with_vbpr: bool = True, device: str = "cpu",
                 hard_negatives: int = 0, style_users: int = 100,
                 shortlist: int = SHORTLIST) -> None:
        super().__init__("hybrid" if use_style else "hybrid-no-style",
                         {"use_style": use_style, "seed": seed, "with_vbpr": with_vbpr,
                          "hard_negatives": hard_negatives, "style_users": style_users,
                          "shortlist": shortlist})
        self.style_affinity = style_affinity
        self.device = device

    def _components(self, data: TrainData) -> dict[str, Recommender]:
        parts: dict[str, Recommender] = {"pop": Popularity(), "itemknn": ItemKNN(),
                                         "als": ALS(seed=self.params["seed"])}
        if data.image is not None:
            parts["content"] = ContentNN()
            if self.params["with_vbpr"]:
                parts["vbpr"] = VBPR(seed=self.params["seed"], device=self.device)
        return parts

    def _fit_parts(self, data: TrainData, progress, cancel) -> None:
        self.parts = self._components(data)
        for n, model in enumerate(self.parts.values()):
            model.fit(data, cancel=cancel)
            progress(Progress(n + 1, len(self.parts) + 1, "fit"))
        self.attach(data)

    def state(self) -> dict[str, object]:
        return {"coef": self.coef, "parts": {name: m.state() for name, m in self.parts.items()}}

    def load_state(self, state: dict, data: TrainData) -> Hybrid:
        made = self._components(data)
        self.parts = {name: made[name].load_state(state["parts"].get(name, {}), data)
                      for name in made if name in state["parts"]}
        self.coef = np.asarray(state["coef"], np.float32)
        self.attach(data)
        return self

    def attach(self, data: TrainData) -> None:
        """The shopper-level affinities the combiner reads, from the interactions."""
        self.feature_names = [*self.parts, "category", "colour", "price", "style"]
        self.data = data
        weights = data.interactions.copy().tocsr()
        weights.data = np.clip(weights.data, 0, None)
        self.cat_share = _share(weights, data.category, len(data.category_names))
        self.col_share = _share(weights, data.colour, len(data.colour_names))
        price = data.price if data.price is not None else np.full(data.n_items, np.nan)
        logp = np.log1p(np.nan_to_num(price, nan=0.0))
        bought = data.binary()
        counts = np.asarray(bought.sum(1)).ravel()
        self.user_logp = np.asarray(bought @ logp).ravel() / np.maximum(counts, 1)
        self.item_logp, self.price_known = logp, ~np.isnan(price)
        if data.style is not None:
            blend = np.asarray(weights @ data.style)
            blend = blend**2
            self.blend = blend / np.maximum(blend.sum(1, keepdims=True), 1e-9)
        else:
            self.blend = None

    def base_features(self, user: int) -> np.ndarray:
        """n_items × F (without style affinity)."""
        d = self.data
        cols = [_standardise(m.scores(user)) for m in self.parts.values()]
        cat = (self.cat_share[user, d.category] * (d.category >= 0)
               if d.category is not None else np.zeros(d.n_items))
        col = (self.col_share[user, d.colour] * (d.colour >= 0)
               if d.colour is not None else np.zeros(d.n_items))
        price = -np.abs(self.item_logp - self.user_logp[user]) * self.price_known
        return np.column_stack([*cols, cat, col, price]).astype(np.float32)

    def _style_column(self, user: int, items: np.ndarray) -> np.ndarray:
        content = self.parts.get("content")
        if (not self.params["use_style"] or self.style_affinity is None or self.blend is None
                or content is None):
            return np.zeros(len(items), np.float32)
        taste = content.taste(user)
        if taste is None or not np.any(taste):
            return np.zeros(len(items), np.float32)
        return np.asarray(self.style_affinity(taste, self.blend[user], items), np.float32)

    def fit(self, data: TrainData, progress=ignore_progress, cancel=None):
        from sklearn.linear_model import LogisticRegression

        rng = np.random.default_rng(self.params["seed"])
        train, held = _hold_out_one(data, rng)
        self._fit_parts(train, progress, cancel)
        pairs = []  # (user, held-out item, candidates, base features of the candidates)
        xs, ys = [], []
        for user, item in held.items():
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            base = self.base_features(user)
            seen = train.seen(user)
            # Negatives drawn from the whole catalogue. Optional "hard" ones from the top of
            # the components' own ranking hurt: many are things the shopper takes later, so
            # the combiner learns to distrust the very scores that found them (offline on
            # MovieLens-100K, NDCG@10 0.19 with 10 hard negatives vs 0.42 without).
            prelim = base[:, : len(self.parts)].mean(1)
            prelim[seen] = -np.inf
            hard = np.argsort(-prelim)[: self.params.get("hard_negatives", 0)]
            pool = np.setdiff1d(np.arange(train.n_items), seen)
            easy = rng.choice(pool, size=min(40, len(pool)), replace=False)
            cands = np.unique(np.r_[hard, easy, item])
            cands = cands[~np.isin(cands, seen)]
            x, y = _pairwise(base[cands], cands == item)
            if len(x):
                xs.append(x)
                ys.append(y)
                pairs.append((user, item, cands, base[cands]))
        n_base = len(self.parts) + 3
        if not xs:
            self.coef = np.r_[np.ones(len(self.parts)), 1.0, 1.0, 0.5, 0.0].astype(np.float32)
        else:
            clf = LogisticRegression(max_iter=1000, fit_intercept=False, C=1.0)
            clf.fit(np.vstack(xs), np.concatenate(ys))
            self.coef = np.r_[clf.coef_[0], 0.0].astype(np.float32)
            self.coef[n_base] = self._style_weight(pairs, rng)
        self._fit_parts(data, progress, cancel)  # final components see every interaction
        progress(Progress(len(self.parts) + 1, len(self.parts) + 1, "fit"))
        return self

    def _style_weight(self, pairs, rng) -> float:
        """Second stage: the style affinity's weight against the combined base score.

        Restyling is costly (a restyle and an embedding per product and style), so this
        uses a sample of shoppers and a few negatives each; the base weights stay fixed."""
        if not self.params["use_style"] or self.style_affinity is None or not pairs:
            return 0.0
        from sklearn.linear_model import LogisticRegression

        picked = rng.permutation(len(pairs))[: self.params.get("style_users", 100)]
        xs, ys = [], []
        for n in picked:
            user, item, cands, base = pairs[n]
            keep = (cands == item) | (rng.random(len(cands)) < STYLE_NEGATIVES / len(cands))
            combined = base[keep] @ self.coef[: base.shape[1]]
            style = self._style_column(user, cands[keep])
            x, y = _pairwise(np.column_stack([combined, style]), cands[keep] == item)
            if len(x):
                xs.append(x)
                ys.append(y)
        if not xs:
            return 0.0
        clf = LogisticRegression(max_iter=1000, fit_intercept=False, C=1.0)
        clf.fit(np.vstack(xs), np.concatenate(ys))
        w_base, w_style = clf.coef_[0]
        return float(w_style / w_base) if w_base > 1e-6 else 0.0

    def scores(self, user: int) -> np.ndarray:
        base = self.base_features(user)
        out = base @ self.coef[:-1]
        if self.params["use_style"] and self.coef[-1] != 0:
            seen = self.data.seen(user)
            ranked = out.copy()
            ranked[seen] = -np.inf
            shortlist = np.argsort(-ranked)[: self.params.get("shortlist", SHORTLIST)]
            out = out.copy()
            out[shortlist] += self.coef[-1] * self._style_column(user, shortlist)
        return out

    def explain(self, user: int, item: int) -> dict[str, float]:
        """Each feature's contribution to one pick's score (for the reason shown)."""
        feats = self.base_features(user)[item]
        contrib = dict(zip(self.feature_names[:-1], (feats * self.coef[:-1]).tolist(),
                           strict=True))
        contrib["style"] = float(self.coef[-1] * self._style_column(user, np.array([item]))[0])
        return contrib


def _pairwise(features: np.ndarray, positive: np.ndarray):
    """Pairwise examples: (positive − negative) labelled 1 and its mirror labelled 0."""
    if not positive.any() or positive.all():
        return np.zeros((0, features.shape[1])), np.zeros(0, int)
    diff = features[positive][:1] - features[~positive]
    return np.vstack([diff, -diff]), np.r_[np.ones(len(diff), int), np.zeros(len(diff), int)]


def _hold_out_one(data: TrainData, rng) -> tuple[TrainData, dict[int, int]]:
    """Remove each shopper's most recent strong item (cart or purchase when there is one;
    random when times are unknown), for shoppers with at least two items: the combiner
    learns to predict what they take next."""
    m = data.interactions.tocsr().copy()
    last = data.last_seen.tocsr() if data.last_seen is not None else None
    held: dict[int, int] = {}
    for user in range(m.shape[0]):
        start, end = m.indptr[user], m.indptr[user + 1]
        positives = [k for k in range(start, end) if m.data[k] > 0]
        strong = [k for k in positives if m.data[k] >= STRONG] or positives
        if len(positives) < 2:
            continue
        if last is not None:
            when = {int(i): t for i, t in zip(last.indices[last.indptr[user]:last.indptr[user + 1]],
                                              last.data[last.indptr[user]:last.indptr[user + 1]],
                                              strict=True)}
            k = max(strong, key=lambda k: (when.get(int(m.indices[k]), 0.0), k))
        else:
            k = strong[rng.integers(len(strong))]
        held[user] = int(m.indices[k])
        m.data[k] = 0.0
    m.eliminate_zeros()
    train = TrainData(**{**data.__dict__, "interactions": m})
    return train, held
