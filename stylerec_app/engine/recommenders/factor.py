"""Matrix factorisation for implicit feedback: ALS and BPR from `implicit`, VBPR in torch.

`implicit` is well kept, fast (Cython, multithreaded) and exact for ALS/BPR; we
use it rather than re-deriving those solvers. VBPR (He & McAuley, 2016) has no
maintained implementation that takes our image vectors, so it is written here:
a BPR model whose items also get a visual factor from their image embedding,
which lets it rank products nobody has bought yet.
"""

from __future__ import annotations

import warnings

import numpy as np

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import CancelToken, Progress, ignore_progress
from stylerec_app.engine.recommenders.base import Recommender


class _ImplicitModel(Recommender):
    state_fields = ("user_factors", "item_factors")

    def _callback(self, progress, cancel, iterations):
        def callback(iteration, *_stats):  # ALS passes (elapsed, loss); BPR more
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            progress(Progress(iteration + 1, iterations, "fit"))

        return callback

    def scores(self, user):
        return self.user_factors[user] @ self.item_factors.T

    def scores_many(self, users):
        return self.user_factors[users] @ self.item_factors.T


class ALS(_ImplicitModel):
    grid = ({"factors": 32, "regularization": 0.05}, {"factors": 64, "regularization": 0.05},
            {"factors": 64, "regularization": 0.5})

    def __init__(self, factors: int = 64, regularization: float = 0.05, alpha: float = 2.0,
                 iterations: int = 15, seed: int = 0) -> None:
        super().__init__("als", {"factors": factors, "regularization": regularization,
                                 "alpha": alpha, "iterations": iterations, "seed": seed})

    def fit(self, data, progress=ignore_progress, cancel=None):
        from implicit.cpu.als import AlternatingLeastSquares

        p = self.params
        with warnings.catch_warnings():  # implicit's OpenBLAS-threads advice; harmless here
            warnings.simplefilter("ignore", RuntimeWarning)
            model = AlternatingLeastSquares(
                factors=p["factors"], regularization=p["regularization"], alpha=p["alpha"],
                iterations=p["iterations"], random_state=p["seed"], num_threads=0)
        weights = data.interactions.copy().tocsr()
        weights.data = np.log1p(np.clip(weights.data, 0, None)).astype(np.float32)
        weights.eliminate_zeros()
        with warnings.catch_warnings():  # the OpenBLAS thread advice; we run single fits
            warnings.simplefilter("ignore", RuntimeWarning)
            model.fit(weights, show_progress=False,
                      callback=self._callback(progress, cancel, p["iterations"]))
        self.user_factors = np.asarray(model.user_factors)
        self.item_factors = np.asarray(model.item_factors)
        return self


class BPR(_ImplicitModel):
    """negatives="popular": implicit's sampler (negatives drawn from the interaction list);
    "uniform": the textbook sampler that Cornac and the published tables use."""

    grid = ({"factors": 64, "negatives": "uniform", "learning_rate": 0.05, "iterations": 50},
            {"factors": 64, "negatives": "popular", "learning_rate": 0.05, "iterations": 100})

    def __init__(self, factors: int = 64, learning_rate: float = 0.05,
                 regularization: float = 0.01, iterations: int = 100, seed: int = 0,
                 negatives: str = "popular") -> None:
        if negatives not in ("popular", "uniform"):
            raise TypeError("negatives must be 'popular' or 'uniform'")
        super().__init__("bpr", {"factors": factors, "learning_rate": learning_rate,
                                 "regularization": regularization, "iterations": iterations,
                                 "seed": seed, "negatives": negatives})

    def fit(self, data, progress=ignore_progress, cancel=None):
        from implicit.cpu.bpr import BayesianPersonalizedRanking

        p = self.params
        if p.get("negatives") == "uniform":
            from stylerec_app.engine.recommenders.bpr_sgd import fit_uniform_bpr

            users, items, bias = fit_uniform_bpr(
                data.binary(), p["factors"], p["learning_rate"], p["regularization"],
                p["iterations"], p["seed"], progress, cancel)
            # the bias as a last factor against a constant 1, as implicit stores it
            self.user_factors = np.hstack([users, np.ones((len(users), 1), np.float32)])
            self.item_factors = np.hstack([items, bias[:, None]])
            return self
        model = BayesianPersonalizedRanking(factors=p["factors"], learning_rate=p["learning_rate"],
                                            regularization=p["regularization"],
                                            iterations=p["iterations"], random_state=p["seed"],
                                            num_threads=1)  # hogwild threads: not reproducible
        model.fit(data.binary(), show_progress=False,
                  callback=self._callback(progress, cancel, p["iterations"]))
        self.user_factors = np.asarray(model.user_factors)
        self.item_factors = np.asarray(model.item_factors)
        return self


