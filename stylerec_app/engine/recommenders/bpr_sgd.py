"""BPR with uniformly sampled negatives, as in Rendle et al. (2009) and Cornac.

`implicit`'s BPR draws each negative from the interaction list (so popular items
are drawn more often as negatives); that ranks better here but is not the
textbook model that published tables report. This is the textbook one: factors
initialised U(−0.5, 0.5)/k, an item bias, each step a random (user, positive) pair
and a uniform negative (skipped when the user had it), plain SGD with L2.
Updates are applied in small batches of summed per-sample gradients, which for the
small learning rates BPR uses matches one-at-a-time SGD closely. The epoch loop is a
numba kernel in float32.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.kernels import Kernel
from stylerec_app.domain.progress import Progress


def fit_uniform_bpr(positives: sp.csr_matrix, factors: int, learning_rate: float,
                    regularization: float, iterations: int, seed: int, progress, cancel,
                    batch: int = 512) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Returns user factors, item factors and item biases."""
    import torch

    n_users, n_items = positives.shape
    rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(seed)
    u_f = ((torch.rand(n_users, factors, generator=gen) - 0.5) / factors).numpy()
    i_f = ((torch.rand(n_items, factors, generator=gen) - 0.5) / factors).numpy()
    bias = np.zeros(n_items, np.float32)
    coo = positives.tocoo()
    users, items = coo.row.astype(np.int64), coo.col.astype(np.int64)
    known = np.sort(users * n_items + items)
    lr, reg = np.float32(learning_rate), np.float32(regularization)
    for epoch in range(iterations):
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        pick = rng.integers(0, len(users), len(users))
        neg = rng.integers(0, n_items, len(users))
        key = users[pick] * n_items + neg
        pos = np.searchsorted(known, key).clip(max=len(known) - 1)
        keep = known[pos] != key  # a sampled "negative" the user had: skipped, as Cornac does
        _epoch(u_f, i_f, bias, users[pick][keep], items[pick][keep], neg[keep], lr, reg, batch)
        progress(Progress(epoch + 1, iterations, "fit"))
    return u_f, i_f, bias


def _kernel(cache: bool):
    import numba

    @numba.njit(cache=cache, nogil=True)
    def epoch(u_f, i_f, bias, us, its, js, lr, reg, batch):
        k = u_f.shape[1]
        one = np.float32(1.0)
        zs = np.empty(batch, np.float32)
        du = np.empty((batch, k), np.float32)
        di = np.empty((batch, k), np.float32)
        dj = np.empty((batch, k), np.float32)
        for start in range(0, len(us), batch):
            end = min(start + batch, len(us))
            # every gradient from the parameters as they stood before the batch
            for s in range(start, end):
                u, i, j = us[s], its[s], js[s]
                dot = np.float32(0.0)
                for f in range(k):
                    dot += u_f[u, f] * (i_f[i, f] - i_f[j, f])
                z = one / (one + np.exp((bias[i] - bias[j]) + dot))
                b = s - start
                zs[b] = z
                for f in range(k):
                    pu, qi, qj = u_f[u, f], i_f[i, f], i_f[j, f]
                    du[b, f] = lr * (z * (qi - qj) - reg * pu)
                    di[b, f] = lr * (z * pu - reg * qi)
                    dj[b, f] = lr * (-z * pu - reg * qj)
            for s in range(start, end):
                b = s - start
                for f in range(k):
                    u_f[us[s], f] += du[b, f]
            for s in range(start, end):
                b = s - start
                for f in range(k):
                    i_f[its[s], f] += di[b, f]
            for s in range(start, end):
                b = s - start
                for f in range(k):
                    i_f[js[s], f] += dj[b, f]
            for s in range(start, end):  # the positive's bias first, then the negative's
                du[s - start, 0] = lr * (zs[s - start] - reg * bias[its[s]])
            for s in range(start, end):
                bias[its[s]] += du[s - start, 0]
            for s in range(start, end):
                du[s - start, 0] = lr * (-zs[s - start] - reg * bias[js[s]])
            for s in range(start, end):
                bias[js[s]] += du[s - start, 0]
        return 0

    return epoch


_epoch = Kernel(_kernel)
