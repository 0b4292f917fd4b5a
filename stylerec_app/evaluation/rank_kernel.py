"""One user's full ranking in a few compiled passes over the catalogue.

At 10^6 items the numpy version made a dozen passes per user (masking, a partition, a
count per relevant item): about 5 ms a user. Here the top k come from a heap in one pass
(candidacy is only checked for the rare item that beats the heap's worst), and the rank
of every relevant item (hence AP and AUC) from counting, per distinct relevant score,
the items above and equal to it: one vectorised pass per score when they are few, one
pass with a binary search otherwise; non-candidates are then taken back out one by one.
Ties rank by item index, exactly as a stable sort of every candidate would; scores are
read as numpy's nan_to_num(nan=-inf) makes them (NaN last, ±inf as ±largest finite).

Marks (one byte per item, set per user): EXCLUDED items are not candidates, RELEVANT
items always are, SEEN items (relevant in training, "all" candidates) are left out of
the second count that AUC uses.
"""

from __future__ import annotations

import numpy as np

from stylerec_app.domain.kernels import Kernel

EXCLUDED, RELEVANT, SEEN, TAKEN = 1, 2, 4, 8
FEW_SCORES = 64  # distinct relevant scores counted one vectorised pass each (else one pass)


def _factory(cache: bool):
    import numba

    jit = numba.njit(cache=cache, nogil=True)

    @jit
    def mapped(v, big):
        if v != v:
            return -np.inf
        if v == np.inf:
            return big
        if v == -np.inf:
            return -big
        return np.float64(v)

    @jit
    def candidate(i, known, mark):
        m = mark[i]
        return m & RELEVANT != 0 or (m & EXCLUDED == 0 and known[i])

    @jit
    def push(top_val, top_idx, n_top, k, v, i):
        """Into the min-heap whose root is the worst kept (lowest score, then latest index)."""
        if n_top < k:
            j = n_top
            while j > 0:
                p = (j - 1) // 2
                if top_val[p] < v or (top_val[p] == v and top_idx[p] > i):
                    break
                top_val[j], top_idx[j] = top_val[p], top_idx[p]
                j = p
            top_val[j], top_idx[j] = v, i
            return n_top + 1
        if not (v > top_val[0]):  # a later item with the root's score loses the tie
            return n_top
        j = 0
        while True:
            c = 2 * j + 1
            if c >= k:
                break
            if c + 1 < k and (top_val[c + 1] < top_val[c] or (
                    top_val[c + 1] == top_val[c] and top_idx[c + 1] > top_idx[c])):
                c += 1
            if v < top_val[c] or (v == top_val[c] and i > top_idx[c]):
                break
            top_val[j], top_idx[j] = top_val[c], top_idx[c]
            j = c
        top_val[j], top_idx[j] = v, i
        return n_top

    @jit
    def top_k(s, big, known, mark, k, top_val, top_idx):
        n, n_top, i = len(s), 0, 0
        while i < n and (n_top < k or top_val[0] == -np.inf):  # exact while NaN may enter
            if candidate(i, known, mark):
                n_top = push(top_val, top_idx, n_top, k, mapped(s[i], big), i)
            i += 1
        root = top_val[0] if n_top else np.inf
        while i < n:  # the root is above -inf now: only a higher raw score can enter
            if s[i] > root and candidate(i, known, mark):
                n_top = push(top_val, top_idx, n_top, k, mapped(s[i], big), i)
                root = top_val[0]
            i += 1
        return n_top

    @jit
    def count_range(s, value, start, end):
        part = s[start:end]  # a zero-based loop: LLVM vectorises it (a range(start, …) not)
        above, same = 0, 0
        for i in range(len(part)):
            above += part[i] > value
            same += part[i] == value
        return above, same

    @jit
    def count_few(s, q, rel, group, greater, equal, before):
        """One vectorisable pass per distinct relevant score (all finite), every item."""
        for g in range(len(q)):
            above, same, start = 0, 0, 0
            for j in range(len(rel)):
                if group[j] == g:
                    a, e = count_range(s, q[g], start, rel[j])
                    above, same, start = above + a, same + e, rel[j]
                    before[j] = same
            a, e = count_range(s, q[g], start, len(s))
            greater[g], equal[g] = above + a, same + e

    @jit
    def uncount(s, q, rel, group, greater, equal, before, i):
        v = s[i]
        for g in range(len(q)):
            if v > q[g]:
                greater[g] -= 1
            elif v == q[g]:
                equal[g] -= 1
                for j in range(len(rel)):
                    if group[j] == g and rel[j] > i:
                        before[j] -= 1

    @jit
    def drop_non_candidates(s, q, known, mark, excluded, unknown, rel, group, greater, equal,
                            before):
        """Takes the non-candidates back out of counts made over every item."""
        dropped = 0
        for i in unknown:
            if mark[i] & RELEVANT == 0:
                uncount(s, q, rel, group, greater, equal, before, i)
                dropped += 1
        for i in excluded:
            if mark[i] == EXCLUDED and known[i]:
                mark[i] = EXCLUDED | TAKEN  # once, even if listed twice
                uncount(s, q, rel, group, greater, equal, before, i)
                dropped += 1
        return len(s) - dropped

    @jit
    def count_many(s, big, known, mark, q, greater, equal, before):
        """One pass, a binary search per item among the distinct relevant scores."""
        n_groups, valid, ptr = len(q), 0, 0
        hist = np.zeros(n_groups + 1, np.int64)
        for i in range(len(s)):
            if not candidate(i, known, mark):
                continue
            valid += 1
            v = mapped(s[i], big)
            if v < q[0]:
                continue
            lo, hi = 0, n_groups  # lo = how many distinct relevant scores lie below v
            while lo < hi:
                mid = (lo + hi) // 2
                if q[mid] < v:
                    lo = mid + 1
                else:
                    hi = mid
            hist[lo] += 1
            if lo < n_groups and q[lo] == v:
                if mark[i] & RELEVANT:
                    before[ptr] = equal[lo]  # tied candidates at lower indices
                    ptr += 1
                equal[lo] += 1
        above = 0
        for g in range(n_groups - 1, -1, -1):
            above += hist[g + 1]
            greater[g] = above
        return valid

    @jit
    def drop_seen(s, big, known, mark, seen, q, greater, equal):
        """AUC's counts without the items relevant in training ("all" candidates)."""
        dropped = 0
        for i in seen:
            if candidate(i, known, mark) and mark[i] & TAKEN == 0:
                mark[i] |= TAKEN
                v = mapped(s[i], big)
                for g in range(len(q)):
                    if v > q[g]:
                        greater[g] -= 1
                    elif v == q[g]:
                        equal[g] -= 1
                dropped += 1
        return dropped

    return top_k, count_few, drop_non_candidates, count_many, drop_seen


