"""Top-k cosine neighbours per item, computed a block of items at a time in compiled code.

The item × item co-occurrence matrix never exists. For each item of a block, a compiled
loop counts its co-occurrences into a dense per-thread counter (Gustavson's row-by-row
product), turns them into shrunk cosines in float32 (the arithmetic numpy does) and keeps
the k best. Where ties at the k-th value make the choice of entries matter, the row goes
back to numpy's argpartition over its entries in column order, so the result is exactly
what the scipy product followed by a per-row argpartition gave (tested against it).
At 10^6 items and 10^7 events that is minutes instead of a quarter of an hour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.kernels import Kernel
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink

if TYPE_CHECKING:
    import scipy.sparse as sp

# Upper bound on the co-occurrence entries one block of items may produce (bounds the
# memory a block's undecided rows can take: 8 bytes each).
BLOCK_ENTRIES = 20_000_000


def _factory(cache: bool):
    import numba

    @numba.njit(cache=cache, nogil=True)
    def block(x_ptr, x_idx, xt_ptr, xt_idx, norms, shrink, start, end, k, out_r, out_c,
              out_v, tie_rows, tie_ptr, tie_c, tie_v):
        n_items = len(norms)
        count = np.zeros(n_items, np.int32)
        touched = np.empty(n_items, np.int64)
        vals = np.empty(n_items, np.float32)
        eps = np.float32(1e-9)
        n_out, n_tie_rows, n_tie = 0, 0, 0
        tie_ptr[0] = 0
        for item in range(start, end):
            t = 0
            for p in range(xt_ptr[item], xt_ptr[item + 1]):
                user = xt_idx[p]
                for q in range(x_ptr[user], x_ptr[user + 1]):
                    other = x_idx[q]
                    if count[other] == 0:
                        touched[t] = other
                        t += 1
                    count[other] += 1
            in_order = t * 16 > n_items  # a scan of the counts beats sorting what was touched
            if in_order:
                t = 0
                for other in range(n_items):
                    if count[other]:
                        touched[t] = other
                        t += 1
            m = 0
            for j in range(t):  # shrunk cosine, self left out
                other = touched[j]
                if other != item:
                    touched[m] = other
                    vals[m] = np.float32(count[other]) / (
                        norms[item] * norms[other] + shrink + eps)
                    m += 1
                count[other] = 0
            if m <= k:
                for j in range(m):
                    out_r[n_out], out_c[n_out], out_v[n_out] = item, touched[j], vals[j]
                    n_out += 1
                continue
            kth = -np.partition(-vals[:m], k - 1)[k - 1]
            above, tied = 0, 0
            for j in range(m):
                above += vals[j] > kth
                tied += vals[j] == kth
            if above + tied == k:  # no choice among ties: exactly these k
                for j in range(m):
                    if vals[j] >= kth:
                        out_r[n_out], out_c[n_out], out_v[n_out] = item, touched[j], vals[j]
                        n_out += 1
                continue
            if in_order:  # ties decided in numpy, over the entries in column order
                tie_c[n_tie : n_tie + m] = touched[:m]
                tie_v[n_tie : n_tie + m] = vals[:m]
            else:
                order = np.argsort(touched[:m])
                for j in range(m):
                    tie_c[n_tie + j] = touched[order[j]]
                    tie_v[n_tie + j] = vals[order[j]]
            n_tie += m
            tie_rows[n_tie_rows] = item
            n_tie_rows += 1
            tie_ptr[n_tie_rows] = n_tie
        return n_out, n_tie_rows

    return block


_block = Kernel(_factory)


def cosine_neighbours(x: sp.csr_matrix, k: int, shrink: float, progress: ProgressSink,
                      cancel: CancelToken | None, workers: int = 2) -> sp.csr_matrix:
    """Users × items `x` (binary float32) → items × items, each row its k best cosines."""
    import scipy.sparse as sp

    x = x.tocsr()
    x.sort_indices()
    if not x.shape[1]:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    xt = x.T.tocsr()
    n = x.shape[1]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(0)).ravel()).astype(np.float32)
    cost = xt @ np.diff(x.indptr).astype(np.float64)  # entries a row can have, at most
    bounds = _blocks(cost, BLOCK_ENTRIES)
    args = (x.indptr.astype(np.int64), x.indices.astype(np.int64),
            xt.indptr.astype(np.int64), xt.indices.astype(np.int64), norms,
            np.float32(shrink))

    def run(bound: tuple[int, int]):
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        start, end = bound
        size = end - start
        room = int(min(cost[start:end].sum(), size * n)) + 1
        kept = min(size * k, room)  # entries a block keeps, at most
        out_r, out_c = np.empty(kept, np.int32), np.empty(kept, np.int32)
        out_v = np.empty(kept, np.float32)
        tie_rows, tie_ptr = np.empty(size, np.int64), np.empty(size + 1, np.int64)
        tie_c, tie_v = np.empty(room, np.int32), np.empty(room, np.float32)
        n_out, n_ties = _block(*args, start, end, k, out_r, out_c, out_v, tie_rows, tie_ptr,
                               tie_c, tie_v)
        rows, cols, vals = [out_r[:n_out]], [out_c[:n_out]], [out_v[:n_out]]
        for row in range(n_ties):
            lo, hi = tie_ptr[row], tie_ptr[row + 1]
            top = np.argpartition(-tie_v[lo:hi], k - 1)[:k]
            rows.append(np.full(k, tie_rows[row], np.int32))
            cols.append(tie_c[lo:hi][top])
            vals.append(tie_v[lo:hi][top])
        rows = np.concatenate(rows)
        order = np.argsort(rows, kind="stable")  # the undecided rows came last
        return (np.bincount(rows - start, minlength=size),
                np.concatenate(cols)[order], np.concatenate(vals)[order])

    parts = []
    if workers > 1 and len(bounds) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            for step, part in enumerate(pool.map(run, bounds)):
                parts.append(part)
                progress(Progress(step + 1, len(bounds), "fit"))
    else:
        for step, bound in enumerate(bounds):
            parts.append(run(bound))
            progress(Progress(step + 1, len(bounds), "fit"))
    counts, cols, vals = (np.concatenate(p) for p in zip(*parts, strict=True))
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    del counts
    similarity = sp.csr_matrix((vals, cols, indptr), shape=(n, n))
    similarity.sort_indices()  # canonical, as a product would give it
    return similarity


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


def transposed_neighbours(holder):
    """holder.similarity.T as CSR, made once per similarity matrix: a product with the
    plain transpose (CSC) makes scipy convert it to CSR every time — 10^8 entries per
    block at 10^6 items."""
    cached = getattr(holder, "_transposed", None)
    if cached is None or cached[0] is not holder.similarity:
        cached = (holder.similarity, holder.similarity.T.tocsr())
        holder._transposed = cached
    return cached[1]
