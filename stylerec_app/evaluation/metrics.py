"""Ranking metrics per user, with the definitions spelled out (libraries disagree).

All take `ranked` (item indices, best first, already-seen items removed) and
`relevant` (the user's held-out items). With k the cut-off and R = |relevant|:

- Recall@k    = hits in top k / R
- Precision@k = hits in top k / k          (k, not min(k, R): Cornac and RecBole agree)
- HitRate@k   = 1 if any hit in top k
- MRR@k       = 1 / rank of the first hit within k (0 if none)
- NDCG@k      = DCG@k / IDCG@k, gain 1 per hit, discount log2(rank + 1)
- MAP@k       = (Σ_{i≤k, hit at i} Precision@i) / min(k, R)   (RecBole's convention;
                Cornac's MAP is over the full ranking: use `average_precision`)
- AUC         = share of (relevant, non-relevant) pairs ordered correctly among the
                scored candidates
"""

from __future__ import annotations

import numpy as np


def _items(relevant) -> np.ndarray:
    """A set, list or array of item indices as an int array."""
    if isinstance(relevant, np.ndarray):
        return relevant.astype(np.int64, copy=False)
    return np.fromiter(relevant, dtype=np.int64)


def _hits(ranked, relevant, k: int) -> np.ndarray:
    top = np.asarray(ranked)[:k]
    return np.isin(top, _items(relevant)).astype(np.float64)


def recall(ranked, relevant, k: int) -> float:
    return float(_hits(ranked, relevant, k).sum() / len(relevant)) if len(relevant) else 0.0


def precision(ranked, relevant, k: int) -> float:
    return float(_hits(ranked, relevant, k).sum() / k)


def hit_rate(ranked, relevant, k: int) -> float:
    return float(_hits(ranked, relevant, k).any())


def mrr(ranked, relevant, k: int) -> float:
    hits = _hits(ranked, relevant, k)
    first = np.flatnonzero(hits)
    return float(1.0 / (first[0] + 1)) if len(first) else 0.0


def ndcg(ranked, relevant, k: int) -> float:
    hits = _hits(ranked, relevant, k)
    discounts = 1.0 / np.log2(np.arange(2, len(hits) + 2))
    ideal = discounts[: min(k, len(relevant))].sum()
    return float((hits * discounts).sum() / ideal) if ideal else 0.0


def _precision_at_hits(ranked, relevant, k: int) -> float:
    hits = _hits(ranked, relevant, k)
    return float((np.cumsum(hits) / np.arange(1, len(hits) + 1) * hits).sum())


def map_at_k(ranked, relevant, k: int) -> float:
    return _precision_at_hits(ranked, relevant, k) / min(k, len(relevant)) if len(relevant) else 0.0


def average_precision(ranked, relevant) -> float:
    """AP over the whole ranking (Cornac's MAP): divided by every relevant item."""
    return _precision_at_hits(ranked, relevant, len(ranked)) / len(relevant) if len(relevant) else 0.0


def auc(scores: np.ndarray, relevant, candidates: np.ndarray) -> float:
    """AUC over `candidates` (item indices eligible for ranking), ties counted half.

    (Cornac counts ties as misordered; with real-valued scores ties are rare.)
    """
    rel = np.isin(candidates, _items(relevant))
    pos, neg = scores[candidates[rel]], np.sort(scores[candidates[~rel]])
    if not len(pos) or not len(neg):
        return float("nan")
    below = np.searchsorted(neg, pos, side="left")
    tied = np.searchsorted(neg, pos, side="right") - below
    return float((below + 0.5 * tied).sum() / (len(pos) * len(neg)))


# -- beyond accuracy (over all users' lists) -------------------------------------------------------

def coverage(lists: list, n_items: int) -> float:
    """Share of the catalogue that appears in at least one list."""
    return len({int(i) for top in lists for i in top}) / n_items if n_items else 0.0


def novelty(lists: list, popularity: np.ndarray, n_users: int) -> float:
    """Mean self-information −log2(p(i)) of recommended items (p = share of users with i)."""
    p = np.clip(popularity / max(n_users, 1), 1e-12, 1.0)
    values = [-np.log2(p[int(i)]) for top in lists for i in top]
    return float(np.mean(values)) if values else 0.0


def intra_list_diversity(top, vectors: np.ndarray) -> float:
    """Mean pairwise cosine distance between the items of one list."""
    if len(top) < 2:
        return 0.0
    v = vectors[np.asarray(top)]
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    sims = v @ v.T
    n = len(top)
    return float((1 - sims)[np.triu_indices(n, 1)].mean())


def popularity_bias(lists: list, popularity: np.ndarray) -> float:
    """Mean popularity percentile (0 = least popular, 1 = most) of recommended items."""
    order = np.argsort(np.argsort(popularity, kind="stable"), kind="stable")
    pct = order / max(len(popularity) - 1, 1)
    values = [pct[int(i)] for top in lists for i in top]
    return float(np.mean(values)) if values else 0.0