_kernels = Kernel(_factory)


def rank_full(s: np.ndarray, known: np.ndarray, unknown: np.ndarray, mark: np.ndarray,
              rel: np.ndarray, excluded: np.ndarray, seen: np.ndarray | None, max_k: int):
    """Top max_k, full-ranking AP and AUC for one user. `rel` sorted and unique, `unknown`
    the items not `known`, `mark` all zero (and left so). `seen` given for "all"
    candidates: AUC leaves those items out."""
    top_k, count_few, drop_non_candidates, count_many, drop_seen = _kernels.get()
    big = float(np.finfo(s.dtype).max)
    scores = np.nan_to_num(s[rel], nan=-np.inf).astype(np.float64)
    q, group = np.unique(scores, return_inverse=True)
    greater, equal = np.zeros(len(q), np.int64), np.zeros(len(q), np.int64)
    before = np.zeros(len(rel), np.int64)
    top_val, top_idx = np.empty(max_k, np.float64), np.empty(max_k, np.int64)
    mark[excluded] = EXCLUDED
    mark[rel] = RELEVANT
    try:
        n_top = top_k(s, big, known, mark, max_k, top_val, top_idx)
        if len(q) <= FEW_SCORES and -big < q[0] and q[-1] < big:
            native = q.astype(s.dtype)  # exact: every q is one of s's own values
            count_few(s, native, rel, group, greater, equal, before)
            valid = drop_non_candidates(s, native, known, mark, excluded, unknown, rel, group,
                                        greater, equal, before)
        else:
            valid = count_many(s, big, known, mark, q, greater, equal, before)
        ranks = greater[group] + before
        ap = float(((np.arange(len(rel)) + 1) / (np.sort(ranks) + 1)).sum() / len(rel))
        if seen is not None and len(seen):
            valid -= drop_seen(s, big, known, mark, seen, q, greater, equal)
            keep = ~np.isin(rel, seen)
            group, scores = group[keep], scores[keep]
    finally:
        mark[excluded] = 0
        mark[rel] = 0
        if seen is not None:
            mark[seen] = 0
    top_idx, top_val = top_idx[:n_top], top_val[:n_top]
    order = top_idx[np.lexsort((top_idx, -top_val))]
    less = valid - greater[group] - equal[group]
    return order, ap, _auc(less, equal[group], scores, valid)


def _auc(less: np.ndarray, equal: np.ndarray, rel_scores: np.ndarray, n_candidates: int) -> float:
    """Share of (relevant, other candidate) pairs ordered correctly, ties counted half."""
    r = len(rel_scores)
    negatives = n_candidates - r
    if not r or not negatives:
        return float("nan")
    q = np.sort(rel_scores)
    rel_below = np.searchsorted(q, rel_scores, side="left")
    rel_equal = np.searchsorted(q, rel_scores, side="right") - rel_below
    below, tied = less - rel_below, equal - rel_equal
    return float((below + 0.5 * tied).sum() / (r * negatives))
