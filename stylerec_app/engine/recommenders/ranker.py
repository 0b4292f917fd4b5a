"""The learned ranker: candidate generators, then LightGBM's lambdarank over their union.

Training mirrors serving one step back in time: each shopper's last training day (or the
last `label_days` of the data) is hidden, the generators are fitted on what came before,
and the ranker learns which of their candidates the shopper then took — never on the
evaluation's validation or test part, which it is not given. That is repeated for
`windows` successive windows (the day before, and so on) for more lists to learn from. A
fifth of the shoppers are held out for early stopping. The generators are then refitted
on all the data.

Features of a (shopper, candidate) pair: each generator's score and rank, the product's
sales (all time and decayed), age, price against the shopper's band, the shopper's
category/colour/family affinity, recency and history size, image similarity to recent
purchases, and style: the product's style weights against the shopper's style blend and,
for a short list, the seed's style affinity (the product restyled in the shopper's blend,
seen by the image model, against their visual taste).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import Progress, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender
from stylerec_app.engine.recommenders.candidates import (
    AgeTrending,
    CoPurchase,
    Generator,
    ImageNeighbours,
    Repeat,
    SameFamily,
    SegmentTrending,
    Trending,
    category_share,
    decayed_history,
    latest_day,
)
from stylerec_app.engine.recommenders.data import TrainData
from stylerec_app.engine.recommenders.factor import ALS

STRONG = 4.0  # cart or purchase weight: what the ranker learns to predict
FALLBACK = -1e3  # below every candidate's score: the rest of the catalog by popularity
# Shopper and product facts that can explain a pick (the sources explain their own).
REASON_GROUPS = {"style_match": "style", "style_affinity": "style", "category": "category",
                 "colour": "colour", "trending": "trending", "sales": "trending",
                 "age": "trending"}


@dataclass
class Candidates:
    """One batch: the (row, item) pairs ranked, their features, and who found each."""

    rows: np.ndarray
    items: np.ndarray
    features: np.ndarray
    best_source: np.ndarray  # index into the ranker's source names, per pair


class Ranker(Recommender):
    state_fields = ()
    grid = ({"label_days": 0.0}, {"label_days": 7.0})

    def __init__(self, use_images: bool = True, use_style: bool = True, per_source: int = 50,
                 label_days: float = 0.0, windows: int = 3, repeats: bool = False,
                 rounds: int = 400,
                 learning_rate: float = 0.05, leaves: int = 31, max_users: int = 20000,
                 style_shortlist: int = 10, style_users: int = 200, seed: int = 0,
                 style_affinity=None) -> None:
        name = "ranker" if use_images and use_style else (
            "ranker-no-images" if not use_images else "ranker-no-style")
        super().__init__(name, {"use_images": use_images, "use_style": use_style,
                                "per_source": per_source, "label_days": label_days,
                                "windows": windows,
                                "repeats": repeats, "rounds": rounds,
                                "learning_rate": learning_rate, "leaves": leaves,
                                "max_users": max_users, "style_shortlist": style_shortlist,
                                "style_users": style_users,
                                "seed": seed})
        self.style_affinity = style_affinity
        self.booster = None

    # -- sources and shopper facts ------------------------------------------------------
    def _sources(self, data: TrainData) -> dict[str, Recommender]:
        p = self.params
        sources: dict[str, Recommender] = {"same-family": SameFamily(), "co-purchase":
                                           CoPurchase(), "trending": Trending(),
                                           "segment-trending": SegmentTrending(),
                                           "als": ALS(factors=64, seed=p["seed"])}
        if getattr(data, "segment", None) is not None and (data.segment >= 0).any():
            sources["age-trending"] = AgeTrending()
        if p["repeats"]:
            sources["repeat"] = Repeat()
        if p["use_images"] and data.image is not None:
            sources["image-neighbours"] = ImageNeighbours()
        return sources

    def _fit_sources(self, data: TrainData, cancel) -> None:
        self.sources = self._sources(data)
        for model in self.sources.values():
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            model.fit(data, cancel=cancel)
        self.attach(data)

    def attach(self, data: TrainData) -> None:
        """Shopper and product facts the features read, from the data in hand."""
        self.data, self._last = data, None
        self.history = decayed_history(data, 14.0)
        self.seen_items = data.binary()
        binary = self.seen_items
        self.sales = np.log1p(np.asarray(binary.sum(0)).ravel()).astype(np.float32)
        self.recent = Trending().fit(data).popular
        now = latest_day(data) + 1.0
        last = data.last_seen.multiply(binary).tocsr() if data.last_seen is not None else None
        if last is not None and last.nnz:
            first = np.full(data.n_items, np.inf, np.float32)
            cols = last.tocsc()
            has = np.diff(cols.indptr) > 0
            first[has] = np.minimum.reduceat(cols.data, cols.indptr[:-1][has])
            self.item_age = np.where(np.isfinite(first), now - first, np.nan).astype(np.float32)
            self.user_idle = (now - row_max(last)).astype(np.float32)
        else:
            self.item_age = np.full(data.n_items, np.nan, np.float32)
            self.user_idle = np.full(data.n_users, np.nan, np.float32)
        self.user_size = np.log1p(np.diff(binary.indptr)).astype(np.float32)
        price = data.price if data.price is not None else np.full(data.n_items, np.nan)
        self.item_logp = np.log1p(np.asarray(price, np.float32))
        known = ~np.isnan(self.item_logp)
        counts = np.asarray(binary[:, known].sum(1)).ravel()
        spent = np.asarray(binary[:, known] @ self.item_logp[known]).ravel()
        self.user_logp = np.where(counts > 0, spent / np.maximum(counts, 1), np.nan)
        self.cat_share = category_share(self.history, getattr(data, "category", None))
        self.col_share = category_share(self.history, getattr(data, "colour", None))
        self.style_items = self.blend = None
        photos = self.params["use_images"] and self.params["use_style"]  # style: from photos
        if photos and data.style is not None and np.any(data.style):
            style = np.asarray(data.style, np.float32)
            blend = np.asarray(self.history @ style) ** 2
            self.blend = blend / np.maximum(blend.sum(1, keepdims=True), 1e-9)
            self.style_items = style / np.maximum(np.linalg.norm(style, axis=1, keepdims=True),
                                                  1e-9)

    @property
    def source_names(self) -> list[str]:
        return list(self.sources)

    @property
    def feature_names(self) -> list[str]:
        names = [f"{s.replace('-', '_')}_{what}" for s in self.sources
                 for what in ("score", "rank")]
        return [*names, "sales", "trending", "age", "price", "price_gap", "category",
                "colour", "idle_days", "history", "style_match", "style_affinity"]

    # -- candidates and features ----------------------------------------------------------
    def candidates(self, users, restyle=None) -> Candidates:
        """`restyle`: the shoppers whose short list gets the restyled style affinity
        (default all; training samples a few, as each costs restyles)."""
        users = np.asarray(users)
        n = self.data.n_items
        found = np.zeros((len(users), n), bool)
        raws, ranks = [], []
        per = min(self.params["per_source"], n)
        seen = self.seen_items[users]
        seen_dense = np.asarray(seen.todense()) > 0 if not self.params["repeats"] else None
        for source in self.sources.values():
            raw = (source.raw(users) if isinstance(source, Generator)
                   else source.scores_many(users)).astype(np.float32)
            masked = raw.copy()
            if seen_dense is not None:
                masked[seen_dense] = -np.inf
            if isinstance(source, Generator):
                masked[raw <= 0] = -np.inf  # a generator proposes only what it found
            top = np.argpartition(-masked, per - 1, axis=1)[:, :per]
            top_scores = np.take_along_axis(masked, top, 1)
            order = np.argsort(-top_scores, axis=1, kind="stable")
            top, top_scores = np.take_along_axis(top, order, 1), np.take_along_axis(
                top_scores, order, 1)
            rank = np.full((len(users), n), per, np.int16)
            rows = np.repeat(np.arange(len(users)), per)
            ok = np.isfinite(top_scores).ravel()
            rank[rows[ok], top.ravel()[ok]] = np.tile(np.arange(per, dtype=np.int16),
                                                      len(users))[ok]
            found[rows[ok], top.ravel()[ok]] = True
            raws.append(raw)
            ranks.append(rank)
        rows, items = np.nonzero(found)
        cols = []
        for raw, rank in zip(raws, ranks, strict=True):
            cols += [raw[rows, items], rank[rows, items].astype(np.float32)]
        all_ranks = np.stack([rank[rows, items] for rank in ranks], 1)
        best = np.argmin(all_ranks, 1) if len(rows) else np.zeros(0, np.int64)
        u = users[rows]
        cols += self._pair_features(u, items)
        cols.append(self._style_affinity(u, items, all_ranks.min(1) if len(rows) else best,
                                         users if restyle is None else restyle))
        return Candidates(rows, items, np.column_stack(cols).astype(np.float32), best)

    def _pair_features(self, u: np.ndarray, items: np.ndarray) -> list[np.ndarray]:
        d = self.data
        nan = np.full(len(items), np.nan, np.float32)

        def share(table, codes):
            if table is None or codes is None:
                return nan
            known = codes[items] >= 0
            return np.where(known, table[u, np.where(known, codes[items], 0)], np.nan)

        style = nan
        if self.style_items is not None:
            style = np.einsum("ij,ij->i", self.style_items[items], self.blend[u])
        return [self.sales[items], self.recent[items], self.item_age[items],
                self.item_logp[items], np.abs(self.item_logp[items] - self.user_logp[u]),
                share(self.cat_share, getattr(d, "category", None)),
                share(self.col_share, getattr(d, "colour", None)),
                self.user_idle[u], self.user_size[u], style]

    def _style_affinity(self, u: np.ndarray, items: np.ndarray, best_rank: np.ndarray,
                        restyle) -> np.ndarray:
        """The restyled-product affinity for each shopper's few best-ranked candidates
        (restyling is costly); missing (NaN) for the rest, which LightGBM handles."""
        out = np.full(len(items), np.nan, np.float32)
        images = self.sources.get("image-neighbours")
        short = self.params["style_shortlist"]
        if (self.style_affinity is None or self.blend is None or images is None
                or not short or not len(items)):
            return out
        for user in np.intersect1d(np.unique(u), restyle):
            pick = np.flatnonzero(u == user)
            pick = pick[np.argsort(best_rank[pick], kind="stable")[:short]]
            taste = images.taste[user]
            if np.any(taste):
                out[pick] = self.style_affinity(taste, self.blend[user], items[pick])
        return out

    # -- training -------------------------------------------------------------------------
    def fit(self, data: TrainData, progress=ignore_progress, cancel=None):
        import lightgbm as lgb

        rng = np.random.default_rng(self.params["seed"])
        windows = max(1, int(self.params["windows"]))
        parts, history = [], data
        for w in range(windows):  # the last day hidden, then the day before, …
            history, labels = _label_window(history, self.params["label_days"])
            if not labels.nnz:
                break
            self._fit_sources(history, cancel)
            parts.append(self._examples(history, labels, rng, cancel))
            progress(Progress(w + 1, windows + 2, "fit"))
        x = np.vstack([p[0] for p in parts]) if parts else np.zeros((0, 1), np.float32)
        y = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.float32)
        group = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int64)
        whose = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.int64)
        self.importance, self.booster = {}, None
        if len(np.unique(whose)) >= 2:
            self.booster = self._train(lgb, x, y, group, whose, rng)
            gains = self.booster.feature_importance("gain")
            total = float(gains.sum()) or 1.0
            self.importance = {n: float(g) / total for n, g in
                               zip(self.feature_names, gains, strict=True)}
        self.trained_on = {"windows": len(parts), "shoppers": int(len(np.unique(whose))),
                           "lists": int(len(group)), "pairs": int(len(y)),
                           "positives": int(y.sum())}
        self._fit_sources(data, cancel)  # serve from everything, labels included
        progress(Progress(windows + 2, windows + 2, "fit"))
        return self

    def _examples(self, history: TrainData, labels, rng, cancel):
        """Features and labels of every label shopper's candidates (one list each); lists
        without a hit teach a ranking objective nothing and are left out."""
        users = np.flatnonzero((np.diff(labels.indptr) > 0)
                               & (np.diff(history.interactions.indptr) > 0))
        users = np.sort(rng.permutation(users)[: self.params["max_users"]])
        restyle = rng.permutation(users)[: self.params["style_users"]]
        xs, ys, groups, whose = [], [], [], []
        for start in range(0, len(users), 256):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            block = users[start:start + 256]
            c = self.candidates(block, restyle)
            y = (np.asarray(labels[block][c.rows, c.items]).ravel() > 0).astype(np.float32)
            sizes = np.bincount(c.rows, minlength=len(block))
            hits = np.bincount(c.rows, weights=y, minlength=len(block)) > 0
            keep = np.repeat(hits, sizes)
            xs.append(c.features[keep]), ys.append(y[keep])
            groups.append(sizes[hits]), whose.append(block[hits])
        width = len(self.feature_names)
        return (np.vstack(xs) if xs else np.zeros((0, width), np.float32),
                np.concatenate(ys) if ys else np.zeros(0, np.float32),
                np.concatenate(groups) if groups else np.zeros(0, np.int64),
                np.concatenate(whose) if whose else np.zeros(0, np.int64))

    def _train(self, lgb, x, y, group, whose, rng):
        """lambdarank with early stopping on a fifth of the shoppers (all their lists)."""
        shoppers = np.unique(whose)
        held = set(rng.permutation(shoppers)[: max(1, len(shoppers) // 5)].tolist())
        part = np.array([u in held for u in whose.tolist()])
        list_of_row = np.repeat(np.arange(len(group)), group)
        tr, va = ~part[list_of_row], part[list_of_row]
        p = self.params
        params = {"objective": "lambdarank", "metric": "ndcg", "eval_at": [12],
                  "learning_rate": p["learning_rate"], "num_leaves": p["leaves"],
                  "min_data_in_leaf": 20, "feature_fraction": 0.9, "bagging_fraction": 0.9,
                  "bagging_freq": 1, "seed": p["seed"], "num_threads": 1,
                  "deterministic": True, "force_row_wise": True, "verbose": -1}
        train = lgb.Dataset(x[tr], y[tr], group=group[~part], feature_name=self.feature_names)
        valid = lgb.Dataset(x[va], y[va], group=group[part], reference=train)
        booster = lgb.train(params, train, p["rounds"], valid_sets=[valid],
                            callbacks=[lgb.early_stopping(30, verbose=False)])
        self.best_rounds = int(booster.best_iteration or p["rounds"])
        return booster

    # -- serving ----------------------------------------------------------------------------
    def scores_many(self, users):
        users = np.asarray(users)
        out = np.tile(FALLBACK + self.recent, (len(users), 1)).astype(np.float32)
        c = self.candidates(users)
        if len(c.rows):
            out[c.rows, c.items] = self._predict(c.features)
        return out

    def scores(self, user):
        out = np.tile(FALLBACK + self.recent, 1).astype(np.float32)
        c = self._one(user)
        if len(c.rows):
            out[c.items] = self._predict(c.features)
        return out

    def _one(self, user: int) -> Candidates:
        """One shopper's candidates, kept until the next shopper: serving ranks, then
        explains each pick from the same candidates."""
        cached = getattr(self, "_last", None)
        if cached is None or cached[0] != (user, id(self.data)):
            self._last = ((user, id(self.data)), self.candidates([user]))
        return self._last[1]

    def _predict(self, features: np.ndarray) -> np.ndarray:
        if self.booster is None:  # too little to learn from: the generators' best rank
            ranks = features[:, 1:2 * len(self.sources):2]
            return -ranks.min(1)
        return self.booster.predict(features, num_iteration=self.best_rounds)

    def explain(self, user: int, item: int) -> str | None:
        return self.explain_many(user, [item])[0]

    def explain_many(self, user: int, items) -> list[str | None]:
        """What led each pick: the source or shopper fact whose features contributed most
        to its score (LightGBM's per-feature contributions, one pass for the list), e.g.
        "same-family", "style", "category"; None for a pick that was no candidate."""
        c = self._one(user)
        where = {int(i): k for k, i in enumerate(c.items.tolist())}
        at = [where.get(int(i)) for i in items]
        rows = [k for k in at if k is not None]
        out: list[str | None] = [None] * len(at)
        if not rows:
            return out
        groups = self._reason_groups(c.features[rows]) if self.booster is not None else None
        n = 0
        for pos, k in enumerate(at):
            if k is None:
                continue
            fallback = self.source_names[int(c.best_source[k])]
            if groups is None:
                out[pos] = fallback
            else:
                best = max(groups[n], key=groups[n].get) if groups[n] else None
                out[pos] = best if best is not None and groups[n][best] > 0 else fallback
            n += 1
        return out

    def _reason_groups(self, features: np.ndarray) -> list[dict[str, float]]:
        contrib = self.booster.predict(features, num_iteration=self.best_rounds,
                                       pred_contrib=True)[:, :-1]  # last column: the bias
        names = []
        for name in self.feature_names:
            names.append(REASON_GROUPS.get(name) or next(
                (s for s in self.sources if name.startswith(s.replace("-", "_") + "_")), None))
        out = []
        for row in contrib:
            groups: dict[str, float] = {}
            for group, value in zip(names, row.tolist(), strict=True):
                if group is not None:
                    groups[group] = groups.get(group, 0.0) + value
            out.append(groups)
        return out

    def candidate_recall(self, users, relevant: list[np.ndarray], cutoffs=(50, 100, 200)
                         ) -> dict[str, dict[str, float]]:
        """Share of the relevant items each source's top N (and their union) contains:
        the ceiling of what the ranker can reach."""
        users = np.asarray(users)
        hits = {name: dict.fromkeys(map(str, cutoffs), 0) for name in [*self.sources, "union"]}
        total = sum(len(r) for r in relevant)
        saved = self.params["per_source"]
        try:
            for n in cutoffs:
                self.params["per_source"] = n
                for start in range(0, len(users), 128):
                    block = users[start:start + 128]
                    c = self.candidates(block)
                    ranks = c.features[:, 1:2 * len(self.sources):2]
                    wanted = {(r, int(i)) for r, rel in enumerate(relevant[start:start + 128])
                              for i in rel}
                    for k, (row, item) in enumerate(zip(c.rows, c.items, strict=True)):
                        if (int(row), int(item)) in wanted:
                            hits["union"][str(n)] += 1
                            for s, name in enumerate(self.sources):
                                hits[name][str(n)] += int(ranks[k, s] < n)
        finally:
            self.params["per_source"] = saved
        return {name: {n: v / max(total, 1) for n, v in row.items()}
                for name, row in hits.items()}

    # -- saving ----------------------------------------------------------------------------
    def state(self) -> dict[str, object]:
        text = self.booster.model_to_string() if self.booster is not None else ""
        return {"booster": np.frombuffer(text.encode(), np.uint8),
                "best_rounds": np.int64(getattr(self, "best_rounds", 0)),
                "sources": {name: m.state() for name, m in self.sources.items()}}

    def load_state(self, state: dict, data: TrainData) -> Ranker:
        import lightgbm as lgb

        made = self._sources(data)
        self.sources = {name: made[name].load_state(state["sources"].get(name, {}), data)
                        for name in made}
        text = bytes(np.asarray(state["booster"], np.uint8)).decode()
        self.booster = lgb.Booster(model_str=text) if text else None
        self.best_rounds = int(state["best_rounds"])
        self.attach(data)
        return self


def _label_window(data: TrainData, label_days: float) -> tuple[TrainData, object]:
    """Hide each shopper's last day (label_days 0) or the data's last `label_days` days:
    the history the generators see, and the strong pairs to predict from it."""
    import scipy.sparse as sp

    m = data.interactions.tocsr()
    last = data.last_seen.tocsr() if data.last_seen is not None else None
    if last is None or not last.nnz:
        return data, sp.csr_matrix(m.shape, dtype=np.float32)
    coo = m.tocoo()
    when = _aligned(m, last)
    if label_days > 0:
        hidden = when > last.data.max() - label_days
    else:
        day = np.floor(when)  # calendar days: fractional days carry the time of day
        hidden = day >= row_max(last, np.floor)[coo.row]
    total = np.bincount(coo.row, minlength=m.shape[0])
    hidden_count = np.bincount(coo.row[hidden], minlength=m.shape[0])
    hidden &= (hidden_count < total)[coo.row]  # a shopper of one day keeps their history
    keep = ~hidden
    shape = m.shape
    history = TrainData(**{**data.__dict__,
                           "interactions": sp.csr_matrix((coo.data[keep], (coo.row[keep],
                                                                            coo.col[keep])),
                                                         shape=shape),
                           "last_seen": sp.csr_matrix((when[keep], (coo.row[keep],
                                                                    coo.col[keep])),
                                                      shape=shape)})
    strong = hidden & (coo.data >= min(STRONG, coo.data.max(initial=0)))
    labels = sp.csr_matrix((np.ones(strong.sum(), np.float32),
                            (coo.row[strong], coo.col[strong])), shape=shape)
    return history, labels


def row_max(m, transform=None) -> np.ndarray:
    """Each row's largest stored value (NaN for empty rows); implicit zeros ignored, as
    stored days may be negative."""
    data = m.data if transform is None else transform(m.data)
    out = np.full(m.shape[0], np.nan, np.float32)
    has = np.diff(m.indptr) > 0
    if has.any():
        out[has] = np.maximum.reduceat(data, m.indptr[:-1][has])
    return out


def _aligned(m, last) -> np.ndarray:
    """last_seen's value for each stored pair of `m`, in m's coo order."""
    m.sort_indices()
    last.sort_indices()
    if np.array_equal(m.indptr, last.indptr) and np.array_equal(m.indices, last.indices):
        return np.asarray(last.data, np.float32)
    coo = m.tocoo()
    return np.asarray(last[coo.row, coo.col], np.float32).ravel()