class VBPR(Recommender):
    """score(u, i) = β_i + γ_u·γ_i + θ_u·(Eᵀ f_i) + β′·f_i, trained with the BPR loss."""

    state_fields = ("user_factors", "item_factors", "item_bias")
    needs = frozenset({"images"})
    trains_on_device = True

    def __init__(self, factors: int = 32, visual_factors: int = 32, epochs: int = 30,
                 lr: float = 0.01, reg: float = 1e-4, batch: int = 2048, seed: int = 0,
                 device: str = "cpu") -> None:
        super().__init__("vbpr", {"factors": factors, "visual_factors": visual_factors,
                                  "epochs": epochs, "lr": lr, "reg": reg, "batch": batch,
                                  "seed": seed})
        self.device = str(device)

    def fit(self, data, progress=ignore_progress, cancel: CancelToken | None = None):
        import torch

        if data.image is None:
            raise ValueError("VBPR needs image vectors: build profiles first")
        p = self.params
        gen = torch.Generator().manual_seed(p["seed"])
        rng = np.random.default_rng(p["seed"])
        n_users, n_items = data.n_users, data.n_items
        feats = torch.as_tensor(data.image, dtype=torch.float32, device=self.device)
        k, kv, d = p["factors"], p["visual_factors"], feats.shape[1]

        def param(*shape, scale=0.01):
            return torch.nn.Parameter((torch.randn(*shape, generator=gen) * scale)
                                      .to(self.device))

        gu, gi = param(n_users, k), param(n_items, k)
        tu, e = param(n_users, kv), param(d, kv, scale=0.01)
        bi = torch.nn.Parameter(torch.zeros(n_items, device=self.device))
        bv = torch.nn.Parameter(torch.zeros(d, device=self.device))
        opt = torch.optim.Adam([gu, gi, tu, e, bi, bv], lr=p["lr"])
        pos = data.binary().tocoo()
        users, items = pos.row.astype(np.int64), pos.col.astype(np.int64)
        seen = data.binary().tocsr()

        def score_difference(u, i, j):
            """score(u, i) − score(u, j), projecting each distinct photo of the batch once
            (a small catalog's batch names each product many times)."""
            both, twice = torch.cat([i, j]), torch.cat([u, u])
            distinct, where = torch.unique(both, return_inverse=True)
            f = feats[distinct]
            scores = (bi[both] + (gu[twice] * gi[both]).sum(1)
                      + (tu[twice] * (f @ e)[where]).sum(1) + (f @ bv)[where])
            return scores[: len(i)] - scores[len(i):]

        for epoch in range(p["epochs"]):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            order = rng.permutation(len(users))
            for start in range(0, len(order), p["batch"]):
                idx = order[start : start + p["batch"]]
                u = users[idx]
                i = items[idx]
                j = rng.integers(0, n_items, len(idx))
                # resample negatives that the user has seen (one pass is enough here)
                clash = np.asarray(seen[u, j]).ravel() > 0
                j[clash] = rng.integers(0, n_items, int(clash.sum()))
                ut, it, jt = (torch.as_tensor(a, device=self.device) for a in (u, i, j))
                diff = score_difference(ut, it, jt)
                loss = -torch.nn.functional.logsigmoid(diff).mean()
                loss = loss + p["reg"] * (gu[ut].pow(2).sum() + gi[it].pow(2).sum()
                                          + gi[jt].pow(2).sum() + tu[ut].pow(2).sum()
                                          + bi[jt].pow(2).sum()) / len(idx)
                opt.zero_grad()
                loss.backward()
                opt.step()
            progress(Progress(epoch + 1, p["epochs"], "fit"))
        with torch.no_grad():
            visual = feats @ e
            self.user_factors = torch.cat([gu, tu], 1).cpu().numpy()
            self.item_factors = torch.cat([gi, visual], 1).cpu().numpy()
            self.item_bias = (bi + feats @ bv).cpu().numpy()
        return self

    def scores(self, user):
        return self.item_bias + self.user_factors[user] @ self.item_factors.T

    def scores_many(self, users):
        return self.item_bias[None] + self.user_factors[users] @ self.item_factors.T
