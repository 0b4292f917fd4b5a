"""Style personas: shoppers grouped by style blend and taste with k-means (scikit-learn).

Features are square roots of distributions (the style blend and the category shares), so
Euclidean distance between them is the Hellinger distance: the two parts weigh alike and
no share dominates by scale. The number of personas is the k with the best silhouette
(on a sample, which is what makes it affordable at a million shoppers) unless given."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SILHOUETTE_SAMPLE = 4000
MINI_BATCH_ABOVE = 50_000  # shoppers: past this, mini-batch k-means (same answer, less time)


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # cluster of each row
    distances: np.ndarray  # each row's distance to its cluster centre
    k: int
    silhouettes: dict[int, float]  # k → silhouette (the tried k; one entry when k was given)


def features(blends: np.ndarray, categories: np.ndarray) -> np.ndarray:
    """Rows of [√blend, √category shares] / √2, each part normalised to sum 1 first."""
    def root(part: np.ndarray) -> np.ndarray:
        part = np.clip(np.asarray(part, np.float64), 0, None)
        total = part.sum(1, keepdims=True)
        return np.sqrt(np.divide(part, total, out=np.zeros_like(part), where=total > 0))

    return (np.hstack([root(blends), root(categories)]) / np.sqrt(2.0)).astype(np.float32)


def _fit(x: np.ndarray, k: int, seed: int):
    from sklearn.cluster import KMeans, MiniBatchKMeans  # a second to import: only to cluster

    if len(x) > MINI_BATCH_ABOVE:
        return MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096).fit(x)
    return KMeans(k, random_state=seed, n_init=4).fit(x)


def cluster(x: np.ndarray, k: int | None = None, k_range=range(2, 9), seed: int = 0,
            should_stop=lambda: None) -> Clustering:
    """k-means on the rows of x; k by silhouette over k_range when not given."""
    from sklearn.metrics import silhouette_score

    n = len(x)
    if n < 2:
        raise ValueError("at least two shoppers with a profile are needed to form personas")
    rng = np.random.default_rng(seed)
    sample = rng.choice(n, min(n, SILHOUETTE_SAMPLE), replace=False)
    tried = [k] if k else [c for c in k_range if 2 <= c < n]
    fits, scores = {}, {}
    for c in tried:
        should_stop()
        c = min(int(c), n)
        model = _fit(x, c, seed)
        fits[c] = model
        labels = model.labels_[sample]
        scores[c] = (float(silhouette_score(x[sample], labels, random_state=seed))
                     if 1 < len(set(labels.tolist())) < len(sample) else -1.0)
    best = max(scores, key=lambda c: (scores[c], -c))
    model = fits[best]
    centres = model.cluster_centers_[model.labels_]
    return Clustering(model.labels_.astype(np.int64),
                      np.linalg.norm(x - centres, axis=1).astype(np.float32), best, scores)
